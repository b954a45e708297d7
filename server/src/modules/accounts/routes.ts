/** REST adapter for accounts: parse, call one service function, shape the reply. */
import {
  authResponse,
  changePasswordBody,
  deleteMeBody,
  idParams,
  loginBody,
  me,
  passwordResetBody,
  passwordResetConfirmBody,
  publicUser,
  refreshResponse,
  registerBody,
  SESSION_HINT_COOKIE,
  updateMeBody,
} from '@circles/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, jsonDocument, noContent } from '../../plugins/docs.js';
import { actorOf, REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../../plugins/auth.js';
import { localeOf } from '../../i18n/index.js';
import type { IssuedRefreshToken } from './sessions.js';
import * as accounts from './service.js';
import { exportMyData } from '../privacy/service.js';
import { confirmPasswordReset, registerPasswordResetJobs, requestPasswordReset } from './passwordReset.js';

/** Me on the wire: no saved language means the one this request's browser asks for. */
const meFor = (request: FastifyRequest, user: accounts.StoredMe) => ({ ...user, locale: user.locale ?? localeOf({ headers: request.headers }) });

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;
  const secureCookie = config.publicOrigin?.startsWith('https:') ?? false;
  const authLimit = { max: config.rateLimits.authPerMinute, timeWindow: 60_000, keyGenerator: (r: { ip: string }) => `auth:${r.ip}` };

  // The session hint (readable by the page, no secret) lives and dies with the refresh cookie, so the
  // SPA asks for a refresh only when one may succeed.
  const setRefreshCookie = (reply: FastifyReply, refresh: IssuedRefreshToken) =>
    reply
      .setCookie(REFRESH_COOKIE, refresh.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie,
        path: REFRESH_COOKIE_PATH,
        expires: refresh.expiresAt,
      })
      .setCookie(SESSION_HINT_COOKIE, '1', { sameSite: 'strict', secure: secureCookie, path: '/', expires: refresh.expiresAt });
  const clearRefreshCookie = (reply: FastifyReply) =>
    reply
      .clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: secureCookie })
      .clearCookie(SESSION_HINT_COOKIE, { path: '/', sameSite: 'strict', secure: secureCookie });

  app.post(
    '/api/auth/register',
    {
      config: { public: true, rateLimit: authLimit },
      schema: { operationId: 'register', tags: ['accounts'], summary: 'Create an account', security: [], body: registerBody, response: { 201: authResponse, ...errorResponses(409) } },
    },
    async (request, reply) => {
      const signedIn = await accounts.register(request.body, app.deps);
      setRefreshCookie(reply, signedIn.refresh);
      const invite = signedIn.invite?.joined === false
        ? { joined: false as const, error: { code: signedIn.invite.error.code, message: signedIn.invite.error.localize(localeOf(request)).message } }
        : signedIn.invite;
      return reply.status(201).send({ user: meFor(request, signedIn.user), accessToken: signedIn.accessToken, ...(invite ? { invite } : {}) });
    },
  );

  registerPasswordResetJobs(app.deps);

  app.post(
    '/api/auth/password-reset',
    {
      config: { public: true, rateLimit: authLimit },
      schema: {
        operationId: 'requestPasswordReset',
        tags: ['accounts'],
        summary: 'Email a single-use reset link (always 202: it never says whether an account exists)',
        security: [],
        body: passwordResetBody,
        response: { 202: noContent },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(request.body.email, app.deps);
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { public: true, rateLimit: authLimit },
      schema: {
        operationId: 'confirmPasswordReset',
        tags: ['accounts'],
        summary: 'Set a new password with a reset link; every session ends',
        security: [],
        body: passwordResetConfirmBody,
        response: { 204: noContent, ...errorResponses(410) },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(request.body, app.deps);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: authLimit },
      schema: { operationId: 'login', tags: ['accounts'], summary: 'Sign in', security: [], body: loginBody, response: { 200: authResponse, ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      const signedIn = await accounts.login(request.body, app.deps);
      setRefreshCookie(reply, signedIn.refresh);
      return { user: meFor(request, signedIn.user), accessToken: signedIn.accessToken };
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      config: { public: true, rateLimit: authLimit },
      schema: { operationId: 'refreshSession', tags: ['accounts'], summary: 'Rotate the refresh cookie for a new access token', security: [], response: { 200: refreshResponse, ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      try {
        const rotated = await accounts.refresh(request.cookies[REFRESH_COOKIE], app.deps);
        setRefreshCookie(reply, rotated.refresh);
        reply.header('Cache-Control', 'no-store');
        return { accessToken: rotated.accessToken };
      } catch (err) {
        clearRefreshCookie(reply);
        throw err;
      }
    },
  );

  app.post('/api/auth/logout', { schema: { operationId: 'logout', tags: ['accounts'], summary: 'Sign out this session', response: { 204: noContent } } }, async (request, reply) => {
    await accounts.logout(actorOf(request), app.deps);
    clearRefreshCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/me', { schema: { operationId: 'getMe', tags: ['accounts'], summary: 'My profile, email and language', response: { 200: me } } }, async (request) =>
    meFor(request, await accounts.getMe(actorOf(request), app.deps)),
  );

  app.patch('/api/me', { schema: { operationId: 'updateMe', tags: ['accounts'], summary: 'Change my display name, bio or language', body: updateMeBody, response: { 200: me } } }, async (request) =>
    meFor(request, await accounts.updateMe(actorOf(request), request.body, app.deps)),
  );

  app.post(
    '/api/me/password',
    { schema: { operationId: 'changePassword', tags: ['accounts'], summary: 'Change password; signs out every other session', body: changePasswordBody, response: { 204: noContent } } },
    async (request, reply) => {
      await accounts.changePassword(actorOf(request), request.body, app.deps);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/export',
    {
      schema: {
        operationId: 'exportMyData',
        tags: ['accounts'],
        summary: 'Everything Circles holds about me, as JSON (privacy/personalData.ts lists it)',
        response: { 200: jsonDocument('Profile, memberships, messages, questions, answers, reports filed and notifications') },
      },
    },
    async (request, reply) => {
      const data = await exportMyData(actorOf(request), app.deps);
      return reply.header('Content-Disposition', 'attachment; filename="circles-export.json"').send(data);
    },
  );

  app.delete(
    '/api/me',
    { schema: { operationId: 'deleteMe', tags: ['accounts'], summary: 'Delete the account', body: deleteMeBody, response: { 204: noContent } } },
    async (request, reply) => {
      await accounts.deleteAccount(actorOf(request), request.body.password, app.deps);
      clearRefreshCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get('/api/users/:id', { schema: { operationId: 'getUser', tags: ['accounts'], summary: 'A person’s public profile', params: idParams, response: { 200: publicUser } } }, async (request) =>
    accounts.getUser(actorOf(request), request.params.id, app.deps),
  );
};
