/**
 * Registers the domain modules' REST routes and Socket.IO handlers. Each domain owns its files
 * (routes.ts, socket.ts, service.ts, policy.ts); this is the one place that lists them.
 */
import type { FastifyInstance } from 'fastify';
import type { SocketModule } from '../plugins/socket.js';
import { clinicianRoutes } from './clinicians/routes.js';
import { groupRoutes } from './groups/routes.js';
import { registerLiveEventJobs } from './liveEvents/jobs.js';
import { liveEventRoutes } from './liveEvents/routes.js';
import { messageRoutes } from './messages/routes.js';
import { createMessageSocket } from './messages/socket.js';
import { moderationRoutes } from './moderation/routes.js';
import { registerNotificationJobs } from './notifications/jobs.js';
import { notificationRoutes } from './notifications/routes.js';
import { inviteRoutes } from './invites/routes.js';
import { registerOrganizationJobs } from './organizations/jobs.js';
import { organizationRoutes } from './organizations/routes.js';
import { registerQuestionJobs } from './questions/jobs.js';
import { questionRoutes } from './questions/routes.js';

export async function registerModules(_app: FastifyInstance, _socketModules: SocketModule[]): Promise<void> {
  // groups, messages, questions register here.
  await _app.register(groupRoutes);
  await _app.register(questionRoutes);
  await _app.register(clinicianRoutes);
  await _app.register(messageRoutes);
  await _app.register(notificationRoutes);
  registerNotificationJobs(_app.deps);
  await _app.register(liveEventRoutes);
  registerLiveEventJobs(_app.deps);
  registerQuestionJobs(_app.deps);
  await _app.register(moderationRoutes);
  await _app.register(organizationRoutes);
  registerOrganizationJobs(_app.deps);
  await _app.register(inviteRoutes);
  _socketModules.push(createMessageSocket(_app.io.of('/'), _app.deps));
}
