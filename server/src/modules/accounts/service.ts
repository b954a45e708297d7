/**
 * Accounts use cases: register, sign in, refresh, sign out, profile, password, deletion.
 * Every function takes plain input that the transport has already validated with the shared schema.
 */
import type { ChangePasswordBody, Locale, LoginBody, Me, PublicUser, RegisterBody, UpdateMeBody } from '@circles/shared';
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { clinicianCredentials, users } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError, toAppError } from '../../lib/appError.js';
import { acceptInvite } from '../invites/service.js';
import { disconnectEverywhere } from '../moderation/evictions.js';
import { eraseAccountData, handOverGroups } from '../privacy/service.js';
import { isSuspendedAt, suspendedError } from '../moderation/restrictions.js';
import { activeCredentialJoin, DELETED_USER_NAME, loadPublicUser, publicUserColumns, toPublicUser } from './publicUser.js';
import {
  afterSessionsRevoked,
  createSession,
  issueRefreshToken,
  revokeOtherSessions,
  revokeSession,
  rotateRefreshToken,
  type IssuedRefreshToken,
} from './sessions.js';

/** Me as stored: `locale` is null while the person follows their browser (the route fills it in). */
export type StoredMe = Omit<Me, 'locale'> & { locale: Locale | null };

export interface SignedIn {
  user: StoredMe;
  accessToken: string;
  refresh: IssuedRefreshToken;
}

/** The join of a register with an invite code: the group joined, or why not (the route words the error). */
export type RegisterInvite = { joined: true; groupSlug: string } | { joined: false; error: AppError };

async function loadMe(db: Queryable, userId: string): Promise<StoredMe> {
  const [row] = await db
    .select({ ...publicUserColumns, email: users.email, locale: users.locale })
    .from(users)
    .leftJoin(clinicianCredentials, activeCredentialJoin)
    .where(eq(users.id, userId));
  if (!row || row.deletedAt) throw new AppError('UNAUTHORIZED', 'auth.sessionEnded');
  return { ...toPublicUser(row), email: row.email ?? '', locale: row.locale };
}

async function startSession(deps: Deps, userId: string): Promise<SignedIn> {
  const sessionId = await createSession(deps.db, userId);
  const refresh = await issueRefreshToken(deps.db, sessionId, deps.config.refreshTokenTtlDays);
  const user = await loadMe(deps.db, userId);
  return { user, accessToken: deps.tokens.sign({ sub: userId, sid: sessionId }), refresh };
}

/** Emails listed in BOOTSTRAP_ADMIN_EMAILS become site admins when they register or sign in. */
async function applyBootstrapAdmin(deps: Deps, userId: string, email: string, isAdmin: boolean) {
  if (!isAdmin && deps.config.bootstrapAdminEmails.has(email)) {
    await deps.db.update(users).set({ isAdmin: true }).where(eq(users.id, userId));
    await deps.realtime.invalidate({ userIds: [userId] });
  }
}

/**
 * Creates an account and signs it in; with `inviteCode`, joins that invite's group in the same step.
 * A bad code (unknown, expired, revoked, used up) refuses only the join: the account is made and the
 * answer says why. CONFLICT when the email is taken.
 */
export async function register(input: RegisterBody, deps: Deps): Promise<SignedIn & { invite?: RegisterInvite }> {
  const passwordHash = await deps.passwords.hash(input.password);
  const [created] = await deps.db
    .insert(users)
    .values({
      email: input.email,
      passwordHash,
      displayName: input.displayName,
      isAdmin: deps.config.bootstrapAdminEmails.has(input.email),
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!created) throw new AppError('CONFLICT', 'accounts.emailTaken');
  const signedIn = await startSession(deps, created.id);
  if (input.inviteCode === undefined) return signedIn;
  const actor: Actor = { userId: created.id, sessionId: deps.tokens.verify(signedIn.accessToken).sid, isAdmin: signedIn.user.isAdmin };
  try {
    const { group } = await acceptInvite(actor, input.inviteCode, deps);
    return { ...signedIn, invite: { joined: true, groupSlug: group.slug } };
  } catch (err) {
    return { ...signedIn, invite: { joined: false, error: toAppError(err) } };
  }
}

/**
 * Signs in. An unknown email and a wrong password get the same answer and take the same time,
 * so the endpoint cannot be used to learn who has an account.
 */
export async function login(input: LoginBody, deps: Deps): Promise<SignedIn> {
  const [user] = await deps.db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      isAdmin: users.isAdmin,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
    })
    .from(users)
    .where(eq(users.email, input.email));
  if (!user?.passwordHash) {
    await deps.passwords.burnDecoy(input.password);
    throw new AppError('UNAUTHORIZED', 'auth.wrongCredentials');
  }
  if (!(await deps.passwords.verify(user.passwordHash, input.password))) throw new AppError('UNAUTHORIZED', 'auth.wrongCredentials');
  if (isSuspendedAt(user, deps.clock.now())) throw suspendedError();
  await applyBootstrapAdmin(deps, user.id, input.email, user.isAdmin);
  return startSession(deps, user.id);
}

/** Exchanges a refresh token for a new access token and a new refresh token. */
export async function refresh(presented: string | undefined, deps: Deps) {
  if (!presented) throw new AppError('UNAUTHORIZED', 'auth.signIn');
  const rotated = await rotateRefreshToken(deps, presented);
  return { accessToken: deps.tokens.sign({ sub: rotated.userId, sid: rotated.sessionId }), refresh: rotated.refresh };
}

/** Ends the caller's session: its access and refresh tokens stop working at once. */
export async function logout(actor: Actor, deps: Deps): Promise<void> {
  await revokeSession(deps, actor.sessionId, 'logout');
}

export const getMe = (actor: Actor, deps: Deps): Promise<StoredMe> => loadMe(deps.db, actor.userId);

/**
 * Changes the caller's display name, bio or language (`locale: null` follows the browser again).
 * A new language reaches every node's cached actor before this answers, so the next error is in it.
 */
export async function updateMe(actor: Actor, input: UpdateMeBody, deps: Deps): Promise<StoredMe> {
  const changes: Partial<typeof users.$inferInsert> = {};
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.bio !== undefined) changes.bio = input.bio;
  if (input.locale !== undefined) changes.locale = input.locale;
  if (Object.keys(changes).length > 0) await deps.db.update(users).set(changes).where(eq(users.id, actor.userId));
  if (input.locale !== undefined && input.locale !== actor.locale) await deps.realtime.invalidate({ userIds: [actor.userId] });
  return loadMe(deps.db, actor.userId);
}

async function assertPassword(deps: Deps, userId: string, password: string) {
  const [row] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!row?.passwordHash || !(await deps.passwords.verify(row.passwordHash, password))) {
    throw new AppError('FORBIDDEN', 'accounts.wrongPassword');
  }
}

/** Changes the password and signs out every other session of the user. */
export async function changePassword(actor: Actor, input: ChangePasswordBody, deps: Deps): Promise<void> {
  await assertPassword(deps, actor.userId, input.currentPassword);
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const revoked = await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    return revokeOtherSessions(tx, actor.userId, actor.sessionId, 'password_changed');
  });
  await afterSessionsRevoked(deps, revoked);
}

/**
 * Erases the account (password confirmed): email, password and profile go; every `erase` row of
 * privacy/personalData.ts goes (sessions, notifications, settings, clinician applications and
 * credential, memberships, reminders…). A group whose only owner this was passes to its
 * longest-serving moderator, else member, else is archived. Messages, questions and answers stay under
 * "Deleted user" (anonymous questions stay anonymous). The account can never sign in again; after the
 * commit every socket of theirs leaves its rooms (`group:removed`, reason "deleted") and is
 * disconnected on every node (moderation's evictions).
 */
export async function deleteAccount(actor: Actor, password: string, deps: Deps): Promise<void> {
  await assertPassword(deps, actor.userId, password);
  await inTransaction(deps, async (tx, after) => {
    await tx
      .update(users)
      .set({ email: null, passwordHash: null, displayName: DELETED_USER_NAME, bio: '', isAdmin: false, locale: null, deletedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    const sessionIds = await revokeOtherSessions(tx, actor.userId, null, 'account_deleted');
    await handOverGroups(tx, actor.userId);
    await eraseAccountData(tx, actor.userId);
    disconnectEverywhere(after, deps, actor.userId, 'deleted');
    after.run(() => afterSessionsRevoked(deps, sessionIds));
  });
}

export async function getUser(_actor: Actor, userId: string, deps: Deps): Promise<PublicUser> {
  const user = await loadPublicUser(deps.db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'accounts.userNotFound');
  return user;
}
