/** REST adapter for moderation: parse with the shared schemas, call one service function, shape the reply. */
import {
  auditList,
  auditQuery,
  banBody,
  createReportBody,
  idParams,
  listReportsQuery,
  moderationUserParams,
  muteBody,
  pageQuery,
  removeMemberBody,
  report,
  reportList,
  resolveReportBody,
  restriction,
  restrictionList,
  slugParams,
  suspendBody,
  suspension,
  suspensionList,
  userIdParams,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../plugins/docs.js';
import { actorOf } from '../../plugins/auth.js';
import { listAdminAuditLog, listGroupAuditLog } from './audit.js';
import { banUser, listBans, registerBanJobs, unbanUser } from './bans.js';
import { removeMember } from './members.js';
import { listMutes, muteMember, registerMuteJobs, unmuteMember } from './mutes.js';
import { createReport, listReports } from './reports.js';
import { resolveReport } from './resolve.js';
import { listSuspensions, registerSuspensionJobs, suspendUser, unsuspendUser } from './suspensions.js';

const tags = ['moderation'];

export const moderationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  registerMuteJobs(deps);
  registerBanJobs(deps);
  registerSuspensionJobs(deps);

  app.post(
    '/api/reports',
    {
      schema: {
        operationId: 'createReport',
        tags,
        summary: 'Report a message, question, answer or person (or appeal a decision about yourself: reason "appeal")',
        body: createReportBody,
        response: { 201: report, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createReport(actorOf(request), request.body, deps)),
  );

  app.get(
    '/api/groups/:slug/reports',
    {
      schema: {
        operationId: 'listReports',
        tags,
        summary: 'The moderators’ queue: open reports, crisis first then oldest (or resolved ones, newest first)',
        params: slugParams,
        querystring: listReportsQuery,
        response: { 200: reportList },
      },
    },
    async (request) => listReports(actorOf(request), request.params.slug, request.query, deps),
  );

  app.post(
    '/api/reports/:id/resolve',
    { schema: { operationId: 'resolveReport', tags, summary: 'Resolve a report: dismiss, remove, mute, ban (or lift, for an appeal)', params: idParams, body: resolveReportBody, response: { 200: report, ...errorResponses(409) } } },
    async (request) => resolveReport(actorOf(request), request.params.id, request.body, deps),
  );

  app.get(
    '/api/groups/:slug/mutes',
    { schema: { operationId: 'listMutes', tags, summary: 'Mutes in force (moderators)', params: slugParams, querystring: pageQuery, response: { 200: restrictionList } } },
    async (request) => listMutes(actorOf(request), request.params.slug, request.query, deps),
  );

  app.post(
    '/api/groups/:slug/mutes',
    { schema: { operationId: 'muteMember', tags, summary: 'Mute a member for some minutes (moderators)', params: slugParams, body: muteBody, response: { 201: restriction } } },
    async (request, reply) => reply.status(201).send(await muteMember(actorOf(request), request.params.slug, request.body, deps)),
  );

  app.delete(
    '/api/groups/:slug/mutes/:userId',
    { schema: { operationId: 'unmuteMember', tags, summary: 'End a mute now (moderators)', params: moderationUserParams, response: { 204: noContent } } },
    async (request, reply) => {
      await unmuteMember(actorOf(request), request.params.slug, request.params.userId, deps);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/groups/:slug/bans',
    { schema: { operationId: 'listBans', tags, summary: 'Bans in force (moderators)', params: slugParams, querystring: pageQuery, response: { 200: restrictionList } } },
    async (request) => listBans(actorOf(request), request.params.slug, request.query, deps),
  );

  app.post(
    '/api/groups/:slug/bans',
    { schema: { operationId: 'banMember', tags, summary: 'Ban someone, for some minutes or until lifted (moderators)', params: slugParams, body: banBody, response: { 201: restriction, ...errorResponses(409) } } },
    async (request, reply) => reply.status(201).send(await banUser(actorOf(request), request.params.slug, request.body, deps)),
  );

  app.delete(
    '/api/groups/:slug/bans/:userId',
    { schema: { operationId: 'unbanMember', tags, summary: 'Lift a ban (moderators)', params: moderationUserParams, response: { 204: noContent } } },
    async (request, reply) => {
      await unbanUser(actorOf(request), request.params.slug, request.params.userId, deps);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/groups/:slug/members/:userId',
    { schema: { operationId: 'removeMember', tags, summary: 'Remove a member, with a reason (moderators); they may rejoin', params: moderationUserParams, body: removeMemberBody, response: { 204: noContent, ...errorResponses(409) } } },
    async (request, reply) => {
      await removeMember(actorOf(request), request.params.slug, request.params.userId, request.body, deps);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/groups/:slug/audit-log',
    { schema: { operationId: 'getGroupAuditLog', tags, summary: 'The group’s moderation actions, newest first (moderators)', params: slugParams, querystring: auditQuery, response: { 200: auditList } } },
    async (request) => listGroupAuditLog(actorOf(request), request.params.slug, request.query, deps),
  );

  app.get(
    '/api/admin/audit-log',
    { schema: { operationId: 'getAdminAuditLog', tags, summary: 'Every moderation and admin action, newest first (site admins)', querystring: auditQuery, response: { 200: auditList } } },
    async (request) => listAdminAuditLog(actorOf(request), request.query, deps),
  );

  app.get(
    '/api/admin/suspensions',
    { schema: { operationId: 'listSuspensions', tags, summary: 'Suspensions in force (site admins)', querystring: pageQuery, response: { 200: suspensionList } } },
    async (request) => listSuspensions(actorOf(request), request.query, deps),
  );

  app.post(
    '/api/admin/users/:id/suspend',
    { schema: { operationId: 'suspendUser', tags, summary: 'Suspend an account, for some minutes or until lifted (site admins)', params: userIdParams, body: suspendBody, response: { 200: suspension } } },
    async (request) => suspendUser(actorOf(request), request.params.id, request.body, deps),
  );

  app.delete(
    '/api/admin/users/:id/suspend',
    { schema: { operationId: 'unsuspendUser', tags, summary: 'Lift a suspension (site admins)', params: userIdParams, response: { 204: noContent } } },
    async (request, reply) => {
      await unsuspendUser(actorOf(request), request.params.id, deps);
      return reply.status(204).send();
    },
  );
};
