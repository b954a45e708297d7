/**
 * Password reset by email.
 *
 * `requestPasswordReset` answers the same whatever the address (no account discovery) and only
 * enqueues a job; the job makes the token, so its only clear copy is the email itself (the jobs table
 * never holds it). The job sends nothing past the per-account limit (3 links an hour); the route is
 * also limited per client address. The link is built from PUBLIC_ORIGIN (config.linkOrigin), never
 * from the request's Host, stored as a SHA-256 hash, valid one hour, single-use.
 *
 * `confirmPasswordReset` spends the token in one guarded UPDATE (two racing confirmations cannot both
 * win), sets the new password, spends every other link of the account, revokes every session and,
 * after the commit, drops every socket of theirs on every node.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_LOCALE, isLocale } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { defineJob } from '../../jobs/kinds.js';
import { AppError } from '../../lib/appError.js';
import { rowsOf } from '../messages/rows.js';
import { passwordResetEmail } from '../notifications/emails.js';
import { afterSessionsRevoked, hashToken, revokeOtherSessions } from './sessions.js';

export const RESET_TTL_MS = 60 * 60_000;
export const RESETS_PER_ACCOUNT_PER_HOUR = 3;

export const sendPasswordReset = defineJob('accounts.send-password-reset', z.object({ userId: z.uuid() }), { maxAttempts: 3 });

/** `POST /api/auth/password-reset`: anyone; always the same answer (the route says 202). */
export async function requestPasswordReset(email: string, deps: Deps): Promise<void> {
  const [user] = await rowsOf<{ id: string }>(deps.db, sql`select id from users where email = ${email} and deleted_at is null`);
  if (user) await deps.jobs.enqueue(deps.db, sendPasswordReset, { userId: user.id });
}

/** The job: within the per-account limit, a fresh single-use link by email, in the person's language. */
export async function deliverPasswordReset(userId: string, deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  // The user row lock makes the count and the insert one step: parallel requests cannot pass the limit together.
  const user = await deps.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ email: string | null; displayName: string; locale: string | null }>(
      tx,
      sql`select email, display_name as "displayName", locale from users where id = ${userId}::uuid and deleted_at is null for update`,
    );
    if (!row?.email) return null;
    const [{ recent }] = (await rowsOf<{ recent: number }>(
      tx,
      sql`select count(*)::int as "recent" from password_resets
          where user_id = ${userId}::uuid and created_at > ${new Date(now.getTime() - 60 * 60_000).toISOString()}::timestamptz`,
    )) as [{ recent: number }];
    if (recent >= RESETS_PER_ACCOUNT_PER_HOUR) return null;
    await tx.execute(sql`insert into password_resets (token_hash, user_id, created_at, expires_at)
        values (${hashToken(token)}, ${userId}::uuid, ${now.toISOString()}::timestamptz, ${new Date(now.getTime() + RESET_TTL_MS).toISOString()}::timestamptz)`);
    return row as { email: string; displayName: string; locale: string | null };
  });
  if (!user) return;
  const url = `${deps.config.linkOrigin}/reset-password?token=${encodeURIComponent(token)}`;
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
  await deps.mailer.send(passwordResetEmail(deps.config, { userId, email: user.email, displayName: user.displayName, locale }, url));
}

/** `POST /api/auth/password-reset/confirm`: the link holder. EXPIRED for a used, expired or unknown link. */
export async function confirmPasswordReset(input: { token: string; newPassword: string }, deps: Deps): Promise<void> {
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now().toISOString();
  const revoked = await inTransaction(deps, async (tx, after) => {
    const [spent] = await rowsOf<{ userId: string }>(
      tx,
      sql`update password_resets r set used_at = ${now}::timestamptz
          from users u
          where r.token_hash = ${hashToken(input.token)} and r.used_at is null and r.expires_at > ${now}::timestamptz
            and u.id = r.user_id and u.deleted_at is null
          returning r.user_id as "userId"`,
    );
    if (!spent) throw new AppError('EXPIRED', 'passwordReset.expired');
    await tx.execute(sql`update users set password_hash = ${passwordHash} where id = ${spent.userId}::uuid`);
    // Any other link sent to this account stops working too.
    await tx.execute(sql`update password_resets set used_at = ${now}::timestamptz where user_id = ${spent.userId}::uuid and used_at is null`);
    const sessionIds = await revokeOtherSessions(tx, spent.userId, null, 'password_reset');
    after.run(() => deps.realtime.invalidate({ userIds: [spent.userId] }));
    after.run(() => deps.realtime.disconnectUser(spent.userId));
    return sessionIds;
  });
  await afterSessionsRevoked(deps, revoked);
}

export function registerPasswordResetJobs(deps: Deps): void {
  deps.jobs.handle(sendPasswordReset, ({ userId }) => deliverPasswordReset(userId, deps));
}
