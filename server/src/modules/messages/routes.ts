/** REST adapter for chat: parse with the shared schemas, call one service function, shape the reply. */
import {
  deleteMessageBody,
  editMessageBody,
  editMessageResponse,
  historyQuery,
  historyResponse,
  messageIdParams,
  reactionParams,
  reactionsResponse,
  readBody,
  sendMessageBody,
  sendMessageResponse,
  slugParams,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../plugins/docs.js';
import { localeOf } from '../../i18n/index.js';
import { actorOf } from '../../plugins/auth.js';
import { withSafety } from '../moderation/crisisResources.js';
import * as chat from './service.js';

export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/groups/:slug/messages',
    {
      // Catch-up after a reconnection storm comes in crowds: the read gate keeps the writes' connections.
      config: { readGate: true },
      schema: {
        operationId: 'listMessages',
        tags: ['messages'],
        summary: 'A page of chat history, ascending by id (latest page, or before= / after= an id)',
        params: slugParams,
        querystring: historyQuery,
        response: { 200: historyResponse },
      },
    },
    async (request) => chat.listMessages(actorOf(request), { ...request.query, slug: request.params.slug }, app.deps),
  );

  app.post(
    '/api/groups/:slug/messages',
    {
      schema: {
        operationId: 'sendMessage',
        tags: ['messages'],
        summary: 'Send a message (idempotent on clientId: a retry answers 200 with the first message); `safety` when it reads as a crisis',
        params: slugParams,
        body: sendMessageBody,
        response: { 200: sendMessageResponse, 201: sendMessageResponse, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const sent = await chat.sendMessage(actorOf(request), { ...request.body, slug: request.params.slug }, app.deps);
      return reply.status(sent.created ? 201 : 200).send(withSafety(sent.message, sent.crisis, app.deps.config, localeOf(request)));
    },
  );

  app.patch(
    '/api/messages/:id',
    {
      schema: {
        operationId: 'editMessage',
        tags: ['messages'],
        summary: 'Edit your message',
        params: messageIdParams,
        body: editMessageBody,
        response: { 200: editMessageResponse, ...errorResponses(422) },
      },
    },
    async (request) => {
      const edited = await chat.editMessage(actorOf(request), { ...request.body, id: request.params.id }, app.deps);
      return withSafety(edited.message, edited.crisis, app.deps.config, localeOf(request));
    },
  );

  app.delete(
    '/api/messages/:id',
    {
      schema: {
        operationId: 'deleteMessage',
        tags: ['messages'],
        summary: 'Delete a message (author, or a moderator with an optional reason shown to its author)',
        params: messageIdParams,
        body: deleteMessageBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await chat.deleteMessage(actorOf(request), { id: request.params.id, reason: request.body?.reason }, app.deps);
      return reply.status(204).send();
    },
  );

  for (const [method, add] of [['PUT', true], ['DELETE', false]] as const) {
    app.route({
      method,
      url: '/api/messages/:id/reactions/:emoji',
      schema: {
        tags: ['messages'],
        operationId: add ? 'addReaction' : 'removeReaction',
        summary: add ? 'Add your reaction' : 'Remove your reaction',
        params: reactionParams,
        response: { 200: reactionsResponse },
      },
      handler: async (request) =>
        chat.setReaction(actorOf(request), { messageId: request.params.id, emoji: request.params.emoji, add }, app.deps),
    });
  }

  app.post(
    '/api/groups/:slug/read',
    {
      schema: {
        operationId: 'markRead',
        tags: ['messages'],
        summary: 'Move your read marker forward (never backwards)',
        params: slugParams,
        body: readBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await chat.markRead(actorOf(request), { slug: request.params.slug, messageId: request.body.messageId }, app.deps);
      return reply.status(204).send();
    },
  );
};
