/**
 * Settings come from the environment, read once here and validated with a clear message naming the
 * bad variable. Nothing else in the server reads process.env.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boolFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const positiveInt = z.coerce.number().int().positive();

/** A number to call or text as people write it: digits, spaces, dashes, dots, brackets, a leading +. */
const dialable = z
  .string()
  .max(30)
  .regex(/^\+?[0-9(][0-9 ().-]*[0-9]$/, { message: 'must be a number to call or text (digits, spaces, - . ( ) and a leading +)' });
const resourceName = z.string().trim().min(1).max(120);

/** One place to turn to in a crisis, as the CRISIS_RESOURCES setting gives it. */
const crisisResourceSetting = z
  .strictObject({
    /** One name for every language, or one per language (`{ "en": …, "fr": … }`). */
    name: z.union([resourceName, z.strictObject({ en: resourceName, fr: resourceName })]),
    phone: dialable.optional(),
    text: dialable.optional(),
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    /** Where it serves: ISO 3166-1 codes, comma-separated ("CA", "US", "CA,US"). */
    region: z.string().regex(/^[A-Z]{2}(?:-[A-Z0-9]{1,3})?(?:,[A-Z]{2}(?:-[A-Z0-9]{1,3})?)*$/, {
      message: 'must be ISO 3166 codes, comma-separated ("CA", "US", "CA-QC", "CA,US")',
    }),
  })
  .refine((r) => r.phone ?? r.text ?? r.url, { message: 'needs a phone, a text number or a url' });
export type CrisisResourceSetting = z.infer<typeof crisisResourceSetting>;

/** CRISIS_RESOURCES: a JSON array of resources, replacing the defaults. */
const crisisResourcesSetting = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { name, phone?, text?, url?, region }' });
      return z.NEVER;
    }
  })
  .pipe(z.array(crisisResourceSetting).min(1, { message: 'must list at least one resource' }).max(20));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }).optional(),
  REDIS_URL: z.url({ message: 'must be a redis:// URL' }).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'letters, digits and _ . : - only, at most 64' })
    .default('circles:'),
  TRUST_PROXY: z.string().default('false'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Circles <no-reply@circles.localhost>'),
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  PUBLIC_ORIGIN: z.url({ message: 'must be an http(s) origin such as https://circles.example.org' }).optional(),
  BOOTSTRAP_ADMIN_EMAILS: z.string().default(''),
  SEED_DEMO: boolFlag.default(true),
  MIGRATE_ON_START: boolFlag.default(true),
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
  DB_POOL_SIZE: positiveInt.default(20),
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  DB_POOL_RESERVED_FOR_WRITES: z.coerce.number().int().min(0).optional(),
  DB_READ_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  SOCKET_STALL_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  SOCKET_RECOVERY_MS: z.coerce.number().int().min(0).max(600_000).default(120_000),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(8_000).default(0),
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt.default(60),
  RATE_LIMIT_API_PER_MINUTE: positiveInt.default(1200),
  RATE_LIMIT_MESSAGES_PER_10S: positiveInt.default(50),
  RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: positiveInt.default(1200),
  SERVE_CLIENT: boolFlag.optional(),
  JOBS_POLL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  JOBS_CONCURRENCY: positiveInt.max(64).default(4),
  EVENT_AUTO_END_GRACE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(30),
  CRISIS_RESOURCES: crisisResourcesSetting.optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SOCKETS_PER_USER_MAX: positiveInt.max(1000).default(20),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  /** Outgoing email: SMTP when `smtpUrl` is set, else the log and (in development) the /dev/outbox page. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Where links in emails point: PUBLIC_ORIGIN, else this server on localhost (never a request's Host). */
  linkOrigin: string;
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Where the embedded database and the generated JWT secret live when DATABASE_URL is absent. */
  dataDir: string;
  redisUrl: string | undefined;
  /** Starts every Redis key, stream and channel, so deployments sharing one Redis never mix. */
  redisPrefix: string;
  /**
   * Whose X-Forwarded-For counts for the client address: false (nobody's: the TCP peer is the client),
   * a hop count (that many proxies in front), or the proxies' addresses / CIDR ranges.
   */
  trustProxy: false | number | string[];
  jwtSecret: string;
  publicOrigin: string | undefined;
  bootstrapAdminEmails: ReadonlySet<string>;
  seedDemo: boolean;
  /** Apply pending migrations at start (under an advisory lock); off when a one-shot step does it. */
  migrateOnStart: boolean;
  logLevel: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  dbPoolSize: number;
  /**
   * Fault bounds (docs/reliability.md): how long a query may go unanswered before the client gives up
   * (a hung network never lets the server's statement_timeout fire); how many pool connections history
   * reads leave to writes, and how long a read waits for its share before answering 503; how long a
   * Redis command may take (rate limits then fail open); how long a socket may leave its backlog
   * unread before it is disconnected.
   */
  dbQueryTimeoutMs: number;
  /**
   * Past this event-loop delay, requests answer 503 UNAVAILABLE (load shedding); 0: off. Off by default
   * on the embedded database: it runs inside this process, so its own work delays the loop — that is the
   * database busy, not the node overloaded, and shedding would only refuse the one node there is.
   */
  overloadEventLoopDelayMs: number;
  dbReservedForWrites: number;
  dbReadWaitMs: number;
  redisCommandTimeoutMs: number;
  socketStallMs: number;
  /** Connection-state recovery window (0: off, every reconnection goes through the handshake). */
  socketRecoveryMs: number;
  /** After SIGTERM, how long the node keeps listening (answering 503 UNAVAILABLE) before it closes. */
  shutdownDrainMs: number;
  rateLimits: { authPerMinute: number; apiPerMinute: number; messagesPer10s: number; socketEventsPerMinute: number };
  serveClient: boolean;
  /** How often this node looks for due jobs (0: it never runs jobs, only enqueues them), and how many at once. */
  jobs: { pollMs: number; concurrency: number };
  /** A live event its hosts forgot to end closes itself this long after its `endsAt`. */
  liveEvents: { autoEndGraceMinutes: number };
  /**
   * Where the author of a post that reads as a crisis is pointed (CRISIS_RESOURCES); null: the defaults
   * in moderation/crisisResources.ts (988 in Canada and the US, Kids Help Phone, 911).
   */
  crisisResources: readonly CrisisResourceSetting[] | null;
  /**
   * Who may read /metrics. In production: only on its own listener at `port` (METRICS_PORT, meant for
   * the private network) when set, else with `Authorization: Bearer <token>` (METRICS_TOKEN), else
   * nobody (404). Elsewhere it is open, unless a token is set.
   */
  metrics: { token: string | undefined; port: number | undefined };
  /** Open Socket.IO connections one person may hold, on every node together (SOCKETS_PER_USER_MAX). */
  socketsPerUser: number;
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError that names each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: required when DATABASE_URL is set (every node must share it)',
    );
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (trustProxy === null) {
    throw new ConfigError(
      'Invalid configuration:\n  TRUST_PROXY: false, a hop count (1 for one proxy in front), or a comma-separated list of proxy addresses or CIDR ranges',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    trustProxy,
    jwtSecret: e.JWT_SECRET ?? readOrCreateLocalSecret(dataDir),
    publicOrigin: e.PUBLIC_ORIGIN?.replace(/\/$/, ''),
    bootstrapAdminEmails: new Set(
      e.BOOTSTRAP_ADMIN_EMAILS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
    seedDemo: e.SEED_DEMO,
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    dbPoolSize: e.DB_POOL_SIZE,
    dbQueryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
    overloadEventLoopDelayMs: e.OVERLOAD_EVENT_LOOP_DELAY_MS ?? (e.DATABASE_URL ? 2_000 : 0),
    dbReservedForWrites: Math.min(e.DB_POOL_SIZE - 1, e.DB_POOL_RESERVED_FOR_WRITES ?? Math.max(1, Math.floor(e.DB_POOL_SIZE / 4))),
    dbReadWaitMs: e.DB_READ_WAIT_MS,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    socketStallMs: e.SOCKET_STALL_MS,
    socketRecoveryMs: e.SOCKET_RECOVERY_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    rateLimits: {
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      apiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
      messagesPer10s: e.RATE_LIMIT_MESSAGES_PER_10S,
      socketEventsPerMinute: e.RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE,
    },
    serveClient: e.SERVE_CLIENT ?? e.NODE_ENV === 'production',
    jobs: { pollMs: e.JOBS_POLL_MS, concurrency: e.JOBS_CONCURRENCY },
    liveEvents: { autoEndGraceMinutes: e.EVENT_AUTO_END_GRACE_MINUTES },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    linkOrigin: e.PUBLIC_ORIGIN?.replace(/\/$/, '') ?? `http://localhost:${e.PORT}`,
    crisisResources: e.CRISIS_RESOURCES ?? null,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    socketsPerUser: e.SOCKETS_PER_USER_MAX,
  });
}

const ADDRESS_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;
const PROXY_ADDRESS_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: off unless said. `true` is refused on purpose: trusting every hop lets any client
 * name its own address (and so walk around per-address limits) by sending X-Forwarded-For.
 */
function parseTrustProxy(value: string): false | number | string[] | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'off') return false;
  if (/^\d+$/.test(v)) return Math.min(Number(v), 10);
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0 || !entries.every((x) => ADDRESS_OR_CIDR.test(x) || PROXY_ADDRESS_NAMES.has(x))) return null;
  return entries;
}

/** The embedded single-node setup keeps a generated secret beside its database, so restarts keep sessions. */
function readOrCreateLocalSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
