/**
 * Reads that can come in crowds (history pages, catch-up after a reconnection storm) share the database
 * pool with writes, first come first served: two hundred slow reads would queue every send behind them.
 * The gate lets at most `capacity` such reads hold a connection at once — the pool size less the
 * connections reserved for writes — and makes the rest wait their turn, each for `maxWaitMs` at most,
 * then answers 503 UNAVAILABLE with Retry-After: a client told to come back soon, instead of a send
 * that never gets a connection.
 *
 * A slot covers the whole request, its session lookup included (plugins/auth.ts, routes whose config
 * says `readGate: true`): the lookups of a crowd with cold sessions, queued on the pool ahead of the
 * gate, were what kept sends waiting (docs/reliability.md, pool exhaustion).
 */
import { AppError } from './appError.js';

export class ReadGate {
  #running = 0;
  readonly #queue: Array<{ wake: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    readonly capacity: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Reads under way and waiting, for /metrics and tests. */
  get stats(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#queue.length };
  }

  /**
   * Takes a slot (waiting for one up to `maxWaitMs`, else 503) and returns the function that gives it
   * back; calling that more than once is harmless. For work that spans hooks (a whole request).
   */
  async enter(): Promise<() => void> {
    if (this.#running >= this.capacity) await this.#wait();
    else this.#running++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#leave();
    };
  }

  #leave(): void {
    const next = this.#queue.shift();
    if (next) {
      // The slot passes straight to the next reader.
      clearTimeout(next.timer);
      next.wake();
    } else {
      this.#running--;
    }
  }

  #wait(): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = {
        wake: resolve,
        timer: setTimeout(() => {
          const at = this.#queue.indexOf(entry);
          if (at >= 0) this.#queue.splice(at, 1);
          reject(new AppError('UNAVAILABLE', 'errors.overloaded', { retryAfter: 1 }));
        }, this.maxWaitMs),
      };
      this.#queue.push(entry);
    });
  }
}
