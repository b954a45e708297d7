/** REST adapter for conditions' groups and membership: parse, call one service function, shape the reply. */
import {
  createGroupBody,
  group,
  groupList,
  groupSettingsResponse,
  joinGroupBody,
  joinRequestList,
  listGroupsQuery,
  member,
  memberList,
  memberParams,
  membershipResponse,
  myGroupList,
  pageQuery,
  setRoleBody,
  slugParams,
  updateGroupBody,
  updateSettingsBody,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, noContent } from '../../plugins/docs.js';
import { actorOf, maybeActorOf } from '../../plugins/auth.js';
import * as membership from './membership.js';
import * as requests from './requests.js';
import * as settings from './settings.js';
import * as groups from './service.js';

const tags = ['groups'];

export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/groups',
    {
      // Signed out too, with cards only: people see what they would join before signing up.
      config: { optionalAuth: true },
      schema: {
        operationId: 'listGroups',
        tags,
        summary: 'Discover groups (public and private); filter by condition, category or organization; ranked search with `q` (signed out too)',
        security: [{}, { bearer: [] as string[] }] as Array<Record<string, string[]>>,
        querystring: listGroupsQuery,
        response: { 200: groupList },
      },
    },
    async (request) => groups.listGroups(maybeActorOf(request), request.query, deps),
  );

  app.post(
    '/api/groups',
    { schema: { operationId: 'createGroup', tags, summary: 'Create a group; the creator is its owner', body: createGroupBody, response: { 201: group, ...errorResponses(404, 409) } } },
    async (request, reply) => reply.status(201).send(await groups.createGroup(actorOf(request), request.body, deps)),
  );

  app.get(
    '/api/groups/:slug',
    {
      config: { optionalAuth: true },
      schema: { operationId: 'getGroup', tags, summary: 'One group, with the caller’s membership (signed out too: its card)', security: [{}, { bearer: [] as string[] }] as Array<Record<string, string[]>>, params: slugParams, response: { 200: group } },
    },
    async (request) => groups.getGroup(maybeActorOf(request), request.params.slug, deps),
  );

  app.patch(
    '/api/groups/:slug',
    {
      schema: { operationId: 'updateGroup', tags, summary: 'Edit a group (owners and moderators)', params: slugParams, body: updateGroupBody, response: { 200: group } },
    },
    async (request) => groups.updateGroup(actorOf(request), request.params.slug, request.body, deps),
  );

  app.post(
    '/api/groups/:slug/join',
    {
      schema: {
        operationId: 'joinGroup',
        tags,
        summary: 'Join a public group (200) or ask to join a private one (202), optionally with a note for its moderators',
        params: slugParams,
        // No body at all is a join without a note, as before the note existed.
        body: z.preprocess((body) => body ?? {}, joinGroupBody),
        response: { 200: membershipResponse, 202: membershipResponse },
      },
    },
    async (request, reply) => {
      const joined = await membership.joinGroup(actorOf(request), request.params.slug, deps, { note: request.body.note });
      return reply.status(joined.membership.status === 'active' ? 200 : 202).send(joined);
    },
  );

  app.post(
    '/api/groups/:slug/leave',
    { schema: { operationId: 'leaveGroup', tags, summary: 'Leave a group or withdraw a join request', params: slugParams, response: { 204: noContent, ...errorResponses(409) } } },
    async (request, reply) => {
      await membership.leaveGroup(actorOf(request), request.params.slug, deps);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/groups/:slug/members',
    {
      schema: {
        operationId: 'listMembers',
        tags,
        summary: 'Active members: owners, moderators, then members',
        params: slugParams,
        querystring: pageQuery,
        response: { 200: memberList },
      },
    },
    async (request) => membership.listMembers(actorOf(request), request.params.slug, request.query, deps),
  );

  app.get(
    '/api/groups/:slug/requests',
    {
      schema: {
        operationId: 'listJoinRequests',
        tags,
        summary: 'Pending join requests (moderators)',
        params: slugParams,
        querystring: pageQuery,
        response: { 200: joinRequestList },
      },
    },
    async (request) => requests.listJoinRequests(actorOf(request), request.params.slug, request.query, deps),
  );

  app.post(
    '/api/groups/:slug/requests/:userId/approve',
    { schema: { operationId: 'approveJoinRequest', tags, summary: 'Approve a join request (moderators)', params: memberParams, response: { 200: member, ...errorResponses(409) } } },
    async (request) => requests.approveJoinRequest(actorOf(request), request.params.slug, request.params.userId, deps),
  );

  app.post(
    '/api/groups/:slug/requests/:userId/deny',
    { schema: { operationId: 'denyJoinRequest', tags, summary: 'Decline a join request (moderators)', params: memberParams, response: { 204: noContent } } },
    async (request, reply) => {
      await requests.denyJoinRequest(actorOf(request), request.params.slug, request.params.userId, deps);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/groups/:slug/members/:userId/role',
    {
      schema: { operationId: 'setMemberRole', tags, summary: 'Change a member’s role (owners)', params: memberParams, body: setRoleBody, response: { 200: member, ...errorResponses(409) } },
    },
    async (request) =>
      membership.setMemberRole(actorOf(request), request.params.slug, request.params.userId, request.body.role, deps),
  );

  app.get(
    '/api/groups/:slug/settings',
    { schema: { operationId: 'getGroupSettings', tags, summary: 'Slow mode and blocked terms (moderators)', params: slugParams, response: { 200: groupSettingsResponse } } },
    async (request) => settings.getGroupSettings(actorOf(request), request.params.slug, deps),
  );

  app.put(
    '/api/groups/:slug/settings',
    {
      schema: {
        operationId: 'updateGroupSettings',
        tags,
        summary: 'Set slow mode and blocked terms (moderators)',
        params: slugParams,
        body: updateSettingsBody,
        response: { 200: groupSettingsResponse },
      },
    },
    async (request) => settings.updateGroupSettings(actorOf(request), request.params.slug, request.body, deps),
  );

  app.get(
    '/api/me/groups',
    { schema: { operationId: 'listMyGroups', tags, summary: 'My groups, with unread counts', response: { 200: myGroupList } } },
    async (request) => groups.listMyGroups(actorOf(request), deps),
  );
};
