/**
 * Serves the built SPA from client/dist on the API's port. Unknown non-API paths get index.html so
 * client routes survive a reload; /api, /docs and /socket.io keep their own 404s.
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/appError.js';
import { findUp } from '../lib/findUp.js';
import { sendError } from './errors.js';

export function clientDistFolder(): string | null {
  const index = findUp('client/dist/index.html');
  return index ? path.dirname(index) : null;
}

export const spaPlugin = fp(async (app: FastifyInstance, opts: { root: string }) => {
  await app.register(fastifyStatic, { root: opts.root, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi = /^\/(api|docs|socket\.io|metrics)(\/|$)/.test(url);
    if (request.method === 'GET' && !isApi && !path.extname(url)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, new AppError('NOT_FOUND', `No route for ${request.method} ${url}`));
  });
});
