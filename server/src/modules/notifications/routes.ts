/** REST adapter for notifications: parse, call one service function, shape the reply. */
import { listNotificationsQuery, markNotificationsReadBody, notificationList } from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/auth.js';
import { listNotifications, markNotificationsRead } from './service.js';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notifications',
    {
      schema: {
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
    { schema: { tags: ['notifications'], summary: 'Mark notifications read (some ids, or all)', body: markNotificationsReadBody } },
    async (request, reply) => {
      await markNotificationsRead(actorOf(request), request.body, app.deps);
      return reply.status(204).send();
    },
  );
};
