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
    // `vite build` writes a brotli and a gzip copy beside each text asset (client/vite.config.ts): the
    // browser gets the smallest one it accepts, with no compression work per request.
    preCompressed: true,
    // The copies are found beside the original; they need no route of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    // Hashed asset names never change content; everything else (index.html, the service worker, the
    // manifest) must always be revalidated so a new version takes over at once.
    setHeaders: (res, filePath) => {
      res.header('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
});
