CREATE TABLE "notification_group_levels" (
	"user_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "notification_group_levels_user_id_group_id_pk" PRIMARY KEY("user_id","group_id"),
	CONSTRAINT "notification_group_levels_level_check" CHECK ("notification_group_levels"."level" in ('all', 'mentions', 'none'))
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text DEFAULT 'mentions' NOT NULL,
	"digest_sent_at" timestamp with time zone,
	CONSTRAINT "notification_settings_email_check" CHECK ("notification_settings"."email" in ('off', 'mentions', 'daily'))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_state" text;--> statement-breakpoint
ALTER TABLE "notification_group_levels" ADD CONSTRAINT "notification_group_levels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_group_levels" ADD CONSTRAINT "notification_group_levels_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_email_pending_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."email_state" = 'pending';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_type_check" CHECK (type in ('mention', 'reply', 'answer', 'accepted', 'join_approved', 'join_denied', 'join_request', 'report', 'moderation', 'event', 'staff_invite', 'clinician_decision'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_email_state_check" CHECK ("notifications"."email_state" in ('pending', 'sent', 'skipped'));--> statement-breakpoint
UPDATE "notifications" n SET "group_id" = g."id" FROM "groups" g WHERE g."id"::text = n."data"->>'groupId';
