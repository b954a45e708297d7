/**
 * Sessions and refresh tokens. The access JWT names its session; a revoked session refuses its access
 * token on the next request and its refresh token forever. Refresh tokens are random, stored hashed,
 * single-use: presenting a used one means it was stolen, so the whole session is revoked.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { refreshTokens, sessions, users } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isSuspendedAt, suspendedError } from '../moderation/restrictions.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
}

export async function issueRefreshToken(db: Queryable, sessionId: string, ttlDays: number): Promise<IssuedRefreshToken> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  await db.insert(refreshTokens).values({ tokenHash: hashToken(token), sessionId, expiresAt });
  return { token, expiresAt };
}

export async function createSession(db: Queryable, userId: string): Promise<string> {
  const [row] = await db.insert(sessions).values({ userId }).returning({ id: sessions.id });
  return row!.id;
}

const unauthorized = () => new AppError('UNAUTHORIZED', 'auth.sessionEnded');

/**
 * Rotates a refresh token. Marking the old token used and checking it was unused happen in one
 * UPDATE, so two concurrent refreshes with the same token cannot both succeed.
 */
export async function rotateRefreshToken(
  deps: Deps,
  presented: string,
): Promise<{ userId: string; sessionId: string; refresh: IssuedRefreshToken }> {
  const tokenHash = hashToken(presented);
  const [claimed] = await deps.db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
    .returning({ sessionId: refreshTokens.sessionId, expiresAt: refreshTokens.expiresAt });
  if (!claimed) {
    const [known] = await deps.db
      .select({ sessionId: refreshTokens.sessionId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    // Reuse of a rotated token: someone else holds a copy. End the session for everyone.
    if (known) await revokeSession(deps, known.sessionId, 'refresh_token_reuse');
    throw unauthorized();
  }
  if (claimed.expiresAt.getTime() <= Date.now()) throw unauthorized();
  const [session] = await deps.db
    .select({ userId: sessions.userId, revokedAt: sessions.revokedAt, deletedAt: users.deletedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, claimed.sessionId));
  if (!session || session.revokedAt || session.deletedAt) throw unauthorized();
  await deps.db.update(sessions).set({ lastUsedAt: sql`now()` }).where(eq(sessions.id, claimed.sessionId));
  const refresh = await issueRefreshToken(deps.db, claimed.sessionId, deps.config.refreshTokenTtlDays);
  return { userId: session.userId, sessionId: claimed.sessionId, refresh };
}

export async function revokeSession(deps: Deps, sessionId: string, reason: string): Promise<void> {
  await deps.db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokeReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  await afterSessionsRevoked(deps, [sessionId]);
}

/** After commit: forget the sessions on every node and drop their sockets. */
export async function afterSessionsRevoked(deps: Deps, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await deps.realtime.invalidate({ sessionIds });
  await Promise.all(sessionIds.map((id) => deps.realtime.disconnectSession(id)));
}

/**
 * Revokes every session of a user except `keepSessionId` (password change keeps the current one).
 * Runs inside the caller's transaction; the caller calls afterSessionsRevoked once it commits.
 */
export async function revokeOtherSessions(db: Queryable, userId: string, keepSessionId: string | null, reason: string) {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokeReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return revoked.map((r) => r.id);
}

/**
 * Resolves an access token's claims to an actor, checking the session is live and the user is neither
 * deleted nor suspended (SUSPENDED while a suspension is in force by the business clock). One indexed query, skipped while the session is in the node's ActorCache.
 */
export async function loadActor(deps: Deps, claims: { sub: string; sid: string }): Promise<Actor> {
  const cached = deps.actorCache.get(claims.sid, claims.sub);
  if (cached) {
    if (cached.suspendedUntil !== null && cached.suspendedUntil > deps.clock.now().getTime()) throw suspendedError();
    return cached.actor;
  }
  const [row] = await deps.db
    .select({
      userId: users.id,
      isAdmin: users.isAdmin,
      locale: users.locale,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
      deletedAt: users.deletedAt,
      revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, claims.sid), eq(sessions.userId, claims.sub)));
  if (!row || row.revokedAt || row.deletedAt) throw unauthorized();
  const actor: Actor = { userId: row.userId, sessionId: claims.sid, isAdmin: row.isAdmin, locale: row.locale };
  const suspendedUntil = row.suspendedAt ? (row.suspendedUntil?.getTime() ?? Infinity) : null;
  deps.actorCache.set(actor, suspendedUntil);
  if (isSuspendedAt(row, deps.clock.now())) throw suspendedError();
  return actor;
}
