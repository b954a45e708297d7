/**
 * buildApp(config): wires plugins and modules and returns the app. It never listens; main.ts does,
 * and tests drive it through supertest or a real port.
 */
import { sql } from 'drizzle-orm';
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
import { compressionPlugin } from './plugins/compression.js';
import { docsPlugin } from './plugins/docs.js';
import { errorsPlugin, frameworkErrorsHandler } from './plugins/errors.js';
import { createMetrics, metricsPlugin, type Metrics } from './plugins/metrics.js';
import { securityHeadersOf, securityHeadersPlugin, securityPlugin } from './plugins/security.js';
import { createSocketServer, installSocketAuth, type SocketModule } from './plugins/socket.js';
import { clientDistFolder, createSpaPages, inlineScriptHashes, spaPlugin } from './plugins/spa.js';
import { registerModules } from './modules/index.js';
import { guardRecoveredSessions } from './modules/moderation/recovery.js';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { ADAPTER_BLOCK_MS, ADAPTER_COMMAND_TIMEOUT_MS, createRedis } from './lib/redis.js';
import { RedisOutageWatch } from './lib/redisOutage.js';
import { watchStalledSockets } from './lib/stalledSockets.js';
import { systemClock, type Clock } from './lib/clock.js';
import { registerJobMaintenance } from './jobs/maintenance.js';
import { createMailer } from './lib/mailer.js';
import { JobRunner } from './jobs/runner.js';
import { createLimiter } from './lib/limiter.js';
import { AppError } from './lib/appError.js';
import { Lifecycle } from './lib/lifecycle.js';
import { ReadGate } from './lib/readGate.js';
import { Presence } from './lib/presence.js';
import { SocketCap } from './lib/socketCap.js';
import { limitRules } from './limits.js';
import { createPasswords } from './modules/accounts/passwords.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    io: CirclesServer;
    metrics: Metrics;
    /** Extra readiness probes (Redis, when configured). */
    readinessChecks: Array<() => Promise<unknown>>;
  }
}

/** How long a draining node waits for socket events under way before it closes the sockets (exit is due within 10 s). */
const DRAIN_SOCKET_WORK_MS = 4_000;

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

/** Fastify takes a hop count as a function: trust the nearest `hops` addresses, no further. */
function trustProxyOption(setting: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
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
  const spaRoot = config.serveClient ? clientDistFolder() : null;
  const securityHeaders = securityHeadersOf(config, inlineScriptHashes(spaRoot));
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
    // Off unless TRUST_PROXY names the proxies in front: otherwise any client could pick its own
    // address with X-Forwarded-For and step around the per-address limits.
    trustProxy: trustProxyOption(config.trustProxy),
    // Ids and slugs in paths are short; anything longer is junk.
    routerOptions: { maxParamLength: 200 },
    // An undecodable or overlong path answers in the contract's shape (414 URI_TOO_LONG), not Fastify's.
    frameworkErrors: frameworkErrorsHandler(securityHeaders),
    // Draining answers in the contract's shape (the hook below), not Fastify's bare 503.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, queryTimeoutMs: config.dbQueryTimeoutMs }));
  if (!options.skipMigrations) {
    if (config.migrateOnStart) await database.migrate();
    await syncConditionCatalog(database.db);
  }

  const lifecycle = new Lifecycle();
  const io = createSocketServer(app, config.publicOrigin, lifecycle, config.socketRecoveryMs);
  const redis = config.redisUrl ? createRedis(config.redisUrl, { commandTimeoutMs: config.redisCommandTimeoutMs }) : null;
  // The adapter's broadcasts are written at once, not pipelined to the next tick: a send's broadcast then
  // leaves before its acknowledgement does, so a node killed between the two has not acked a message
  // nobody else will hear (the sender retries, and the retry is announced).
  const adapterRedis = config.redisUrl ? createRedis(config.redisUrl, { commandTimeoutMs: ADAPTER_COMMAND_TIMEOUT_MS, autoPipelining: false }) : null;
  const prefix = config.redisPrefix;
  let redisOutage: RedisOutageWatch | null = null;
  if (redis && adapterRedis) {
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis error'));
    adapterRedis.on('error', () => {});
    // Every stream, channel and key starts with REDIS_PREFIX: two deployments on one Redis never
    // hear each other (pub/sub channels ignore the database number).
    io.adapter(
      createAdapter(adapterRedis, {
        streamName: `${prefix}socket.io`,
        channelPrefix: `${prefix}socket.io`,
        sessionKeyPrefix: `${prefix}sio:session:`,
        blockTimeInMs: ADAPTER_BLOCK_MS,
      }),
    );
    // Broadcasts to other nodes are lost while Redis is away: afterwards this node's clients reconnect
    // and catch up (lib/redisOutage.ts).
    redisOutage = new RedisOutageWatch({
      clients: [redis, adapterRedis],
      checkpoint: async () => {
        const { rows } = await database.db.execute<{ id: string }>(sql`select coalesce(max(id), 0)::text as id from messages`);
        return rows[0]?.id ?? '0';
      },
      onRecovered: (outageMs, resumeAfter) => {
        const sockets = [...io.of('/').sockets.values()];
        app.log.warn({ outageMs, sockets: sockets.length, resumeAfter }, 'redis is back: clients catch up on broadcasts it missed, and reconnect');
        for (const socket of sockets) {
          (socket.emit as (e: string, p: unknown) => void)('messages:resync', { afterId: resumeAfter });
          // After the event is written (a close waits for the buffer): presence is rebuilt as they rejoin.
          socket.conn.close();
        }
      },
    });
  }
  // A slow command alone (a busy machine) is no outage: the watch's own pings decide (lib/redisOutage.ts).
  const onRedisError = (err: unknown) => app.log.warn({ err }, 'redis command failed');
  const presence = new Presence({ redis, prefix, onError: onRedisError });
  await presence.attach(io.of('/').adapter, (socketId) => io.of('/').sockets.get(socketId)?.data.userId);
  const metrics = createMetrics();
  const stallWatch = watchStalledSockets(io, { stallMs: config.socketStallMs, log: app.log, onCut: () => metrics.socketsCut.inc() });
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
      presence,
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
    limits: createLimiter(limitRules(config), { redis, prefix, onError: onRedisError }),
    presence,
    reads: new ReadGate(Math.max(1, config.dbPoolSize - config.dbReservedForWrites), config.dbReadWaitMs),
    socketCap: new SocketCap({ max: config.socketsPerUser, redis, prefix, onError: onRedisError }),
    lifecycle,
    passwords: createPasswords(),
    mailer: createMailer(config, app.log),
  };
  app.decorate('deps', deps);
  // From SIGTERM on, new requests are told to go elsewhere (nginx retries idempotent ones on the other
  // node) in the contract's shape; /api/ready says 503 itself, /api/health stays 200; requests already
  // under way finish.
  app.addHook('onRequest', async (request, reply) => {
    if (!lifecycle.draining || request.url === '/api/health' || request.url === '/api/ready') return;
    reply.header('connection', 'close');
    throw new AppError('UNAVAILABLE', 'errors.shuttingDown', { retryAfter: 1 });
  });
  app.decorate('io', io);
  app.decorate('metrics', metrics);
  app.decorate('readinessChecks', redis ? [() => redis.ping()] : []);

  if (config.serveClient && !spaRoot) app.log.warn('client/dist not found: run `npm run build` to serve the SPA');
  await app.register(securityHeadersPlugin, { headers: securityHeaders });
  const spaPages = spaRoot ? createSpaPages(spaRoot) : null;
  await app.register(errorsPlugin, { spaPages });
  await app.register(authPlugin, { secret: config.jwtSecret, accessTtlSeconds: config.accessTokenTtlSeconds });
  await app.register(securityPlugin, { config, redis, prefix });
  await app.register(docsPlugin, { publicOrigin: config.publicOrigin });
  await app.register(metricsPlugin, { config, metrics, poolStats: () => database.poolStats(), socketBacklog: stallWatch.backlog });
  // Before the routes: it applies to the routes declared after it (JSON API answers only, not /api/auth).
  await app.register(compressionPlugin);

  await app.register(healthRoutes);
  await app.register(accountRoutes);
  await app.register(conditionRoutes);
  const socketModules: SocketModule[] = [];
  await registerModules(app, socketModules);

  installSocketAuth(io, deps, socketModules);
  deps.socketCap.start(function* openSockets() {
    for (const socket of io.of('/').sockets.values()) if (socket.data.userId) yield { socketId: socket.id, userId: socket.data.userId };
  });
  guardRecoveredSessions(io, deps);
  io.on('connection', (socket) => {
    metrics.socketsConnected.inc();
    socket.on('disconnect', () => metrics.socketsConnected.dec());
  });
  redisOutage?.start();

  if (spaRoot && spaPages) await app.register(spaPlugin, { root: spaRoot, pages: spaPages });

  // Modules have registered their job handlers by now.
  app.addHook('onReady', () => jobs.start());
  // Draining (SIGTERM, or any close): from here /api/ready answers 503 and Fastify answers 503 to new
  // requests while the ones under way finish; new sockets are refused. Socket events under way finish
  // and are acknowledged, then the transports close — not a server "disconnect", which clients take
  // as final — so clients reconnect at once, through the balancer, to another node. Sockets go before
  // the HTTP server closes: upgraded connections would otherwise keep it open.
  app.addHook('preClose', async () => {
    lifecycle.startDraining();
    stallWatch.stop();
    redisOutage?.stop();
    const jobsStopped = jobs.stop();
    const settled = await lifecycle.idle(DRAIN_SOCKET_WORK_MS);
    if (!settled) app.log.warn({ inFlight: lifecycle.inFlight }, 'closing sockets with work still under way');
    io.engine.close();
    deps.socketCap.stop();
    await presence.stop();
    await jobsStopped;
  });
  app.addHook('onClose', async () => {
    deps.mailer.close();
    await io.of('/').adapter.close?.();
    if (!options.database) await database.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
    if (adapterRedis) await adapterRedis.quit().catch(() => adapterRedis.disconnect());
  });

  return app;
}
