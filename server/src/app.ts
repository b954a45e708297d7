/**
 * buildApp(config): wires plugins and modules and returns the app. It never listens; main.ts does,
 * and tests drive it through supertest or a real port.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import type { Deps } from './deps.js';
import { createRealtime, type CirclesServer } from './lib/realtime.js';
import { ActorCache } from './modules/accounts/actorCache.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { syncConditionCatalog } from './modules/conditions/service.js';
import { conditionRoutes } from './modules/conditions/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { authPlugin, createAccessTokens } from './plugins/auth.js';
import { docsPlugin } from './plugins/docs.js';
import { errorsPlugin } from './plugins/errors.js';
import { createMetrics, metricsPlugin, type Metrics } from './plugins/metrics.js';
import { securityHeadersPlugin, securityPlugin } from './plugins/security.js';
import { createSocketServer, installSocketAuth, type SocketModule } from './plugins/socket.js';
import { clientDistFolder, spaPlugin } from './plugins/spa.js';
import { registerModules } from './modules/index.js';
import { guardRecoveredSessions } from './modules/moderation/recovery.js';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createRedis } from './lib/redis.js';
import { systemClock, type Clock } from './lib/clock.js';
import { registerJobMaintenance } from './jobs/maintenance.js';
import { JobRunner } from './jobs/runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    io: CirclesServer;
    metrics: Metrics;
    /** Extra readiness probes (Redis, when configured). */
    readinessChecks: Array<() => Promise<unknown>>;
  }
}

/** Largest JSON body accepted anywhere (the contract's 64 KiB). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * One access-log line per request, written when it completes (method, path, status, time), instead of
 * Fastify's two: logging was the largest per-request cost after the database in the bench profile.
 */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(...[error, request, reply]: Parameters<LogController['requestCompleted']>): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export interface BuildOptions {
  /** Use an already-open database (tests share one per file); otherwise one is opened from config. */
  database?: Database;
  /** Skip migrations and catalog sync (the caller already did them). */
  skipMigrations?: boolean;
  /** Business time (tests pass one they can move forward). */
  clock?: Clock;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Secrets and health data never reach the logs.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'password',
          'currentPassword',
          'newPassword',
          'accessToken',
          'body',
          '*.password',
          '*.body',
          '*.accessToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Paths only: query strings carry search terms, which can say a lot about someone's health.
        req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
      },
    },
    logController: new AccessLog(),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    // Ids and slugs in paths are short; anything longer is junk.
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  if (!options.skipMigrations) {
    await database.migrate();
    await syncConditionCatalog(database.db);
  }

  const io = createSocketServer(app, config.publicOrigin);
  const redis = config.redisUrl ? createRedis(config.redisUrl) : null;
  if (redis) {
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis error'));
    io.adapter(createAdapter(redis));
  }
  const metrics = createMetrics();
  const actorCache = new ActorCache();
  const clock = options.clock ?? systemClock;
  const jobs = new JobRunner({ db: database.db, clock, log: app.log, ...config.jobs });
  registerJobMaintenance(jobs, database.db);
  const deps: Deps = {
    db: database.db,
    database,
    config,
    realtime: createRealtime(io, {
      clustered: redis !== null,
      onInvalidate: (change) => {
        if (change.sessionIds) actorCache.dropSessions(change.sessionIds);
        if (change.userIds) actorCache.dropUsers(change.userIds);
      },
    }),
    log: app.log,
    tokens: createAccessTokens(app),
    actorCache,
    clock,
    jobs,
  };
  app.decorate('deps', deps);
  app.decorate('io', io);
  app.decorate('metrics', metrics);
  app.decorate('readinessChecks', redis ? [() => redis.ping()] : []);

  const spaRoot = config.serveClient ? clientDistFolder() : null;
  if (config.serveClient && !spaRoot) app.log.warn('client/dist not found: run `npm run build` to serve the SPA');
  await app.register(securityHeadersPlugin, { config });
  await app.register(errorsPlugin, { serveSpa: spaRoot !== null });
  await app.register(authPlugin, { secret: config.jwtSecret, accessTtlSeconds: config.accessTokenTtlSeconds });
  await app.register(securityPlugin, { config, redis });
  await app.register(docsPlugin);
  await app.register(metricsPlugin, { metrics, poolStats: () => database.poolStats() });

  await app.register(healthRoutes);
  await app.register(accountRoutes);
  await app.register(conditionRoutes);
  const socketModules: SocketModule[] = [];
  await registerModules(app, socketModules);

  installSocketAuth(io, deps, socketModules);
  guardRecoveredSessions(io, deps);
  io.on('connection', (socket) => {
    metrics.socketsConnected.inc();
    socket.on('disconnect', () => metrics.socketsConnected.dec());
  });

  if (spaRoot) await app.register(spaPlugin, { root: spaRoot });

  // Modules have registered their job handlers by now.
  app.addHook('onReady', () => jobs.start());
  // Sockets first: upgraded connections would otherwise keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    await jobs.stop();
    io.disconnectSockets(true);
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await io.of('/').adapter.close?.();
    if (!options.database) await database.close();
    redis?.disconnect();
  });

  return app;
}
