/**
 * A group's moderation settings: slow mode and blocked terms. Changing them is a moderator action,
 * audited with who, why and what changed.
 */
import type { GroupSettingsResponse, UpdateSettingsBody } from '@circles/shared';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.js';
import { groups } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { recordAudit } from '../moderation/audit.js';
import { loadGroupAccessBySlug } from './access.js';
import { assertModerator } from './policy.js';

/** Slow mode and blocked terms. Moderators, owners, admins only (the terms themselves are moderation knowledge). */
export async function getGroupSettings(actor: Actor, slug: string, deps: Deps): Promise<GroupSettingsResponse> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  return { slowModeSeconds: access.group.slowModeSeconds, blockedTerms: access.group.blockedTerms };
}

/**
 * Sets slow mode (0–3600 s between one member's messages) and/or the blocked terms (the whole list is
 * replaced; duplicates differing only in case are dropped). The change is audited with its `reason`
 * (slow mode before and after; the terms added and removed), and the room hears `group:settings` with
 * the public settings. Moderators, owners, admins.
 */
export async function updateGroupSettings(actor: Actor, slug: string, input: UpdateSettingsBody, deps: Deps): Promise<GroupSettingsResponse> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  const changes: Partial<typeof groups.$inferInsert> = {};
  if (input.slowModeSeconds !== undefined) changes.slowModeSeconds = input.slowModeSeconds;
  if (input.blockedTerms !== undefined) {
    const seen = new Set<string>();
    changes.blockedTerms = input.blockedTerms.filter((term) => {
      const folded = term.toLocaleLowerCase();
      if (seen.has(folded)) return false;
      seen.add(folded);
      return true;
    });
  }
  if (Object.keys(changes).length === 0) return getGroupSettings(actor, slug, deps);
  const before = access.group;
  return inTransaction(deps, async (tx, after) => {
    const [row] = await tx
      .update(groups)
      .set(changes)
      .where(eq(groups.id, before.id))
      .returning({ slowModeSeconds: groups.slowModeSeconds, blockedTerms: groups.blockedTerms });
    const settings = row!;
    const data: Record<string, unknown> = {};
    if (changes.slowModeSeconds !== undefined) data.slowModeSeconds = { from: before.slowModeSeconds, to: settings.slowModeSeconds };
    if (changes.blockedTerms !== undefined) {
      data.blockedTermsAdded = settings.blockedTerms.filter((t) => !before.blockedTerms.includes(t));
      data.blockedTermsRemoved = before.blockedTerms.filter((t) => !settings.blockedTerms.includes(t));
    }
    await recordAudit(tx, {
      groupId: before.id,
      actorId: actor.userId,
      action: 'settings_change',
      targetType: 'group',
      targetId: before.id,
      reason: input.reason ?? '',
      data,
    });
    // Blocked terms are moderators' knowledge: the room hears only what every reader may know.
    after.toGroup(before.id, 'group:settings', { slug: before.slug, settings: { slowModeSeconds: settings.slowModeSeconds } });
    return settings;
  });
}
