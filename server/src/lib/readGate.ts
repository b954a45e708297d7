/**
 * Reads that can come in crowds (history pages, catch-up after a reconnection storm) share the database
 * pool with writes, first come first served: two hundred slow reads would queue every send behind them.
 * The gate lets at most `capacity` such reads hold a connection at once — the pool size less the
 * connections reserved for writes — and makes the rest wait their turn, each for `maxWaitMs` at most,
 * then answers 503 UNAVAILABLE with Retry-After: a client told to come back soon, instead of a send
 * that never gets a connection.
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

  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.#running >= this.capacity) await this.#wait();
    else this.#running++;
    try {
      return await read();
    } finally {
      const next = this.#queue.shift();
      if (next) {
        // The slot passes straight to the next reader.
        clearTimeout(next.timer);
        next.wake();
      } else {
        this.#running--;
      }
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
