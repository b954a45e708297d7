/** REST adapter for organizations and their staff: parse, call one service function, shape the reply. */
import {
  createOrganizationBody,
  inviteStaffBody,
  listOrganizationsQuery,
  organization,
  organizationList,
  organizationPage,
  slugParams,
  staffInvitation,
  staffInvitationList,
  staffInvitationParams,
  staffParams,
  staffQuery,
  updateOrganizationBody,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../plugins/docs.js';
import { actorOf, maybeActorOf } from '../../plugins/auth.js';
import * as organizations from './service.js';
import * as staff from './staff.js';

const tags = ['organizations'];
/** Open to everyone (signed out too); a signed-in caller's token is still checked. */
const open = { optionalAuth: true } as const;
const openDocs = { security: [{}, { bearer: [] as string[] }] as Array<Record<string, string[]>> };

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.post(
    '/api/organizations',
    {
      schema: { operationId: 'createOrganization', tags, summary: 'Create an organization; the creator is its admin; unverified', body: createOrganizationBody, response: { 201: organization, ...errorResponses(409) } },
    },
    async (request, reply) => reply.status(201).send(await organizations.createOrganization(actorOf(request), request.body, deps)),
  );

  app.get(
    '/api/organizations',
    {
      config: open,
      schema: { operationId: 'listOrganizations', tags, summary: 'Organizations by name (signed out too)', ...openDocs, querystring: listOrganizationsQuery, response: { 200: organizationList } },
    },
    async (request) => organizations.listOrganizations(maybeActorOf(request), request.query, deps),
  );

  app.get(
    '/api/organizations/:slug',
    {
      config: open,
      schema: {
        operationId: 'getOrganization',
        tags,
        summary: 'The public page: the organization, the groups it hosts (cards), the upcoming events of its public groups',
        ...openDocs,
        params: slugParams,
        response: { 200: organizationPage },
      },
    },
    async (request) => organizations.getOrganizationPage(maybeActorOf(request), request.params.slug, deps),
  );

  app.patch(
    '/api/organizations/:slug',
    { schema: { operationId: 'updateOrganization', tags, summary: 'Edit an organization (its admins)', params: slugParams, body: updateOrganizationBody, response: { 200: organization } } },
    async (request) => organizations.updateOrganization(actorOf(request), request.params.slug, request.body, deps),
  );

  app.post(
    '/api/admin/organizations/:slug/verify',
    { schema: { operationId: 'verifyOrganization', tags, summary: 'Verify an organization (site admins)', params: slugParams, response: { 200: organization } } },
    async (request) => organizations.setOrganizationVerified(actorOf(request), request.params.slug, true, deps),
  );

  app.delete(
    '/api/admin/organizations/:slug/verify',
    { schema: { operationId: 'unverifyOrganization', tags, summary: 'Take the verified badge away (site admins)', params: slugParams, response: { 200: organization } } },
    async (request) => organizations.setOrganizationVerified(actorOf(request), request.params.slug, false, deps),
  );

  // ─── staff ───

  app.post(
    '/api/organizations/:slug/staff',
    {
      schema: {
        operationId: 'inviteStaff',
        tags,
        summary: 'Invite someone to the staff, by userId or by email (organization admins)',
        params: slugParams,
        body: inviteStaffBody,
        response: { 201: staffInvitation, ...errorResponses(409) },
      },
    },
    async (request, reply) => reply.status(201).send(await staff.inviteStaff(actorOf(request), request.params.slug, request.body, deps)),
  );

  app.get(
    '/api/organizations/:slug/staff',
    {
      schema: { operationId: 'listStaffInvitations', tags, summary: 'Pending staff invitations (organization admins)', params: slugParams, querystring: staffQuery, response: { 200: staffInvitationList } },
    },
    async (request) => staff.listStaffInvitations(actorOf(request), request.params.slug, request.query, deps),
  );

  app.delete(
    '/api/organizations/:slug/staff/:userId',
    { schema: { operationId: 'removeStaff', tags, summary: 'Remove someone from the staff, or leave it yourself; withdraws a pending invitation too', params: staffParams, response: { 204: noContent, ...errorResponses(409) } } },
    async (request, reply) => {
      await staff.removeStaff(actorOf(request), request.params.slug, request.params.userId, deps);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/organizations/:slug/staff-invitations/:id',
    { schema: { operationId: 'cancelStaffInvitation', tags, summary: 'Withdraw a pending invitation by its id, e.g. one made by email (organization admins)', params: staffInvitationParams, response: { 204: noContent } } },
    async (request, reply) => {
      await staff.withdrawStaffInvitation(actorOf(request), request.params.slug, request.params.id, deps);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/organizations/:slug/staff/accept',
    { schema: { operationId: 'acceptStaffInvitation', tags, summary: 'Accept your invitation to the staff', params: slugParams, response: { 200: organization } } },
    async (request) => staff.acceptStaffInvitation(actorOf(request), request.params.slug, deps),
  );

  app.post(
    '/api/organizations/:slug/staff/decline',
    { schema: { operationId: 'declineStaffInvitation', tags, summary: 'Decline your invitation to the staff', params: slugParams, response: { 200: organization } } },
    async (request) => staff.declineStaffInvitation(actorOf(request), request.params.slug, deps),
  );

  app.get(
    '/api/me/staff-invitations',
    { schema: { operationId: 'listMyStaffInvitations', tags, summary: 'My pending staff invitations', response: { 200: staffInvitationList } } },
    async (request) => staff.listMyStaffInvitations(actorOf(request), deps),
  );
};
