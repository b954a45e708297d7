/** REST adapter for clinician verification: applying, and the admins' review queue. */
import {
  clinicianApplication,
  clinicianApplicationBody,
  clinicianApplicationList,
  idParams,
  listApplicationsQuery,
  reviewApplicationBody,
} from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../plugins/docs.js';
import { actorOf } from '../../plugins/auth.js';
import {
  applyAsClinician,
  approveApplication,
  getApplication,
  listApplications,
  listMyApplications,
  rejectApplication,
} from './service.js';

const tags = ['clinicians'];

export const clinicianRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/clinician-applications',
    {
      schema: {
        operationId: 'applyAsClinician',
        tags,
        summary: 'Apply for the verified clinician badge (one pending application at a time)',
        body: clinicianApplicationBody,
        response: { 201: clinicianApplication, ...errorResponses(409) },
      },
    },
    async (request, reply) => reply.status(201).send(await applyAsClinician(actorOf(request), request.body, app.deps)),
  );

  app.get(
    '/api/clinician-applications',
    { schema: { operationId: 'listMyClinicianApplications', tags, summary: 'Your own applications, newest first', response: { 200: clinicianApplicationList } } },
    async (request) => listMyApplications(actorOf(request), app.deps),
  );

  app.get(
    '/api/clinician-applications/:id',
    { schema: { operationId: 'getClinicianApplication', tags, summary: 'One of your applications (admins: any)', params: idParams, response: { 200: clinicianApplication } } },
    async (request) => getApplication(actorOf(request), request.params.id, app.deps),
  );

  app.get(
    '/api/admin/clinician-applications',
    {
      schema: {
        operationId: 'listClinicianApplications',
        tags,
        summary: 'Applications to review, oldest first (site admins)',
        querystring: listApplicationsQuery,
        response: { 200: clinicianApplicationList },
      },
    },
    async (request) => listApplications(actorOf(request), request.query, app.deps),
  );

  app.post(
    '/api/admin/clinician-applications/:id/approve',
    {
      schema: {
        operationId: 'approveClinicianApplication',
        tags,
        summary: 'Approve (or renew): sets the badge until expiresAt, default one year (site admins)',
        params: idParams,
        body: reviewApplicationBody.nullish(),
        response: { 200: clinicianApplication },
      },
    },
    async (request) => approveApplication(actorOf(request), request.params.id, request.body ?? {}, app.deps),
  );

  app.post(
    '/api/admin/clinician-applications/:id/reject',
    {
      schema: {
        operationId: 'rejectClinicianApplication',
        tags,
        summary: 'Reject with an optional note; no badge (site admins)',
        params: idParams,
        body: reviewApplicationBody.nullish(),
        response: { 200: clinicianApplication },
      },
    },
    async (request) => rejectApplication(actorOf(request), request.params.id, request.body ?? {}, app.deps),
  );
};
