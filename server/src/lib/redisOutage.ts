/**
 * While Redis is away (down, or frozen so that nothing answers) the adapter cannot carry broadcasts to
 * the other nodes: each node still reaches its own sockets, and the rest of the cluster misses what it
 * published. Nothing replays those broadcasts afterwards. So each node watches Redis — a ping every
 * `intervalMs` bounded by the command timeout, and every failure its modules report — and when Redis
 * answers again after an outage it drops the transport of each of its sockets. Clients take a dropped
 * transport as a reason to reconnect (not a final disconnect), and after every reconnection they join
 * their rooms again and catch up over REST from the last id they hold (client/src/stores/chat.ts), so
 * what they missed arrives; rejoining also rebuilds presence, which a restarted Redis has lost.
 */
import type { Redis } from 'ioredis';

export interface RedisOutageOptions {
  /** The command connection (pinged) and any other the node holds (their drops count too). */
  clients: Redis[];
  intervalMs?: number;
  /**
   * The highest message id now (read after each good ping). Messages after the checkpoint taken a ping
   * before the outage began may have missed other nodes; onRecovered gets it as `resumeAfter`.
   */
  checkpoint: () => Promise<string>;
  /** Called once per outage, when Redis answers again. */
  onRecovered: (outageMs: number, resumeAfter: string) => void;
}

export class RedisOutageWatch {
  #downSince: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pinging = false;
  /** The last two checkpoints, older first: a write in flight at the newer one may commit after it. */
  #checkpoints: [string, string] = ['0', '0'];
  #resumeAfter: string | null = null;
  #failedPings = 0;

  constructor(private readonly options: RedisOutageOptions) {
    for (const client of options.clients) {
      client.on('close', () => this.markDown());
      client.on('end', () => this.markDown());
    }
  }

  get down(): boolean {
    return this.#downSince !== null;
  }

  /** A command failed or a connection closed: Redis is treated as away until a ping answers. */
  markDown(): void {
    if (this.#timer === null) return; // stopped (or not started): a clean quit is no outage
    this.#downSince ??= Date.now();
    this.#resumeAfter ??= this.#checkpoints[0];
  }

  start(): void {
    this.#timer = setInterval(() => void this.#check(), this.options.intervalMs ?? 1_000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #check(): Promise<void> {
    if (this.#pinging) return;
    this.#pinging = true;
    try {
      await this.options.clients[0]!.ping();
      this.#failedPings = 0;
      if (this.#downSince !== null && this.#timer !== null) {
        const outageMs = Date.now() - this.#downSince;
        const resumeAfter = this.#resumeAfter ?? '0';
        this.#downSince = null;
        this.#resumeAfter = null;
        this.options.onRecovered(outageMs, resumeAfter);
      }
      const id = await this.options.checkpoint().catch(() => null);
      if (id !== null && this.#downSince === null) this.#checkpoints = [this.#checkpoints[1], id];
    } catch {
      // Two pings in a row unanswered within the command timeout: Redis is away (frozen or gone). One
      // alone may be a busy moment, and marking it would make every client reconnect for nothing.
      if (++this.#failedPings >= 2) this.markDown();
    } finally {
      this.#pinging = false;
    }
  }
}
