import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every text file of the build, once,
 * at build time; the server sends them as they are (@fastify/static `preCompressed`). Runs last, after
 * every other plugin (the service worker included) has written its files.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'circles:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await readdir(outDir, { recursive: true })).map((f) => path.join(outDir, f));
        await Promise.all(
          files.map(async (file) => {
            if (!COMPRESSIBLE.test(file) || (await stat(file)).size < 1024) return;
            const content = await readFile(file);
            const [br, gz] = await Promise.all([
              promisify(brotliCompress)(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }),
              promisify(gzip)(content, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
          }),
        );
      },
    },
  };
}

// In development the API runs on :3000 (npm run dev) and Vite proxies to it; in production the
// server serves the built files itself, so the SPA always talks to its own origin.
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/docs': 'http://127.0.0.1:3000',
    },
  },
  // Every browser Circles supports preloads modules natively: no polyfill in the first script.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 800, modulePreload: { polyfill: false } },
});
