/**
 * What the orchestrator (bench/run.ts) and the load client process say to each other over IPC.
 * The load client is a separate process so that its CPU use and garbage collection never count
 * against the server being measured, and the same client code drives Circles and the baselines.
 */
import type { LatencySummary } from '../lib/stats.js';

export interface Member {
  userId: string;
  token: string;
  /** The group this socket joins and sends to. */
  slug: string;
  /** The loopback address to connect from (behind nginx's `hash $remote_addr`, it picks the node). */
  localAddress?: string;
}

export interface ConnectCommand {
  cmd: 'connect';
  /** A named set of sockets, so two servers can be driven side by side (default: 'default'). */
  pool?: string;
  url: string;
  members: Member[];
  /** Emit `group:join` after connecting (the room subscription a real client makes). */
  join: boolean;
  /** Sockets opened at once. */
  batch: number;
  timeoutMs: number;
}

export interface ChatCommand {
  cmd: 'chat';
  pool?: string;
  /** Messages per second over all connected sockets. */
  rate: number;
  durationMs: number;
  drainMs: number;
  ackTimeoutMs: number;
  /** Prefix of every clientId sent in this step, unique per run and step. */
  tag: string;
}

export interface HttpCommand {
  cmd: 'http';
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationS: number;
  /** Fixed request rate over all connections (absent: as fast as the server answers). */
  overallRate?: number;
  /** Return every 2xx latency too, so rounds can be merged. */
  keepSamples?: boolean;
}

export interface HealthUnderLoginCommand {
  cmd: 'healthUnderLogin';
  url: string;
  logins: Array<{ email: string; password: string }>;
  /** Login loops running at once; 0 measures idle health latency. */
  concurrent: number;
  durationS: number;
  healthRate: number;
  healthConnections: number;
}

export type Command = ConnectCommand | ChatCommand | HttpCommand | HealthUnderLoginCommand | { cmd: 'disconnect'; pool?: string } | { cmd: 'exit' };

export interface ConnectResult {
  connected: number;
  failed: number;
  /** Error messages or ack codes of failed connections/joins, with counts. */
  failures: Record<string, number>;
  /** `group:join` was never answered: the server has no handler for it. */
  joinUnanswered: number;
  durationMs: number;
}

export interface ChatResult {
  targetRate: number;
  durationMs: number;
  sent: number;
  acked: number;
  ackErrors: Record<string, number>;
  ackTimeouts: number;
  /** Send → ack, acknowledged messages only. */
  ack: LatencySummary;
  /** Send → `message:new` at each other member of the group. */
  delivery: LatencySummary;
  deliveries: number;
  expectedDeliveries: number;
  deliveriesPerSec: number;
  achievedSendRate: number;
  ackedPerSec: number;
  /** Acknowledged messages that did not reach at least one other connected member. */
  lostMessages: number;
  missingDeliveries: number;
  /** A member received the same message twice. */
  duplicates: number;
  /** A message reached a socket that is not in its group. */
  misrouted: number;
  /** Two different clientIds acknowledged with the same message id. */
  idCollisions: number;
  /** Sockets that dropped during the step. */
  disconnects: number;
  /** Event-loop delay of the load client itself: when high, the client (not the server) limited the step. */
  clientLagP99Ms: number;
  /** Acknowledged clientIds, so the orchestrator can check each is stored exactly once. */
  ackedClientIds: string[];
}

export interface HttpResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  rps: number;
  latency: LatencySummary;
  clientLagP99Ms: number;
  /** Seconds actually measured. */
  seconds: number;
  samples?: number[];
}

export interface HealthUnderLoginResult {
  health: HttpResult;
  logins: { ok: number; failed: number; latency: LatencySummary; statusCounts: Record<string, number> };
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export type Request = { id: number; command: Command };
