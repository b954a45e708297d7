CREATE TABLE "live_event_hosts" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "live_event_hosts_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_event_question_upvotes" (
	"question_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_event_question_upvotes_question_id_user_id_pk" PRIMARY KEY("question_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_event_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"upvotes" integer DEFAULT 0 NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_event_questions_status_check" CHECK ("live_event_questions"."status" in ('queued', 'answered')),
	CONSTRAINT "live_event_questions_upvotes_check" CHECK ("live_event_questions"."upvotes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "live_event_reminders" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"soon_sent_at" timestamp with time zone,
	"start_sent_at" timestamp with time zone,
	CONSTRAINT "live_event_reminders_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"transcript_after_id" bigint,
	"transcript_until_id" bigint,
	"featured_question_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_events_status_check" CHECK ("live_events"."status" in ('scheduled', 'live', 'ended', 'cancelled')),
	CONSTRAINT "live_events_times_check" CHECK ("live_events"."ends_at" > "live_events"."starts_at" and "live_events"."ends_at" <= "live_events"."starts_at" + interval '24 hours')
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "event_host" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "live_event_hosts" ADD CONSTRAINT "live_event_hosts_event_id_live_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."live_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_hosts" ADD CONSTRAINT "live_event_hosts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_question_upvotes" ADD CONSTRAINT "live_event_question_upvotes_question_id_live_event_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."live_event_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_question_upvotes" ADD CONSTRAINT "live_event_question_upvotes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_questions" ADD CONSTRAINT "live_event_questions_event_id_live_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."live_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_questions" ADD CONSTRAINT "live_event_questions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_questions" ADD CONSTRAINT "live_event_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_reminders" ADD CONSTRAINT "live_event_reminders_event_id_live_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."live_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event_reminders" ADD CONSTRAINT "live_event_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_featured_question_id_live_event_questions_id_fk" FOREIGN KEY ("featured_question_id") REFERENCES "public"."live_event_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_event_hosts_user_idx" ON "live_event_hosts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "live_event_questions_queue_idx" ON "live_event_questions" USING btree ("event_id","status","upvotes","created_at");--> statement-breakpoint
CREATE INDEX "live_event_questions_author_idx" ON "live_event_questions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "live_event_reminders_user_idx" ON "live_event_reminders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "live_events_group_idx" ON "live_events" USING btree ("group_id","starts_at");--> statement-breakpoint
CREATE INDEX "live_events_live_idx" ON "live_events" USING btree ("group_id") WHERE "live_events"."status" = 'live';