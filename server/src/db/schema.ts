/**
 * The whole relational model. Invariants live here as constraints (unique, foreign keys, checks)
 * so that races between concurrent requests cannot break them; services add friendly errors on top.
 */
import { notificationTypes, type Locale } from '@circles/shared';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

// ─── accounts ─────────────────────────────────────────────────────────────────────────────

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased at the edge; null once the account is deleted (the row stays for authorship). */
    email: text('email'),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    bio: text('bio').notNull().default(''),
    isAdmin: boolean('is_admin').notNull().default(false),
    /** Suspended by a site admin (moderation/suspensions.ts): set while suspended; `suspendedUntil` null = until lifted. */
    suspendedAt: tstz('suspended_at'),
    suspendedUntil: tstz('suspended_until'),
    suspendReason: text('suspend_reason'),
    /** 'en' | 'fr': the language the person chose; null follows their browser (Accept-Language). */
    locale: text('locale').$type<Locale>(),
    suspendedBy: uuid('suspended_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    deletedAt: tstz('deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), check('users_locale_check', sql`${t.locale} in ('en', 'fr')`)],
);

/** One row per signed-in device. Access tokens carry the session id and are refused once it is revoked. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at').notNull().defaultNow(),
    revokedAt: tstz('revoked_at'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Refresh tokens are stored only as SHA-256 hashes. A used token keeps its row (usedAt set) so that
 * presenting it again is recognised as theft and revokes the whole session.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

/**
 * Password reset links: only the SHA-256 hash of the token is kept; single-use (`usedAt`), valid one
 * hour (`expiresAt`). Rows also count the links sent per account for the per-account limit.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId, t.createdAt)],
);

// ─── conditions and groups ────────────────────────────────────────────────────────────────

export const conditions = pgTable('conditions', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  category: text('category').notNull(),
});

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    rules: text('rules').notNull().default(''),
    conditionSlug: text('condition_slug')
      .notNull()
      .references(() => conditions.slug),
    visibility: text('visibility', { enum: ['public', 'private'] }).notNull(),
    slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
    blockedTerms: text('blocked_terms').array().notNull().default(sql`'{}'::text[]`),
    /** Active members only; kept in step by the membership service inside the same transaction. */
    memberCount: integer('member_count').notNull().default(0),
    lastMessageAt: tstz('last_message_at'),
    /** Set when the group was left without any member (its last owner deleted their account): read-only. */
    archivedAt: tstz('archived_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The organization hosting the group (chosen by its staff at creation); null for a peer-run group. */
    organizationId: uuid('organization_id').references((): AnyPgColumn => organizations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Accent- and case-insensitive search document over name (weight A) and description (B). */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple', circles_unaccent(coalesce(name, ''))), 'A') || setweight(to_tsvector('english', circles_unaccent(coalesce(name, ''))), 'A') || setweight(to_tsvector('english', circles_unaccent(coalesce(description, ''))), 'B')`,
      ),
  },
  (t) => [
    uniqueIndex('groups_slug_key').on(t.slug),
    index('groups_condition_idx').on(t.conditionSlug, t.createdAt, t.id),
    index('groups_created_idx').on(t.createdAt, t.id),
    index('groups_organization_idx').on(t.organizationId, t.createdAt, t.id),
    index('groups_search_idx').using('gin', t.search),
    check('groups_visibility_check', sql`${t.visibility} in ('public', 'private')`),
    check('groups_slow_mode_check', sql`${t.slowModeSeconds} between 0 and 3600`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'moderator', 'member'] }).notNull().default('member'),
    status: text('status', { enum: ['active', 'pending'] }).notNull(),
    requestedAt: createdAt(),
    joinedAt: tstz('joined_at'),
    /** Read marker: the newest message id this member has seen. Only ever moves forward. */
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }),
    /** A pending request's note to the moderators (who asks, why); cleared once decided. */
    requestNote: text('request_note'),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    check('memberships_request_note_length', sql`char_length(${t.requestNote}) <= 500`),
    index('memberships_user_idx').on(t.userId, t.status),
    check('memberships_role_check', sql`${t.role} in ('owner', 'moderator', 'member')`),
    check('memberships_status_check', sql`${t.status} in ('active', 'pending')`),
  ],
);

export const groupBans = pgTable(
  'group_bans',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    bannedBy: uuid('banned_by').references(() => users.id, { onDelete: 'set null' }),
    /** Null: until lifted. A ban counts only while `until` is in the future (business clock). */
    until: tstz('until'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const groupMutes = pgTable(
  'group_mutes',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    until: tstz('until').notNull(),
    reason: text('reason').notNull().default(''),
    mutedBy: uuid('muted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

// ─── organizations and invitations ───────────────────────────────────────────────────────

/** A hospital, clinic, association… with a public page. `verifiedAt` is set by a site admin. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['hospital', 'clinic', 'community-health', 'charity', 'patient-association', 'other'] }).notNull(),
    description: text('description').notNull(),
    website: text('website'),
    location: text('location'),
    verifiedAt: tstz('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    index('organizations_name_idx').on(t.name, t.id),
    check(
      'organizations_kind_check',
      sql`${t.kind} in ('hospital', 'clinic', 'community-health', 'charity', 'patient-association', 'other')`,
    ),
  ],
);

/**
 * Staff of an organization, and invitations to become staff. An invitation names an account
 * (`userId`) or only an address (`email`, for someone who may not have signed up yet: the person
 * holding that address sees it once signed in, and accepting puts their account on the row). Only
 * accepted rows are affiliations. One row per person and organization (by account, or by address
 * while no account is on it).
 */
export const organizationStaff = pgTable(
  'organization_staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Lower-cased; set only on an invitation by address that no account has accepted yet. */
    email: text('email'),
    title: text('title').notNull().default(''),
    role: text('role', { enum: ['admin', 'staff'] }).notNull().default('staff'),
    status: text('status', { enum: ['pending', 'accepted'] }).notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    acceptedAt: tstz('accepted_at'),
  },
  (t) => [
    uniqueIndex('organization_staff_user_key').on(t.organizationId, t.userId),
    uniqueIndex('organization_staff_email_key').on(t.organizationId, t.email).where(sql`${t.userId} is null`),
    // Affiliations are read beside every author of a history page: a probe of this index per author.
    index('organization_staff_affiliation_idx').on(t.userId, t.organizationId).where(sql`${t.status} = 'accepted'`),
    index('organization_staff_email_idx').on(t.email).where(sql`${t.userId} is null`),
    index('organization_staff_org_idx').on(t.organizationId, t.status, t.createdAt),
    check('organization_staff_role_check', sql`${t.role} in ('admin', 'staff')`),
    check('organization_staff_status_check', sql`${t.status} in ('pending', 'accepted')`),
    check('organization_staff_who_check', sql`${t.userId} is not null or (${t.email} is not null and ${t.status} = 'pending')`),
  ],
);

/**
 * Invite links to a group. The code is the key: 24 base64url characters from 18 random bytes (144
 * bits). `uses` only grows, by a guarded update under the row's lock, and the check constraint keeps
 * it within `maxUses` whatever the code does, so parallel accepts can never exceed it.
 */
export const invites = pgTable(
  'invites',
  {
    code: text('code').primaryKey(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Null: unlimited. */
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    note: text('note').notNull().default(''),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('invites_group_idx').on(t.groupId, t.createdAt),
    check('invites_uses_check', sql`${t.uses} >= 0 and (${t.maxUses} is null or (${t.maxUses} >= 1 and ${t.uses} <= ${t.maxUses}))`),
  ],
);

// ─── chat ─────────────────────────────────────────────────────────────────────────────────

/**
 * Ids come from one identity sequence that starts at 10^15, so every id has 16 digits and the ids
 * sort the same as numbers and as strings. A send takes the group row lock before its id is drawn,
 * so within a group id order is commit order and `after=<id>` catch-up can never skip a message.
 */
export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' })
      .primaryKey()
      .generatedAlwaysAsIdentity({ startWith: 1000000000000000 }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    /** Null once deleted: the tombstone keeps its place in history. */
    body: text('body'),
    replyToId: bigint('reply_to_id', { mode: 'number' }),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    /** Sent by a host of the group's event while it was live (fixed at send time, see liveEvents). */
    eventHost: boolean('event_host').notNull().default(false),
    createdAt: createdAt(),
    editedAt: tstz('edited_at'),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    // Idempotent sends: a retried clientId can never make a second row.
    uniqueIndex('messages_client_id_key').on(t.groupId, t.authorId, t.clientId),
    // Serves every history page (latest, before=, after=) as a short range scan inside one group.
    index('messages_group_id_idx').on(t.groupId, t.id),
    index('messages_author_idx').on(t.authorId),
  ],
);

export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

// ─── health questions and clinicians ──────────────────────────────────────────────────────

export const clinicianApplications = pgTable(
  'clinician_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    licenseNumber: text('license_number').notNull(),
    jurisdiction: text('jurisdiction').notNull(),
    specialty: text('specialty').notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: tstz('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('clinician_applications_status_idx').on(t.status, t.createdAt),
    index('clinician_applications_user_idx').on(t.userId),
    // One pending application per user, even when two submissions race.
    uniqueIndex('clinician_applications_one_pending_key').on(t.userId).where(sql`${t.status} = 'pending'`),
    check('clinician_applications_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/** The clinician badge. It counts only while `expiresAt` is in the future. */
export const clinicianCredentials = pgTable('clinician_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  applicationId: uuid('application_id').references(() => clinicianApplications.id, { onDelete: 'set null' }),
  specialty: text('specialty').notNull(),
  jurisdiction: text('jurisdiction').notNull(),
  verifiedAt: tstz('verified_at').notNull(),
  expiresAt: tstz('expires_at').notNull(),
});

export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    status: text('status', { enum: ['open', 'answered'] }).notNull().default('open'),
    pinned: boolean('pinned').notNull().default(false),
    pinnedAt: tstz('pinned_at'),
    acceptedAnswerId: uuid('accepted_answer_id'),
    answerCount: integer('answer_count').notNull().default(0),
    clinicianAnswerCount: integer('clinician_answer_count').notNull().default(0),
    /** Sum of helpful votes over the question's answers, for `sort=top`. */
    helpfulTotal: integer('helpful_total').notNull().default(0),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    claimedUntil: tstz('claimed_until'),
    deletedAt: tstz('deleted_at'),
    createdAt: createdAt(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', circles_unaccent(coalesce(title, ''))), 'A') || setweight(to_tsvector('english', circles_unaccent(coalesce(body, ''))), 'B')`,
      ),
  },
  (t) => [
    index('questions_board_idx').on(t.groupId, t.pinned, t.createdAt),
    index('questions_search_idx').using('gin', t.search),
    index('questions_queue_idx').on(t.pinnedAt).where(sql`${t.pinned} and ${t.clinicianAnswerCount} = 0`),
    index('questions_author_idx').on(t.authorId),
    check('questions_status_check', sql`${t.status} in ('open', 'answered')`),
  ],
);

export const answers = pgTable(
  'answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** Fixed at answer time: a later lapse of the credential does not rewrite history. */
    byClinician: boolean('by_clinician').notNull().default(false),
    helpfulCount: integer('helpful_count').notNull().default(0),
    deletedAt: tstz('deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [index('answers_question_idx').on(t.questionId), index('answers_author_idx').on(t.authorId)],
);

export const answerHelpfulVotes = pgTable(
  'answer_helpful_votes',
  {
    answerId: uuid('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.userId] })],
);

// ─── notifications ────────────────────────────────────────────────────────────────────────

/**
 * Every notification, written by the one notify path (modules/notifications/notify.ts). `groupId`
 * names the group it is about (null for notices about the person alone), so deliveries after the
 * fact — an email a minute later, the daily digest — ask the audience function again.
 * `emailState`: 'pending' while an immediate email is owed, then 'sent' or 'skipped' (no longer
 * allowed to see it, already read, unsubscribed); null when no email was asked for.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: notificationTypes }).notNull(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    readAt: tstz('read_at'),
    emailState: text('email_state', { enum: ['pending', 'sent', 'skipped'] }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_email_pending_idx').on(t.createdAt).where(sql`${t.emailState} = 'pending'`),
    check('notifications_type_check', sql.raw(`type in (${notificationTypes.map((n) => `'${n}'`).join(', ')})`)),
    check('notifications_email_state_check', sql`${t.emailState} in ('pending', 'sent', 'skipped')`),
  ],
);

/** A person's email choice (no row: the default, `mentions`) and when their last digest went out. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email', { enum: ['off', 'mentions', 'daily'] }).notNull().default('mentions'),
    digestSentAt: tstz('digest_sent_at'),
  },
  (t) => [check('notification_settings_email_check', sql`${t.email} in ('off', 'mentions', 'daily')`)],
);

/** A person's bell level for one group (no row: the default, `all`). */
export const notificationGroupLevels = pgTable(
  'notification_group_levels',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['all', 'mentions', 'none'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.groupId] }),
    check('notification_group_levels_level_check', sql`${t.level} in ('all', 'mentions', 'none')`),
  ],
);

// ─── live events ──────────────────────────────────────────────────────────────────────────

/**
 * A scheduled live chat in a group. Its transcript is the group's messages with
 * `transcriptAfterId < id <= transcriptUntilId`: both bounds are read under the group row lock at the
 * start and the end, the same lock every send takes before drawing its id, so no message can fall
 * between the bounds and the status (see liveEvents/lifecycle.ts).
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    status: text('status', { enum: ['scheduled', 'live', 'ended', 'cancelled'] }).notNull().default('scheduled'),
    startedAt: tstz('started_at'),
    endedAt: tstz('ended_at'),
    /** Null when it closed itself (auto-end) or never started. */
    endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'set null' }),
    transcriptAfterId: bigint('transcript_after_id', { mode: 'number' }),
    transcriptUntilId: bigint('transcript_until_id', { mode: 'number' }),
    featuredQuestionId: uuid('featured_question_id').references((): AnyPgColumn => liveEventQuestions.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('live_events_group_idx').on(t.groupId, t.startsAt),
    // A send asks "is the author hosting a live event here?": this index keeps that a probe of a few rows.
    index('live_events_live_idx').on(t.groupId).where(sql`${t.status} = 'live'`),
    check('live_events_status_check', sql`${t.status} in ('scheduled', 'live', 'ended', 'cancelled')`),
    check('live_events_times_check', sql`${t.endsAt} > ${t.startsAt} and ${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
  ],
);

export const liveEventHosts = pgTable(
  'live_event_hosts',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => liveEvents.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('live_event_hosts_user_idx').on(t.userId)],
);

/** "Remind me": who asked, and which of the two reminders already went out (a rescheduling clears them). */
export const liveEventReminders = pgTable(
  'live_event_reminders',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => liveEvents.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    soonSentAt: tstz('soon_sent_at'),
    startSentAt: tstz('start_sent_at'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('live_event_reminders_user_idx').on(t.userId)],
);

export const liveEventQuestions = pgTable(
  'live_event_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => liveEvents.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    status: text('status', { enum: ['queued', 'answered'] }).notNull().default('queued'),
    /** Kept in step with live_event_question_upvotes in the same statement. */
    upvotes: integer('upvotes').notNull().default(0),
    answeredAt: tstz('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    /** Removed by a moderator: out of the queue for everyone, kept for the report and the audit trail. */
    deletedAt: tstz('deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('live_event_questions_queue_idx').on(t.eventId, t.status, t.upvotes, t.createdAt),
    index('live_event_questions_author_idx').on(t.authorId),
    check('live_event_questions_status_check', sql`${t.status} in ('queued', 'answered')`),
    check('live_event_questions_upvotes_check', sql`${t.upvotes} >= 0`),
  ],
);

/** One upvote per member and question: the primary key, so parallel upvotes cannot make two. */
export const liveEventQuestionUpvotes = pgTable(
  'live_event_question_upvotes',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => liveEventQuestions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);

// ─── background jobs ──────────────────────────────────────────────────────────────────────

/**
 * Time-driven work (reminders, expiries, emails), taken by one node at a time: see jobs/runner.ts.
 * A job with a `key` exists at most once; `locked_by`/`locked_until` are the lease of the node running it.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    key: text('key'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    runAt: tstz('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    leaseSeconds: integer('lease_seconds').notNull().default(300),
    lockedBy: text('locked_by'),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    uniqueIndex('jobs_key_key').on(t.key),
    index('jobs_due_idx').on(t.runAt, t.id).where(sql`${t.status} = 'queued'`),
    index('jobs_lease_idx').on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    check('jobs_status_check', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check('jobs_attempts_check', sql`${t.maxAttempts} >= 1 and ${t.leaseSeconds} >= 1`),
  ],
);

// ─── moderation ───────────────────────────────────────────────────────────────────────────

/**
 * Every moderator and admin action, written in the same transaction as the action itself
 * (moderation/audit.ts). Rows are never updated. `groupId` is null for site-wide actions
 * (suspensions, clinician decisions, verifications); `targetUserId` names the person an action was
 * about, so their appeal can find it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    /** Null: the system (a crisis report opened by the detector, an expiry). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetUserId: uuid('target_user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull().default(''),
    until: tstz('until'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_group_idx').on(t.groupId, t.createdAt, t.id),
    index('audit_log_created_idx').on(t.createdAt, t.id),
    index('audit_log_target_user_idx').on(t.targetUserId, t.groupId, t.createdAt),
  ],
);

/**
 * Reports about a message, question, answer or person in a group. One open report per reporter and
 * target (a partial unique index; the system, reporter null, counts as one reporter). An appeal is a
 * report with reason `appeal` about oneself, tied to the audit entry of the action appealed: one per action.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: ['message', 'question', 'answer', 'user', 'event_question'] }).notNull(),
    targetId: text('target_id').notNull(),
    /** The author of the reported content, or the reported person: whom a resolution acts on. */
    targetUserId: uuid('target_user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason', {
      enum: ['spam', 'harassment', 'misinformation', 'crisis', 'personal_data', 'appeal', 'other'],
    }).notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    /** Null: opened by the system (the crisis detector). */
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'cascade' }),
    appealOf: uuid('appeal_of').references(() => auditLog.id, { onDelete: 'set null' }),
    resolvedAt: tstz('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolutionAction: text('resolution_action'),
    resolutionNote: text('resolution_note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reports_one_open_key')
      .on(t.groupId, sql`coalesce(${t.reporterId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.targetType, t.targetId)
      .where(sql`${t.status} = 'open'`),
    uniqueIndex('reports_one_appeal_key').on(t.appealOf),
    index('reports_queue_idx').on(t.groupId, t.status, t.createdAt),
    check('reports_target_type_check', sql`${t.targetType} in ('message', 'question', 'answer', 'user', 'event_question')`),
    check(
      'reports_reason_check',
      sql`${t.reason} in ('spam', 'harassment', 'misinformation', 'crisis', 'personal_data', 'appeal', 'other')`,
    ),
    check('reports_status_check', sql`${t.status} in ('open', 'resolved')`),
  ],
);
