// Bundles the server (and the shared package it imports as TypeScript) into dist/main.js, and the
// one-shot migration command into dist/migrate.js. npm dependencies stay external (node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts', migrate: 'src/db/migrateCli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalize-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@circles/') ? undefined : { external: true }));
      },
    },
  ],
});
