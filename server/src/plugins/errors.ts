/**
 * Maps every error — ours, the framework's, the database's — to the contract's REST shape
 * `{ statusCode, error, code, message }`, once, for every route. 5xx answers never carry internals.
 */
import { statusText, type ErrorCode, type WireError } from '@circles/shared';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, toAppError } from '../lib/appError.js';

export function sendError(reply: FastifyReply, err: AppError): FastifyReply {
  const body: WireError = {
    statusCode: err.statusCode,
    error: statusText[err.statusCode] ?? 'Error',
    code: err.code,
    message: err.message,
  };
  if (err.details !== undefined) body.details = err.details;
  if (err.retryAfter !== undefined) reply.header('Retry-After', String(err.retryAfter));
  return reply.status(err.statusCode).type('application/json; charset=utf-8').send(body);
}

/** Framework error codes that are the caller's fault, with the contract code each becomes. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_ERROR',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_ERROR',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VALIDATION_ERROR',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_ERROR',
  FST_ERR_VALIDATION: 'VALIDATION_ERROR',
  FST_ERR_BAD_URL: 'VALIDATION_ERROR',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_ERROR',
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'UNAUTHORIZED',
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: 'UNAUTHORIZED',
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'UNAUTHORIZED',
  FST_JWT_BAD_REQUEST: 'UNAUTHORIZED',
  FST_ERR_INVALID_URL: 'VALIDATION_ERROR',
};

const FRAMEWORK_MESSAGES: Partial<Record<ErrorCode, string>> = {
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNAUTHORIZED: 'Sign in to continue',
};

function fromFramework(err: FastifyError): AppError | null {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const details = err.validation.map((v) => ({
      field: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    const first = details[0];
    return new AppError('VALIDATION_ERROR', first ? `${first.field} ${first.message}` : 'Invalid request', { details });
  }
  const code = err.code ? FRAMEWORK_CODES[err.code] : undefined;
  if (code) {
    const message =
      FRAMEWORK_MESSAGES[code] ?? (code === 'VALIDATION_ERROR' ? `Invalid request: ${err.message}` : err.message);
    return new AppError(code, message);
  }
  if (err.statusCode === 429) {
    return new AppError('RATE_LIMITED', 'Too many requests; slow down and try again shortly');
  }
  if (err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (err.statusCode === 415) return new AppError('VALIDATION_ERROR', 'Send the body as application/json');
  return null;
}

/** Paths that belong to the server, never to the SPA's client-side router. */
const SERVER_PATHS = /^\/(api|docs|socket\.io|metrics)(\/|$)/;

export const errorsPlugin = fp(async (app: FastifyInstance, opts: { serveSpa: boolean }) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = (error instanceof AppError ? error : fromFramework(error)) ?? toAppError(error);
    if (appError.statusCode >= 500) {
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
    if (opts.serveSpa && request.method === 'GET' && !SERVER_PATHS.test(url) && !/\.[a-z0-9]+$/i.test(url)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, new AppError('NOT_FOUND', `No route for ${request.method} ${url}`));
  });
});
