/** Serves the built SPA from client/dist on the API's port (the index.html fallback is in errors.ts). */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { findUp } from '../lib/findUp.js';

export function clientDistFolder(): string | null {
  const index = findUp('client/dist/index.html');
  return index ? path.dirname(index) : null;
}

export const spaPlugin = fp(async (app: FastifyInstance, opts: { root: string }) => {
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: false,
    index: ['index.html'],
    // Hashed asset names never change content; index.html must always be revalidated.
    setHeaders: (res, filePath) => {
      res.header('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
});
