/**
 * Clinician verification: people apply with their licence details; site admins approve (which sets
 * or renews the credential behind the clinician badge) or reject. The badge counts only while the
 * credential is unexpired (see accounts/publicUser.ts), so expiry needs no job to take effect.
 */
import type {
  ClinicianApplication,
  ClinicianApplicationBody,
  ClinicianApplicationList,
  ListApplicationsQuery,
  ReviewApplicationBody,
} from '@circles/shared';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import { notify } from '../notifications/notify.js';
import { clinicianApplications, clinicianCredentials } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError, validationError } from '../../lib/appError.js';
import { msg } from '../../i18n/index.js';
import { iso, isoOrNull } from '../../lib/time.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { recordAudit } from '../moderation/audit.js';
import { isUuid } from '../questions/views.js';
import { assertCanReviewApplications, assertCanViewApplication } from './policy.js';

/** A credential lasts one year unless the reviewing admin chooses another expiry. */
export const DEFAULT_CREDENTIAL_DAYS = 365;

type ApplicationRow = typeof clinicianApplications.$inferSelect;

async function toApplications(db: Queryable, rows: ApplicationRow[]): Promise<ClinicianApplication[]> {
  const users = await loadPublicUsers(db, rows.map((r) => r.userId));
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    user: users.get(r.userId)!,
    licenseNumber: r.licenseNumber,
    jurisdiction: r.jurisdiction,
    specialty: r.specialty,
    note: r.note,
    reviewNote: r.reviewNote,
    createdAt: iso(r.createdAt),
    reviewedAt: isoOrNull(r.reviewedAt),
  }));
}

async function toApplication(db: Queryable, row: ApplicationRow): Promise<ClinicianApplication> {
  return (await toApplications(db, [row]))[0]!;
}

async function findApplication(db: Queryable, id: string): Promise<ApplicationRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(clinicianApplications).where(eq(clinicianApplications.id, id));
  return row ?? null;
}

/** Clinician decisions go to the site-wide audit log, in the decision's transaction. */
const auditDecision = (tx: Queryable, actor: Actor, row: ApplicationRow, action: 'clinician_approve' | 'clinician_reject', note: string | undefined, until: Date | null) =>
  recordAudit(tx, {
    groupId: null,
    actorId: actor.userId,
    action,
    targetType: 'application',
    targetId: row.id,
    targetUserId: row.userId,
    reason: note ?? '',
    until,
  });

/**
 * Applies for the clinician badge. Who: any signed-in user (a current clinician may apply again to
 * renew). Errors: CONFLICT while another application of theirs is pending (a unique index settles
 * races between two submissions).
 */
export async function applyAsClinician(actor: Actor, input: ClinicianApplicationBody, deps: Deps): Promise<ClinicianApplication> {
  const [row] = await deps.db
    .insert(clinicianApplications)
    .values({
      userId: actor.userId,
      licenseNumber: input.licenseNumber,
      jurisdiction: input.jurisdiction,
      specialty: input.specialty,
      note: input.note ?? '',
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', 'clinicians.alreadyPending');
  return toApplication(deps.db, row);
}

/** The caller's own applications, newest first. */
export async function listMyApplications(actor: Actor, deps: Deps): Promise<ClinicianApplicationList> {
  const rows = await deps.db
    .select()
    .from(clinicianApplications)
    .where(eq(clinicianApplications.userId, actor.userId))
    .orderBy(desc(clinicianApplications.createdAt), desc(clinicianApplications.id))
    .limit(100);
  return { items: await toApplications(deps.db, rows), nextCursor: null };
}

/** One application. Who: its applicant and site admins; anyone else gets NOT_FOUND. */
export async function getApplication(actor: Actor, id: string, deps: Deps): Promise<ClinicianApplication> {
  const row = await findApplication(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'clinicians.applicationNotFound');
  assertCanViewApplication(actor, row.userId);
  return toApplication(deps.db, row);
}

/**
 * The admins' review queue, oldest first, optionally by status. Who: site admins (FORBIDDEN otherwise).
 */
export async function listApplications(actor: Actor, query: ListApplicationsQuery, deps: Deps): Promise<ClinicianApplicationList> {
  assertCanReviewApplications(actor);
  const where: SQL[] = [];
  if (query.status) where.push(eq(clinicianApplications.status, query.status));
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.push(sql`(${clinicianApplications.createdAt}, ${clinicianApplications.id}) > (${cursor.t}::timestamptz, ${cursor.i}::uuid)`);
  }
  const rows = await deps.db
    .select({ row: clinicianApplications, cursorAt: sql<string>`${clinicianApplications.createdAt}::text` })
    .from(clinicianApplications)
    .where(and(...where))
    .orderBy(asc(clinicianApplications.createdAt), asc(clinicianApplications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await toApplications(deps.db, page.map((r) => r.row)),
    nextCursor:
      rows.length > query.limit && last ? Buffer.from(JSON.stringify({ t: last.cursorAt, i: last.row.id })).toString('base64url') : null,
  };
}

function decodeCursor(raw: string): { t: string; i: string } {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { t?: unknown; i?: unknown };
    if (typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t)) && typeof c.i === 'string' && isUuid(c.i)) return { t: c.t, i: c.i };
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
}

/** Tells the applicant the decision (`clinician_decision`), with the reviewer's note. */
const notifyDecision = (tx: Queryable, after: AfterCommit, row: { id: string; userId: string }, decision: 'approved' | 'rejected', note?: string | null) =>
  notify(tx, after, [{ userId: row.userId, type: 'clinician_decision', data: { applicationId: row.id, decision, note: note ?? null } }]);

/**
 * Approves an application: the applicant's credential is created or renewed, valid until
 * `expiresAt` (default one year from now); the decision is audited. Approving again later is how an admin renews a lapsed
 * credential. Who: site admins. Errors: FORBIDDEN, NOT_FOUND, VALIDATION_ERROR (expiry not in the future).
 */
export async function approveApplication(actor: Actor, id: string, input: ReviewApplicationBody, deps: Deps): Promise<ClinicianApplication> {
  assertCanReviewApplications(actor);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(Date.now() + DEFAULT_CREDENTIAL_DAYS * 86_400_000);
  if (expiresAt.getTime() <= Date.now()) {
    throw validationError([{ field: 'body.expiresAt', problem: msg('validation.futureDate') }]);
  }
  const row = await findApplication(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'clinicians.applicationNotFound');
  const updated = await inTransaction(deps, async (tx, after) => {
    const [changed] = await tx
      .update(clinicianApplications)
      .set({ status: 'approved', reviewNote: input.note ?? null, reviewedBy: actor.userId, reviewedAt: sql`now()` })
      .where(eq(clinicianApplications.id, row.id))
      .returning();
    await auditDecision(tx, actor, row, 'clinician_approve', input.note, expiresAt);
    const credential = {
      applicationId: row.id,
      specialty: row.specialty,
      jurisdiction: row.jurisdiction,
      verifiedAt: sql`now()`,
      expiresAt,
    };
    await tx
      .insert(clinicianCredentials)
      .values({ userId: row.userId, ...credential })
      .onConflictDoUpdate({ target: clinicianCredentials.userId, set: credential });
    await notifyDecision(tx, after, row, 'approved', input.note);
    return changed!;
  });
  return toApplication(deps.db, updated);
}

/**
 * Rejects an application with an optional note; no badge results. Rejecting an application that
 * was approved earlier withdraws the credential it granted. Who: site admins.
 * Errors: FORBIDDEN, NOT_FOUND.
 */
export async function rejectApplication(actor: Actor, id: string, input: ReviewApplicationBody, deps: Deps): Promise<ClinicianApplication> {
  assertCanReviewApplications(actor);
  const row = await findApplication(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'clinicians.applicationNotFound');
  const updated = await inTransaction(deps, async (tx, after) => {
    const [changed] = await tx
      .update(clinicianApplications)
      .set({ status: 'rejected', reviewNote: input.note ?? null, reviewedBy: actor.userId, reviewedAt: sql`now()` })
      .where(eq(clinicianApplications.id, row.id))
      .returning();
    await auditDecision(tx, actor, row, 'clinician_reject', input.note, null);
    await tx
      .delete(clinicianCredentials)
      .where(and(eq(clinicianCredentials.userId, row.userId), eq(clinicianCredentials.applicationId, row.id)));
    await notifyDecision(tx, after, row, 'rejected', input.note);
    return changed!;
  });
  return toApplication(deps.db, updated);
}
