import { z } from 'zod';
import { localeSchema } from '../i18n.js';
import { nameText, optionalText } from './common.js';

export const clinicianBadge = z.object({
  specialty: z.string(),
  jurisdiction: z.string(),
  verifiedAt: z.string(),
  expiresAt: z.string(),
});

/**
 * Whom a person speaks for: an accepted staff role in an organization (never a pending invitation).
 * `verified`: the organization was checked by a site admin.
 */
export const affiliation = z.object({
  orgSlug: z.string(),
  orgName: z.string(),
  title: z.string(),
  verified: z.boolean(),
});
export type Affiliation = z.infer<typeof affiliation>;

export const publicUser = z.object({
  id: z.string(),
  displayName: z.string(),
  bio: z.string(),
  isAdmin: z.boolean(),
  clinician: clinicianBadge.nullable(),
  /** Accepted staff roles, verified organizations first; empty for most people and for a deleted account. */
  affiliations: z.array(affiliation),
  createdAt: z.string(),
  /** Present (true) only for a deleted account, whose `displayName` reads "Deleted user": clients say it in their own language. */
  deleted: z.literal(true).optional(),
});
export type PublicUser = z.infer<typeof publicUser>;

/** `locale`: the language the person chose, else the one their browser asks for (Accept-Language). */
export const me = publicUser.extend({ email: z.string(), locale: localeSchema });
export type Me = z.infer<typeof me>;

export const displayName = nameText(2, 40);
export const password = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(200, { message: 'must be at most 200 characters' });
export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((s) => s.toLowerCase());

export const registerBody = z.object({
  email,
  password,
  displayName,
  /** An invite code: registers and joins its group in one step (a bad code refuses only the join). */
  inviteCode: z.string().min(1).max(100).optional(),
});
export type RegisterBody = z.infer<typeof registerBody>;

export const loginBody = z.object({
  email: z.string().trim().max(254).transform((s) => s.toLowerCase()),
  password: z.string().max(200),
});
export type LoginBody = z.infer<typeof loginBody>;

/** The join of a register with `inviteCode`: done, or why not (the account is created either way). */
export const registerInviteResult = z.union([
  z.object({ joined: z.literal(true), groupSlug: z.string() }),
  z.object({ joined: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type RegisterInviteResult = z.infer<typeof registerInviteResult>;

export const authResponse = z.object({ user: me, accessToken: z.string(), invite: registerInviteResult.optional() });
export type AuthResponse = z.infer<typeof authResponse>;
export const refreshResponse = z.object({ accessToken: z.string() });

export const updateMeBody = z.object({
  displayName: displayName.optional(),
  bio: optionalText(500).optional(),
  /** The language of the SPA, emails and server messages; null: follow the browser again. */
  locale: localeSchema.nullable().optional(),
});
export type UpdateMeBody = z.infer<typeof updateMeBody>;

export const changePasswordBody = z.object({
  currentPassword: z.string().max(200),
  newPassword: password,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const deleteMeBody = z.object({ password: z.string().max(200) });

export const passwordResetBody = z.object({ email: z.string().trim().max(254).transform((s) => s.toLowerCase()) });
export type PasswordResetBody = z.infer<typeof passwordResetBody>;
export const passwordResetConfirmBody = z.object({ token: z.string().min(10).max(200), newPassword: password });
export type PasswordResetConfirmBody = z.infer<typeof passwordResetConfirmBody>;
