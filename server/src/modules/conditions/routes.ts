import { conditionList } from '@circles/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listConditions } from './service.js';

export const conditionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/conditions',
    { config: { public: true }, schema: { operationId: 'listConditions', tags: ['groups'], summary: 'The condition catalog', response: { 200: conditionList } } },
    async () => ({ items: await listConditions(app.deps) }),
  );
};
