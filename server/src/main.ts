/** Entry point: read config, build the app, seed demo content on a fresh database, listen, shut down cleanly. */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/users.js';
import { isDatabaseEmpty, seedDemo } from './demo/seed.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const app = await buildApp(config);
let seeded = false;
let demoInvite: string | null = null;
if (config.seedDemo && (await isDatabaseEmpty(app.deps))) {
  demoInvite = (await seedDemo(app.deps)).inviteCode;
  seeded = true;
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  if (signal && config.shutdownDrainMs > 0) {
    // Still listening, answering 503 (readiness too), so that a balancer polling /api/ready sees the
    // node go before its port closes; then the usual close (within close-with-grace's 10 s).
    app.deps.lifecycle.startDraining();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
  }
  await app.close();
});

await app.listen({ port: config.port, host: config.host });

const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
const url = config.publicOrigin ?? `http://${shownHost}:${config.port}`;
const lines = [
  '',
  `  Circles is running at ${url}`,
  `  API docs: ${url}/docs   ·   database: ${app.deps.database.kind}${config.redisUrl ? ' · redis: on' : ''}`,
];
if (config.seedDemo) {
  lines.push(
    `  Demo logins (password for all: ${DEMO_PASSWORD})${seeded ? '' : ' — seeded on first start'}:`,
    `    admin      ${DEMO_USERS.admin.email}`,
    `    clinician  ${DEMO_USERS.clinician.email}`,
    `    patient    ${DEMO_USERS.maya.email}   (also ${DEMO_USERS.tom.email}, ${DEMO_USERS.sofia.email})`,
    `    staff      ${DEMO_USERS.nurse.email} (Riverside Children’s Hospital), ${DEMO_USERS.sofia.email} (a patient association)`,
  );
  // An invite link opens signed out: the quickest way to see the front door's other half.
  if (demoInvite) lines.push(`  Demo invite link: ${url}/invite/${demoInvite}`);
}
console.log(lines.join('\n') + '\n');
