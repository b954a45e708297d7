/**
 * The clinician queue: pinned questions that no clinician has answered yet, across every group the
 * clinician can read, oldest first. A claim marks a question as taken for 30 minutes so that two
 * clinicians do not answer the same one; when it runs out a job (jobs.ts) frees the question, and
 * until that job has run a claim past its time already counts as free. Times come from `deps.clock`.
 */
import type { QueueItem, QueueList, QueueQuery } from '@circles/shared';
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { groupBans, groups, memberships, questions } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { iso } from '../../lib/time.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { releaseClaimLapse, scheduleClaimLapse } from './jobs.js';
import { assertCanAnswer, assertClinician, assertMayRelease, loadActiveCredential } from './policy.js';
import { loadReadableQuestion } from './service.js';
import { isUuid, questionColumns, toQuestion, visibleAuthorIds, type QuestionRow } from './views.js';

export const CLAIM_MINUTES = 30;

interface QueueRow extends QuestionRow {
  cursorAt: string;
  groupSlug: string;
  groupName: string;
  revealAuthor: boolean;
  claimActive: boolean;
}

/**
 * Everything a queue row needs. Whether the viewer may see an anonymous asker is decided per row,
 * by the same rule as everywhere else: they moderate that group (or are a site admin).
 */
const queueColumns = (actor: Actor, now: Date) => ({
  ...questionColumns,
  cursorAt: sql<string>`${questions.createdAt}::text`,
  groupSlug: groups.slug,
  groupName: groups.name,
  revealAuthor: actor.isAdmin
    ? sql<boolean>`true`
    : sql<boolean>`coalesce(${memberships.status} = 'active' and ${memberships.role} in ('owner', 'moderator'), false)`,
  claimActive: sql<boolean>`coalesce(${questions.claimedUntil} > ${now.toISOString()}::timestamptz, false)`,
});

const queueFrom = (db: Queryable, actor: Actor, now: Date) =>
  db
    .select(queueColumns(actor, now))
    .from(questions)
    .innerJoin(groups, eq(groups.id, questions.groupId))
    .leftJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.userId, actor.userId)));

async function toQueueItems(db: Queryable, actor: Actor, rows: QueueRow[]): Promise<QueueItem[]> {
  const authorIds = visibleAuthorIds(rows, (r) => ({ revealAnonymous: (r as QueueRow).revealAuthor, viewerId: actor.userId }));
  const claimers = rows.filter((r) => r.claimActive && r.claimedBy).map((r) => r.claimedBy!);
  const users = await loadPublicUsers(db, [...authorIds, ...claimers]);
  return rows.map((r) => {
    const claimer = r.claimActive && r.claimedBy ? users.get(r.claimedBy) : undefined;
    return {
      ...toQuestion(r, users, { revealAnonymous: Boolean(r.revealAuthor), viewerId: actor.userId }),
      // The asker has been waiting since they asked, not since a moderator noticed.
      waitingSince: iso(r.createdAt),
      claim: claimer && r.claimedUntil ? { by: claimer, until: iso(r.claimedUntil) } : null,
      group: { slug: r.groupSlug, name: r.groupName },
    };
  });
}

function decodeQueueCursor(raw: string | undefined): { t: string; i: string } | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { t?: unknown; i?: unknown };
    if (typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t)) && typeof c.i === 'string' && isUuid(c.i)) return { t: c.t, i: c.i };
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
}

/**
 * The caller's queue. Who: verified clinicians with an unexpired credential (FORBIDDEN otherwise,
 * which is how an expired credential closes the queue). Groups: every public group they are not
 * banned from, and private groups where they are an active member.
 */
export async function getClinicianQueue(actor: Actor, query: QueueQuery, deps: Deps): Promise<QueueList> {
  assertClinician(await loadActiveCredential(deps.db, actor.userId));
  const cursor = decodeQueueCursor(query.cursor);
  const where: SQL[] = [
    eq(questions.pinned, true),
    eq(questions.clinicianAnswerCount, 0),
    isNull(questions.deletedAt),
    sql`not exists (select 1 from ${groupBans} b where b.group_id = ${groups.id} and b.user_id = ${actor.userId})`,
  ];
  if (!actor.isAdmin) where.push(or(eq(groups.visibility, 'public'), eq(memberships.status, 'active'))!);
  if (cursor) where.push(sql`(${questions.createdAt}, ${questions.id}) > (${cursor.t}::timestamptz, ${cursor.i}::uuid)`);
  const rows = (await queueFrom(deps.db, actor, deps.clock.now())
    .where(and(...where))
    .orderBy(asc(questions.createdAt), asc(questions.id))
    .limit(query.limit + 1)) as QueueRow[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? Buffer.from(JSON.stringify({ t: last.cursorAt, i: last.id })).toString('base64url') : null;
  return { items: await toQueueItems(deps.db, actor, page), nextCursor };
}

async function loadQueueItem(db: Queryable, actor: Actor, id: string, now: Date): Promise<QueueItem> {
  const rows = (await queueFrom(db, actor, now).where(eq(questions.id, id))) as QueueRow[];
  const [item] = await toQueueItems(db, actor, rows);
  if (!item) throw new AppError('NOT_FOUND', 'questions.notFound');
  return item;
}

/** The clinician checks shared by claim and release, in order: credential, question, group. */
async function loadClaimable(actor: Actor, id: string, deps: Deps) {
  const credential = await loadActiveCredential(deps.db, actor.userId);
  assertClinician(credential);
  const { row, access } = await loadReadableQuestion(deps.db, actor, id);
  assertCanAnswer(access, credential);
  return row;
}

/**
 * Claims a queued question for 30 minutes (claiming one's own claim again extends it). Who: verified
 * clinicians who could answer it. Errors: FORBIDDEN (not a clinician), NOT_FOUND, NOT_A_MEMBER,
 * CONFLICT (another clinician holds it, or it no longer waits for a clinician).
 */
export async function claimQuestion(actor: Actor, id: string, deps: Deps): Promise<QueueItem> {
  const row = await loadClaimable(actor, id, deps);
  if (!row.pinned || row.clinicianAnswerCount > 0) {
    throw new AppError('CONFLICT', 'questions.noLongerWaiting');
  }
  const now = deps.clock.now();
  const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  await inTransaction(deps, async (tx) => {
    // One conditional UPDATE decides the race: of two clinicians claiming at once, exactly one matches.
    const [claimed] = await tx
      .update(questions)
      .set({ claimedBy: actor.userId, claimedUntil: until })
      .where(
        and(
          eq(questions.id, row.id),
          eq(questions.pinned, true),
          eq(questions.clinicianAnswerCount, 0),
          isNull(questions.deletedAt),
          sql`(${questions.claimedBy} is null or ${questions.claimedBy} = ${actor.userId} or ${questions.claimedUntil} <= ${now.toISOString()}::timestamptz)`,
        ),
      )
      .returning({ id: questions.id });
    if (!claimed) throw new AppError('CONFLICT', 'questions.alreadyClaimed');
    // Claiming again (extending) moves the lapse: the job is keyed by the question.
    await scheduleClaimLapse(tx, deps, { questionId: row.id, claimedBy: actor.userId, until });
  });
  return loadQueueItem(deps.db, actor, row.id, now);
}

/**
 * Gives a claim back so another clinician can take the question. Releasing a question nobody holds
 * (or whose claim has run out) changes nothing. Who: verified clinicians; the holder of an active
 * claim only. Errors: FORBIDDEN (not a clinician, or another clinician's claim), NOT_FOUND, NOT_A_MEMBER.
 */
export async function releaseClaim(actor: Actor, id: string, deps: Deps): Promise<QueueItem> {
  const row = await loadClaimable(actor, id, deps);
  const now = deps.clock.now();
  const released = await inTransaction(deps, async (tx) => {
    const [done] = await tx
      .update(questions)
      .set({ claimedBy: null, claimedUntil: null })
      .where(and(eq(questions.id, row.id), eq(questions.claimedBy, actor.userId)))
      .returning({ id: questions.id });
    if (done) await releaseClaimLapse(tx, deps, row.id);
    return done;
  });
  if (!released) {
    const [state] = await deps.db
      .select({ claimedBy: questions.claimedBy, active: sql<boolean>`coalesce(${questions.claimedUntil} > ${now.toISOString()}::timestamptz, false)` })
      .from(questions)
      .where(eq(questions.id, row.id));
    assertMayRelease(actor, state?.claimedBy ?? null, Boolean(state?.active));
  }
  return loadQueueItem(deps.db, actor, row.id, now);
}
