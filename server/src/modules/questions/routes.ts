/** REST adapter for health questions, answers, helpful votes and the clinician queue. */
import {
  acceptBody,
  answerBody,
  answerResponse,
  askQuestionBody,
  askQuestionResponse,
  helpfulResponse,
  idParams,
  listQuestionsQuery,
  question,
  questionDetail,
  questionList,
  queueItem,
  queueList,
  queueQuery,
  slugParams,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../plugins/docs.js';
import { localeOf } from '../../i18n/index.js';
import { actorOf } from '../../plugins/auth.js';
import { withSafety } from '../moderation/crisisResources.js';
import { markHelpful, postAnswer, unmarkHelpful } from './answers.js';
import { claimQuestion, getClinicianQueue, releaseClaim } from './queue.js';
import { acceptAnswer, askQuestion, getQuestion, listQuestions, setPinned } from './service.js';

const tags = ['questions'];

export const questionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/groups/:slug/questions',
    {
      schema: {
        operationId: 'listQuestions',
        tags,
        summary: "A group's questions: pinned first, newest or most helpful; q searches titles and bodies",
        params: slugParams,
        querystring: listQuestionsQuery,
        response: { 200: questionList },
      },
    },
    async (request) => listQuestions(actorOf(request), request.params.slug, request.query, app.deps),
  );

  app.post(
    '/api/groups/:slug/questions',
    {
      schema: {
        operationId: 'askQuestion',
        tags,
        summary: 'Ask a question (optionally anonymously: only moderators see who asked)',
        params: slugParams,
        body: askQuestionBody,
        response: { 201: askQuestionResponse, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const { question, crisis } = await askQuestion(actorOf(request), request.params.slug, request.body, app.deps);
      return reply.status(201).send(withSafety(question, crisis, app.deps.config, localeOf(request)));
    },
  );

  app.get(
    '/api/questions/:id',
    {
      schema: {
        operationId: 'getQuestion',
        tags,
        summary: 'A question with its answers: clinician answers first, then by helpfulness, then oldest',
        params: idParams,
        response: { 200: questionDetail },
      },
    },
    async (request) => getQuestion(actorOf(request), request.params.id, app.deps),
  );

  app.post(
    '/api/questions/:id/answers',
    {
      schema: {
        operationId: 'answerQuestion',
        tags,
        summary: 'Answer (members; verified clinicians in any public group)',
        params: idParams,
        body: answerBody,
        response: { 201: answerResponse, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const { answer, crisis } = await postAnswer(actorOf(request), request.params.id, request.body, app.deps);
      return reply.status(201).send(withSafety(answer, crisis, app.deps.config, localeOf(request)));
    },
  );

  app.post(
    '/api/questions/:id/pin',
    { schema: { operationId: 'pinQuestion', tags, summary: 'Pin for clinicians (moderators)', params: idParams, response: { 200: question } } },
    async (request) => setPinned(actorOf(request), request.params.id, true, app.deps),
  );

  app.delete(
    '/api/questions/:id/pin',
    { schema: { operationId: 'unpinQuestion', tags, summary: 'Unpin (moderators)', params: idParams, response: { 200: question } } },
    async (request) => setPinned(actorOf(request), request.params.id, false, app.deps),
  );

  app.post(
    '/api/questions/:id/accept',
    {
      schema: { operationId: 'acceptAnswer', tags, summary: 'Accept an answer (the asker only)', params: idParams, body: acceptBody, response: { 200: question } },
    },
    async (request) => acceptAnswer(actorOf(request), request.params.id, request.body.answerId, app.deps),
  );

  app.put(
    '/api/answers/:id/helpful',
    { schema: { operationId: 'markAnswerHelpful', tags, summary: 'Mark an answer helpful (once per reader; not your own)', params: idParams, response: { 200: helpfulResponse } } },
    async (request) => markHelpful(actorOf(request), request.params.id, app.deps),
  );

  app.delete(
    '/api/answers/:id/helpful',
    { schema: { operationId: 'unmarkAnswerHelpful', tags, summary: 'Take back a helpful vote', params: idParams, response: { 200: helpfulResponse } } },
    async (request) => unmarkHelpful(actorOf(request), request.params.id, app.deps),
  );

  app.get(
    '/api/clinician/queue',
    {
      schema: {
        operationId: 'getClinicianQueue',
        tags,
        summary: 'Pinned questions without a clinician answer, oldest first (verified clinicians)',
        querystring: queueQuery,
        response: { 200: queueList },
      },
    },
    async (request) => getClinicianQueue(actorOf(request), request.query, app.deps),
  );

  app.post(
    '/api/questions/:id/claim',
    { schema: { operationId: 'claimQuestion', tags, summary: 'Claim a queued question for 30 minutes (clinicians)', params: idParams, response: { 200: queueItem, ...errorResponses(409) } } },
    async (request) => claimQuestion(actorOf(request), request.params.id, app.deps),
  );

  app.delete(
    '/api/questions/:id/claim',
    { schema: { operationId: 'releaseQuestionClaim', tags, summary: 'Release your claim (clinicians)', params: idParams, response: { 200: queueItem } } },
    async (request) => releaseClaim(actorOf(request), request.params.id, app.deps),
  );
};
