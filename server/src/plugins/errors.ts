/**
 * Maps every error — ours, the framework's, the database's — to the contract's REST shape
 * `{ statusCode, error, code, message }`, once, for every route. 5xx answers never carry internals.
 */
import { statusText, validationMessage, type ErrorCode, type WireError } from '@circles/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { localeOf, msg, type MessageKey } from '../i18n/index.js';
import { AppError, toAppError, validationError } from '../lib/appError.js';
import { sendSpaPage, type SpaPages } from './spa.js';

/** Answers `err` in the language of the person asking (their saved locale, else Accept-Language). */
export function sendError(reply: FastifyReply, err: AppError): FastifyReply {
  const { message, details } = err.localize(localeOf(reply.request));
  const body: WireError = {
    statusCode: err.statusCode,
    error: statusText[err.statusCode] ?? 'Error',
    code: err.code,
    message,
  };
  if (details !== undefined) body.details = details;
  if (err.retryAfter !== undefined) reply.header('Retry-After', String(err.retryAfter));
  return reply.status(err.statusCode).type('application/json; charset=utf-8').send(body);
}

/** Framework error codes that are the caller's fault, with the contract code and the text each becomes. */
const FRAMEWORK_ERRORS: Record<string, [ErrorCode, MessageKey]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['VALIDATION_ERROR', 'errors.invalidJson'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['VALIDATION_ERROR', 'errors.emptyJson'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['VALIDATION_ERROR', 'errors.jsonOnly'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['VALIDATION_ERROR', 'errors.badContentLength'],
  FST_ERR_VALIDATION: ['VALIDATION_ERROR', 'errors.invalidRequest'],
  FST_ERR_BAD_URL: ['VALIDATION_ERROR', 'errors.badUrl'],
  FST_ERR_ASYNC_CONSTRAINT: ['VALIDATION_ERROR', 'errors.invalidRequest'],
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: ['UNAUTHORIZED', 'auth.signIn'],
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: ['UNAUTHORIZED', 'auth.signIn'],
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: ['UNAUTHORIZED', 'auth.signIn'],
  FST_JWT_BAD_REQUEST: ['UNAUTHORIZED', 'auth.signIn'],
  FST_ERR_INVALID_URL: ['VALIDATION_ERROR', 'errors.badUrl'],
  FST_ERR_MAX_PARAM_LENGTH: ['URI_TOO_LONG', 'errors.uriTooLong'],
};

/**
 * Longest request address read (path and query). Ours are short — slugs, ids, a 200-character search,
 * a cursor — so anything longer is junk or a probe, answered 414 before any work. (Past Node's 16 KiB
 * header limit, Node itself answers 431 before the app sees the request.)
 */
export const MAX_URL_LENGTH = 4096;

/**
 * Fastify's `frameworkErrors`: the router's refusals (an undecodable path, an overlong path segment)
 * happen before any hook runs, so they get the security headers and the contract's shape here.
 */
export function frameworkErrorsHandler(securityHeaders: Record<string, string>) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(securityHeaders);
    sendError(reply, fromFramework(error) ?? new AppError('VALIDATION_ERROR', 'errors.badUrl'));
  };
}

function fromFramework(err: FastifyError): AppError | null {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    return validationError(
      err.validation.map((v) => {
        const { key, params } = validationMessage({ code: v.keyword, message: v.message, ...v.params });
        return {
          field: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
          problem: msg(key, params),
        };
      }),
    );
  }
  const known = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
  if (known) return new AppError(known[0], known[1]);
  if (err.statusCode === 429) return new AppError('RATE_LIMITED', 'errors.rateLimited');
  if (err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge');
  if (err.statusCode === 415) return new AppError('VALIDATION_ERROR', 'errors.jsonOnly');
  return null;
}

/** Paths that belong to the server, never to the SPA's client-side router. */
const SERVER_PATHS = /^\/(api|docs|socket\.io|metrics)(\/|$)/;

export const errorsPlugin = fp(async (app: FastifyInstance, opts: { spaPages: SpaPages | null }) => {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) {
      sendError(reply, new AppError('URI_TOO_LONG', 'errors.uriTooLong'));
      return;
    }
    done();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = (error instanceof AppError ? error : fromFramework(error)) ?? toAppError(error);
    if (appError.code === 'UNAVAILABLE' && error instanceof AppError) {
      // A refusal we chose (load shed, draining, the read gate full): expected under pressure, and a crowd
      // of them must not flood the log with stacks.
      request.log.warn({ code: appError.code, reason: appError.key }, 'request refused');
    } else if (appError.statusCode >= 500) {
      // Log the real cause for operators; the client only sees the generic message.
      request.log.error({ err: error, code: appError.code }, 'request failed');
    }
    if (appError.code === 'RATE_LIMITED' && !reply.hasHeader('Retry-After')) {
      const retry = Number(reply.getHeader('x-ratelimit-reset') ?? 60);
      reply.header('Retry-After', String(Number.isFinite(retry) ? Math.max(1, retry) : 60));
    }
    return sendError(reply, appError);
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    // Client routes (/groups/x, /login) get the SPA's index.html so a reload lands on the same screen.
    if (opts.spaPages && request.method === 'GET' && !SERVER_PATHS.test(url) && !/\.[a-z0-9]+$/i.test(url)) {
      return sendSpaPage(opts.spaPages, request, reply);
    }
    return sendError(reply, new AppError('NOT_FOUND', 'errors.noRoute', { params: { method: request.method, path: url } }));
  });
});
