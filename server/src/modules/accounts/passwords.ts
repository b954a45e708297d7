/**
 * argon2id through @node-rs/argon2. Hashing runs off the event loop, and at most (cores − 1) hashes
 * run at once per process: each one is ~20 MiB and tens of milliseconds of CPU, so twenty sign-ins
 * arriving together queue here instead of taking every core from the event loop (and from everyone's
 * chat). One per app, in `deps.passwords`.
 */
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import type { Passwords } from '../../deps.js';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;

export function createPasswords(maxConcurrent = Math.max(1, availableParallelism() - 1)): Passwords {
  let running = 0;
  const waiting: Array<() => void> = [];
  let decoyHash: Promise<string> | null = null;

  async function limited<T>(work: () => Promise<T>): Promise<T> {
    if (running >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  }

  const passwords: Passwords = {
    hash: (password) => limited(() => hash(password, OPTIONS)),
    async verify(storedHash, password) {
      try {
        return await limited(() => verify(storedHash, password));
      } catch {
        return false;
      }
    },
    /** A hash of a fixed string, verified against when the email is unknown so both paths take as long. */
    async burnDecoy(password) {
      decoyHash ??= passwords.hash('decoy-password-never-matches');
      await passwords.verify(await decoyHash, password);
    },
  };
  return passwords;
}
