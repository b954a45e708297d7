/**
 * A node's life after SIGTERM: it says it is no longer ready (so a balancer sends new work elsewhere),
 * refuses new sockets, lets the work already under way finish, then closes. `track` counts that work
 * (socket events; Fastify counts HTTP requests itself) and `idle` waits for it, within a bound.
 */
export class Lifecycle {
  #draining = false;
  #inFlight = 0;
  #waiters: Array<() => void> = [];

  /** True from SIGTERM (or `app.close()`) on: /api/ready answers 503 and new sockets are refused. */
  get draining(): boolean {
    return this.#draining;
  }

  startDraining(): void {
    this.#draining = true;
  }

  /** Work under way now (socket events being handled). */
  get inFlight(): number {
    return this.#inFlight;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight++;
    return work.finally(() => {
      if (--this.#inFlight === 0) for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Resolves once no tracked work is under way, or after `timeoutMs` (true: everything finished). */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
