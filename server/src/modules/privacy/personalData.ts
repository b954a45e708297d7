/**
 * The one list of where Circles keeps something about a person: every column that points at
 * `users.id`. The export (`GET /api/me/export`) and the deletion (`DELETE /api/me`) are both built
 * from it, and tests/api/privacy.test.ts walks the database schema (information_schema) and fails
 * when a column referencing users is missing here — a new table cannot be forgotten.
 *
 * `section`: the export's key (null: not exported — a trace of what the person did to others as a
 * moderator or admin, which is about those others). `onDelete`: `erase` rows go in the deletion's
 * transaction; `keep` rows stay, shown as "Deleted user" (content keeps conversations readable;
 * anonymous questions stay anonymous) or as a moderation record.
 */
export interface PersonalDataSource {
  table: string;
  column: string;
  section: string | null;
  /** The columns exported (secrets such as token hashes never are); default all. */
  columns?: string;
  onDelete: 'erase' | 'keep';
}

export const PERSONAL_DATA: readonly PersonalDataSource[] = [
  { table: 'users', column: 'id', section: 'profile', columns: 'id, email, display_name, bio, locale, is_admin, suspended_at, suspended_until, suspend_reason, created_at', onDelete: 'keep' },
  { table: 'users', column: 'suspended_by', section: null, onDelete: 'keep' },
  { table: 'sessions', column: 'user_id', section: 'sessions', columns: 'id, created_at, last_used_at, revoked_at, revoke_reason', onDelete: 'erase' },
  { table: 'password_resets', column: 'user_id', section: 'passwordResets', columns: 'created_at, expires_at, used_at', onDelete: 'erase' },
  { table: 'memberships', column: 'user_id', section: 'memberships', onDelete: 'erase' },
  { table: 'groups', column: 'created_by', section: 'groupsCreated', columns: 'id, slug, name, created_at', onDelete: 'keep' },
  { table: 'group_bans', column: 'user_id', section: 'bans', onDelete: 'erase' },
  { table: 'group_bans', column: 'banned_by', section: null, onDelete: 'keep' },
  { table: 'group_mutes', column: 'user_id', section: 'mutes', onDelete: 'erase' },
  { table: 'group_mutes', column: 'muted_by', section: null, onDelete: 'keep' },
  { table: 'messages', column: 'author_id', section: 'messages', onDelete: 'keep' },
  { table: 'message_reactions', column: 'user_id', section: 'reactions', onDelete: 'keep' },
  { table: 'questions', column: 'author_id', section: 'questions', columns: 'id, group_id, title, body, anonymous, status, created_at, deleted_at', onDelete: 'keep' },
  { table: 'questions', column: 'claimed_by', section: null, onDelete: 'keep' },
  { table: 'answers', column: 'author_id', section: 'answers', onDelete: 'keep' },
  { table: 'answer_helpful_votes', column: 'user_id', section: 'helpfulVotes', onDelete: 'keep' },
  { table: 'clinician_applications', column: 'user_id', section: 'clinicianApplications', onDelete: 'erase' },
  { table: 'clinician_applications', column: 'reviewed_by', section: null, onDelete: 'keep' },
  { table: 'clinician_credentials', column: 'user_id', section: 'clinicianCredential', onDelete: 'erase' },
  { table: 'notifications', column: 'user_id', section: 'notifications', columns: 'id, type, data, read_at, created_at', onDelete: 'erase' },
  { table: 'notification_settings', column: 'user_id', section: 'notificationSettings', onDelete: 'erase' },
  { table: 'notification_group_levels', column: 'user_id', section: 'groupNotificationLevels', onDelete: 'erase' },
  { table: 'live_events', column: 'created_by', section: 'eventsScheduled', columns: 'id, group_id, title, starts_at, created_at', onDelete: 'keep' },
  { table: 'live_events', column: 'ended_by', section: null, onDelete: 'keep' },
  { table: 'live_event_hosts', column: 'user_id', section: 'eventsHosted', onDelete: 'keep' },
  { table: 'live_event_reminders', column: 'user_id', section: 'eventReminders', onDelete: 'erase' },
  { table: 'live_event_questions', column: 'author_id', section: 'eventQuestions', onDelete: 'keep' },
  { table: 'live_event_questions', column: 'answered_by', section: null, onDelete: 'keep' },
  { table: 'live_event_question_upvotes', column: 'user_id', section: 'eventQuestionUpvotes', onDelete: 'keep' },
  { table: 'reports', column: 'reporter_id', section: 'reportsFiled', onDelete: 'keep' },
  { table: 'reports', column: 'target_user_id', section: null, onDelete: 'keep' },
  { table: 'reports', column: 'resolved_by', section: null, onDelete: 'keep' },
  { table: 'audit_log', column: 'target_user_id', section: 'moderationAboutMe', columns: 'id, group_id, action, reason, until, created_at', onDelete: 'keep' },
  { table: 'audit_log', column: 'actor_id', section: null, onDelete: 'keep' },
  { table: 'organizations', column: 'created_by', section: 'organizationsCreated', columns: 'id, slug, name, created_at', onDelete: 'keep' },
  { table: 'organizations', column: 'verified_by', section: null, onDelete: 'keep' },
  { table: 'organization_staff', column: 'user_id', section: 'staffRoles', onDelete: 'erase' },
  { table: 'organization_staff', column: 'invited_by', section: null, onDelete: 'keep' },
  { table: 'invites', column: 'created_by', section: 'invitesCreated', columns: 'code, group_id, max_uses, uses, expires_at, revoked_at, created_at', onDelete: 'keep' },
];
