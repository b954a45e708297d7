/** REST adapter for live events: parse with the shared schemas, call one service function, shape the reply. */
import {
  askEventQuestionBody,
  askEventQuestionResponse,
  createLiveEventBody,
  eventIdParams,
  eventQuestion,
  eventQuestionList,
  eventQuestionParams,
  eventQuestionsQuery,
  groupEventsQuery,
  liveEvent,
  liveEventList,
  myEventsQuery,
  slugParams,
  transcriptList,
  transcriptQuery,
  updateLiveEventBody,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localeOf } from '../../i18n/index.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, fileResponse } from '../../plugins/docs.js';
import { withSafety } from '../moderation/crisisResources.js';
import { eventCalendar } from './calendar.js';
import { endEvent, startEvent } from './lifecycle.js';
import * as queue from './questions.js';
import * as events from './service.js';
import { getTranscript } from './transcript.js';

const tags = ['live events'];

export const liveEventRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.post(
    '/api/groups/:slug/events',
    {
      schema: { operationId: 'createEvent', tags, summary: 'Schedule a live event (moderators)', params: slugParams, body: createLiveEventBody, response: { 201: liveEvent } },
    },
    async (request, reply) => reply.status(201).send(await events.scheduleEvent(actorOf(request), request.params.slug, request.body, deps)),
  );

  app.get(
    '/api/groups/:slug/events',
    {
      schema: {
        operationId: 'listGroupEvents',
        tags,
        summary: 'A group’s upcoming (soonest first) or past (latest first) events',
        params: slugParams,
        querystring: groupEventsQuery,
        response: { 200: liveEventList },
      },
    },
    async (request) => events.listGroupEvents(actorOf(request), request.params.slug, request.query, deps),
  );

  app.get(
    '/api/me/events',
    { schema: { operationId: 'listMyEvents', tags, summary: 'Upcoming events across my groups', querystring: myEventsQuery, response: { 200: liveEventList } } },
    async (request) => events.listMyEvents(actorOf(request), request.query, deps),
  );

  app.get(
    '/api/events/:id',
    { schema: { operationId: 'getEvent', tags, summary: 'One event', params: eventIdParams, response: { 200: liveEvent } } },
    async (request) => events.getEvent(actorOf(request), request.params.id, deps),
  );

  app.patch(
    '/api/events/:id',
    {
      schema: { operationId: 'updateEvent', tags, summary: 'Edit an event before it starts (moderators)', params: eventIdParams, body: updateLiveEventBody, response: { 200: liveEvent, ...errorResponses(409) } },
    },
    async (request) => events.updateEvent(actorOf(request), request.params.id, request.body, deps),
  );

  app.post(
    '/api/events/:id/cancel',
    { schema: { operationId: 'cancelEvent', tags, summary: 'Cancel an event before it starts (moderators)', params: eventIdParams, response: { 200: liveEvent, ...errorResponses(409) } } },
    async (request) => events.cancelEvent(actorOf(request), request.params.id, deps),
  );

  for (const [method, on] of [['PUT', true], ['DELETE', false]] as const) {
    app.route({
      method,
      url: '/api/events/:id/reminder',
      schema: {
        tags,
        operationId: on ? 'setEventReminder' : 'removeEventReminder',
        summary: on ? 'Remind me 15 minutes before and at the start' : 'No reminders for this event',
        params: eventIdParams,
        response: { 200: liveEvent, ...errorResponses(409) },
      },
      handler: async (request) => events.setReminder(actorOf(request), request.params.id, on, deps),
    });
  }

  app.get(
    '/api/events/:id/event.ics',
    {
      schema: {
        operationId: 'getEventCalendar',
        tags,
        summary: 'The event as an iCalendar file',
        params: eventIdParams,
        produces: ['text/calendar'],
        response: { 200: fileResponse('The event (VCALENDAR)') },
      },
    },
    async (request, reply) => {
      const file = await eventCalendar(actorOf(request), request.params.id, deps);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  app.post(
    '/api/events/:id/start',
    { schema: { operationId: 'startEvent', tags, summary: 'Go live (hosts, moderators)', params: eventIdParams, response: { 200: liveEvent, ...errorResponses(409) } } },
    async (request) => startEvent(actorOf(request), request.params.id, deps),
  );

  app.post(
    '/api/events/:id/end',
    { schema: { operationId: 'endEvent', tags, summary: 'End the event (hosts, moderators)', params: eventIdParams, response: { 200: liveEvent, ...errorResponses(409) } } },
    async (request) => endEvent(actorOf(request), request.params.id, deps),
  );

  app.get(
    '/api/events/:id/questions',
    {
      schema: {
        operationId: 'listEventQuestions',
        tags,
        summary: 'The question queue (by upvotes, then age), or the answered ones',
        params: eventIdParams,
        querystring: eventQuestionsQuery,
        response: { 200: eventQuestionList },
      },
    },
    async (request) => queue.listQuestions(actorOf(request), request.params.id, request.query, deps),
  );

  app.post(
    '/api/events/:id/questions',
    {
      schema: { operationId: 'askEventQuestion', tags, summary: 'Ask a question (members)', params: eventIdParams, body: askEventQuestionBody, response: { 201: askEventQuestionResponse, ...errorResponses(409, 422) } },
    },
    async (request, reply) => {
      const { question, crisis } = await queue.askQuestion(actorOf(request), request.params.id, request.body, deps);
      return reply.status(201).send(withSafety(question, crisis, deps.config, localeOf(request)));
    },
  );

  for (const [method, on] of [['POST', true], ['DELETE', false]] as const) {
    app.route({
      method,
      url: '/api/events/:id/questions/:qid/upvote',
      schema: {
        tags,
        operationId: on ? 'upvoteEventQuestion' : 'withdrawEventQuestionUpvote',
        summary: on ? 'Upvote a question (once per member)' : 'Withdraw your upvote',
        params: eventQuestionParams,
        response: { 200: eventQuestion, ...errorResponses(409) },
      },
      handler: async (request) => queue.setUpvote(actorOf(request), request.params.id, request.params.qid, on, deps),
    });
  }

  app.post(
    '/api/events/:id/questions/:qid/answered',
    { schema: { operationId: 'markEventQuestionAnswered', tags, summary: 'Mark a question answered (hosts, moderators)', params: eventQuestionParams, response: { 200: eventQuestion, ...errorResponses(409) } } },
    async (request) => queue.markAnswered(actorOf(request), request.params.id, request.params.qid, deps),
  );

  app.post(
    '/api/events/:id/questions/:qid/feature',
    { schema: { operationId: 'featureEventQuestion', tags, summary: 'Feature a question (hosts, moderators)', params: eventQuestionParams, response: { 200: eventQuestion, ...errorResponses(409) } } },
    async (request) => queue.featureQuestion(actorOf(request), request.params.id, request.params.qid, deps),
  );

  app.get(
    '/api/events/:id/transcript',
    {
      schema: {
        operationId: 'getEventTranscript',
        tags,
        summary: 'The messages sent while the event was live, oldest first',
        params: eventIdParams,
        querystring: transcriptQuery,
        response: { 200: transcriptList },
      },
    },
    async (request) => getTranscript(actorOf(request), request.params.id, request.query, deps),
  );
};
