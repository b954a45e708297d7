/**
 * The OpenAPI document exactly as the server serves it at `/docs/json`, from an app built in-process
 * (embedded database in memory, nothing listening, no network), and Redocly's lint of it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/client.js';

export type ApiDocument = OpenAPIV3.Document;

/** Builds the app (with `env` as its settings), asks it for `/docs/json` and closes it. */
export async function buildApiDocument(env: Record<string, string> = {}): Promise<ApiDocument> {
  const database = await openDatabase({ dataDir: 'memory://' });
  // Starting the app schedules its recurring jobs, which needs the tables.
  await database.migrate();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'api-document-secret-that-is-long-enough-for-hs256',
    DATA_DIR: '/tmp/circles-api-document-unused',
    JOBS_POLL_MS: '0',
    ...env,
  });
  const app = await buildApp(config, { database, skipMigrations: true });
  try {
    // What GET /docs/json serves, asked directly: the load shedder must not refuse it on a busy machine.
    await app.ready();
    return JSON.parse(JSON.stringify(app.swagger())) as ApiDocument;
  } finally {
    await app.close();
    await database.close();
  }
}

export interface LintResult {
  errors: number;
  warnings: number;
  /** Redocly's own report (stylish format). */
  output: string;
  ok: boolean;
}

/**
 * Runs `redocly lint` (the pinned @redocly/cli, recommended rules) on `document`. Telemetry and the
 * update check are off: the lint needs no network.
 */
export async function lintApiDocument(document: ApiDocument): Promise<LintResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'circles-openapi-'));
  const file = path.join(dir, 'openapi.json');
  try {
    await writeFile(file, JSON.stringify(document, null, 2));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, 'lint', file, '--extends=recommended', '--format=stylish', '--max-problems=1000'],
        {
          cwd: dir,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
          maxBuffer: 16 * 1024 * 1024,
        },
        (err, out, errOut) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: out, stderr: errOut }),
      );
    });
    const output = `${stdout}${stderr}`;
    const errors = Number(/(\d+) errors?/.exec(output)?.[1] ?? (code === 0 ? 0 : NaN));
    const warnings = Number(/(\d+) warnings?/.exec(output)?.[1] ?? 0);
    return { errors, warnings, output, ok: code === 0 && errors === 0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
