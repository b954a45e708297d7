/** REST adapter for group invite links: parse, call one service function, shape the reply. */
import { acceptInviteResponse, createInviteBody, invite, inviteCard, inviteCodeParams, inviteList, pageQuery, slugParams } from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, noContent } from '../../plugins/docs.js';
import QRCode from 'qrcode';
import { actorOf, maybeActorOf } from '../../plugins/auth.js';
import * as invites from './service.js';

const tags = ['invitations'];

export const inviteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.post(
    '/api/groups/:slug/invites',
    {
      schema: { operationId: 'createInvite', tags, summary: 'Make an invite link (moderators); default 7 days, unlimited uses', params: slugParams, body: createInviteBody, response: { 201: invite } },
    },
    async (request, reply) => reply.status(201).send(await invites.createInvite(actorOf(request), request.params.slug, request.body, deps)),
  );

  app.get(
    '/api/groups/:slug/invites',
    { schema: { operationId: 'listInvites', tags, summary: 'The group’s invite links with their use counts (moderators)', params: slugParams, querystring: pageQuery, response: { 200: inviteList } } },
    async (request) => invites.listInvites(actorOf(request), request.params.slug, request.query, deps),
  );

  app.delete(
    '/api/invites/:code',
    { schema: { operationId: 'revokeInvite', tags, summary: 'Revoke an invite link at once (the group’s moderators)', params: inviteCodeParams, response: { 204: noContent } } },
    async (request, reply) => {
      await invites.revokeInvite(actorOf(request), request.params.code, deps);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/invites/:code',
    {
      config: { optionalAuth: true },
      schema: {
        operationId: 'getInvite',
        tags,
        summary: 'What an invite link shows: the group’s card and the expiry (signed out too); 410 EXPIRED when expired, revoked or used up',
        security: [{}, { bearer: [] as string[] }] as Array<Record<string, string[]>>,
        params: inviteCodeParams,
        response: { 200: inviteCard, ...errorResponses(410) },
      },
    },
    async (request) => invites.getInviteCard(maybeActorOf(request), request.params.code, deps),
  );

  app.post(
    '/api/invites/:code/accept',
    { schema: { operationId: 'acceptInvite', tags, summary: 'Join the group through the invite (the invite is the approval, even for a private group)', params: inviteCodeParams, response: { 200: acceptInviteResponse, ...errorResponses(410) } } },
    async (request) => invites.acceptInvite(actorOf(request), request.params.code, deps),
  );

  app.get(
    '/api/invites/:code/qr.svg',
    {
      schema: {
        operationId: 'getInviteQrCode',
        tags,
        summary: 'The invite link as a QR code (SVG) to print (the group’s moderators)',
        params: inviteCodeParams,
        produces: ['image/svg+xml'],
        response: { 200: fileResponse('The QR code (SVG)') },
      },
    },
    async (request, reply) => {
      const target = await invites.inviteQrTarget(actorOf(request), request.params.code, deps);
      const svg = await QRCode.toString(target.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="circles-invite-${target.groupSlug}.svg"`)
        .send(svg);
    },
  );
};
