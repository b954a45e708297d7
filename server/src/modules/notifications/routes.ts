/** REST adapter for notifications: parse, call one service function, shape the reply. */
import {
  listNotificationsQuery,
  markNotificationsReadBody,
  notificationList,
  notificationSettings,
  unsubscribeResponse,
  updateNotificationSettingsBody,
} from '@circles/shared';
import { z } from 'zod';
import { AppError } from '../../lib/appError.js';
import { verifyUnsubscribeToken } from './emails.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent } from '../../plugins/docs.js';
import { actorOf } from '../../plugins/auth.js';
import { listNotifications, markNotificationsRead } from './service.js';
import { getNotificationSettings, setEmailLevel, updateNotificationSettings } from './settings.js';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: listNotificationsQuery,
        response: { 200: notificationList },
      },
    },
    async (request) => listNotifications(actorOf(request), request.query, app.deps),
  );

  app.post(
    '/api/notifications/read',
    { schema: { operationId: 'markNotificationsRead', tags: ['notifications'], summary: 'Mark notifications read (some ids, or all)', body: markNotificationsReadBody, response: { 204: noContent } } },
    async (request, reply) => {
      await markNotificationsRead(actorOf(request), request.body, app.deps);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/notification-settings',
    { schema: { operationId: 'getNotificationSettings', tags: ['notifications'], summary: 'What reaches my bell (per group) and my inbox', response: { 200: notificationSettings } } },
    async (request) => getNotificationSettings(actorOf(request), app.deps),
  );

  app.put(
    '/api/me/notification-settings',
    {
      schema: {
        operationId: 'updateNotificationSettings',
        tags: ['notifications'],
        summary: 'Replace the settings given (within groups, the groups named); answers the whole settings',
        body: updateNotificationSettingsBody,
        response: { 200: notificationSettings },
      },
    },
    async (request) => updateNotificationSettings(actorOf(request), request.body, app.deps),
  );

  // One-click unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click` as a form to the header's URL,
  // which carries the token; the SPA's page posts JSON `{ token }`. Both work signed out.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post(
      '/api/unsubscribe',
      {
        config: { public: true },
        schema: {
          operationId: 'unsubscribe',
          tags: ['notifications'],
          summary: 'Turn off notification emails from an email\'s link (signed out; also the one-click target)',
          security: [],
          querystring: z.object({ token: z.string().max(500).optional() }),
          body: z.object({ token: z.string().max(500).optional() }).passthrough().nullish(),
          response: { 200: unsubscribeResponse },
        },
      },
      async (request) => {
        const token = (request.body as { token?: string } | null)?.token ?? (request.query as { token?: string }).token ?? '';
        const userId = verifyUnsubscribeToken(app.deps.config, token);
        if (!userId) throw new AppError('VALIDATION_ERROR', 'unsubscribe.badLink');
        await setEmailLevel(app.deps.db, userId, 'off');
        return { email: 'off' as const };
      },
    );
  });

  // Development only: what would have been emailed, when there is no SMTP server.
  const outbox = app.deps.mailer.outbox;
  if (app.deps.config.env === 'development' && outbox) {
    app.get('/dev/outbox', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      const items = outbox
        .map((m) => `<article><h2>${esc(m.subject)}</h2><p>To: ${esc(m.to)} · ${esc(m.at)}</p><pre>${esc(m.text)}</pre></article><hr>`)
        .join('');
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox</title></head><body><main><h1>Outbox (development)</h1>${items || '<p>No email yet.</p>'}</main></body></html>`);
    });
  }
};
