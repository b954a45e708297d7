/**
 * Who may do what with clinician verification. Applications are private: only the applicant and
 * site admins learn that one exists (anyone else gets NOT_FOUND, as if there were none).
 */
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';

export const canReviewApplications = (actor: Actor) => actor.isAdmin;

export function assertCanReviewApplications(actor: Actor): void {
  if (!canReviewApplications(actor)) throw new AppError('FORBIDDEN', 'clinicians.adminsOnly');
}

export const canViewApplication = (actor: Actor, applicantId: string) => actor.isAdmin || actor.userId === applicantId;

export function assertCanViewApplication(actor: Actor, applicantId: string): void {
  if (!canViewApplication(actor, applicantId)) throw new AppError('NOT_FOUND', 'clinicians.applicationNotFound');
}
