/** REST adapter for notifications: parse, call one service function, shape the reply. */
import {
  listNotificationsQuery,
  markNotificationsReadBody,
  notificationList,
  notificationSettings,
  updateNotificationSettingsBody,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/auth.js';
import { listNotifications, markNotificationsRead } from './service.js';
import { getNotificationSettings, updateNotificationSettings } from './settings.js';

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

  app.get(
    '/api/me/notification-settings',
    { schema: { tags: ['notifications'], summary: 'What reaches my bell (per group) and my inbox', response: { 200: notificationSettings } } },
    async (request) => getNotificationSettings(actorOf(request), app.deps),
  );

  app.put(
    '/api/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Replace the settings given (within groups, the groups named); answers the whole settings',
        body: updateNotificationSettingsBody,
        response: { 200: notificationSettings },
      },
    },
    async (request) => updateNotificationSettings(actorOf(request), request.body, app.deps),
  );
};
