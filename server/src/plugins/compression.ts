/**
 * Compressed API answers: brotli or gzip, whichever the client prefers (Accept-Encoding), for answers of
 * 1 KB and more. A group's latest messages or "my groups" shrink to a third or less, which on a phone's
 * link is a noticeable part of the time before the page shows them.
 *
 * Only `/api/` routes. Not:
 * - `/api/auth/*`: the refresh answer carries a token and is authorized by a cookie the browser sends by
 *   itself; compressing a secret beside anything a third party can influence leaks it through the size
 *   (BREACH). Every other API route is authorized by the Bearer token only the SPA holds, so another site
 *   cannot make a browser send them.
 * - the SPA's files (plugins/spa.ts): they are compressed once at build time and served as they are.
 * - `/socket.io` is not a Fastify route (Engine.IO answers it on the HTTP server itself).
 * - `/metrics`, `/docs`: not for browsers on a phone; left as they were.
 * Request bodies are never decompressed (the SPA sends small JSON; a compressed upload is refused as before).
 */
import compress from '@fastify/compress';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/** Answers smaller than this go as they are: compressing them saves too little to be worth the work. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/** Whether the answers of a route (its URL pattern) may be compressed. */
export function mayCompress(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/auth/');
}

/** Register before the routes: it applies to routes declared after it. */
export const compressionPlugin = fp(async (app: FastifyInstance) => {
  // Runs before the compress plugin's own onRoute hook (added below), which honours `compress: false`.
  app.addHook('onRoute', (route: RouteOptions & { compress?: unknown }) => {
    if (route.compress === undefined && !mayCompress(route.url)) route.compress = false;
  });
  await app.register(compress, {
    global: true,
    // Named explicitly: the plugin's default list grows with the Node version (zstd on Node 22.15+).
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD_BYTES,
    globalDecompression: false,
  });
});
