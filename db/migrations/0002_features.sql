CREATE TABLE `app_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`address_id` integer,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text,
	`headers` text DEFAULT '{}' NOT NULL,
	`message_id` text NOT NULL,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`address_id`) REFERENCES `resident_addresses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_messages_message_id_unique` ON `outbox_messages` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_messages_dedupe_key_unique` ON `outbox_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_messages_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_address_idx` ON `outbox_messages` (`address_id`);--> statement-breakpoint
CREATE TABLE `pending_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`address_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`subject_id` integer,
	`payload` text DEFAULT '{}' NOT NULL,
	`origin_key` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`address_id`) REFERENCES `resident_addresses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_confirmations_token_hash_unique` ON `pending_confirmations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `pending_confirmations_address_idx` ON `pending_confirmations` (`address_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `pending_confirmations_origin_idx` ON `pending_confirmations` (`origin_key`,`created_at`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`folded` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`ward_code` text NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `places_folded_idx` ON `places` (`folded`);--> statement-breakpoint
CREATE TABLE `priority_taken_up` (
	`priority_id` integer NOT NULL,
	`theme` text NOT NULL,
	`month` text NOT NULL,
	`residents` integer NOT NULL,
	`marked_at` integer NOT NULL,
	`marked_by` text,
	PRIMARY KEY(`priority_id`, `theme`),
	FOREIGN KEY (`priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `resident_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`manage_token_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resident_addresses_email_unique` ON `resident_addresses` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `resident_addresses_manage_token_hash_unique` ON `resident_addresses` (`manage_token_hash`);--> statement-breakpoint
CREATE TABLE `resident_response_themes` (
	`response_id` integer NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`response_id`, `theme`),
	FOREIGN KEY (`response_id`) REFERENCES `resident_responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `resident_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ward_code` text NOT NULL,
	`month` text NOT NULL,
	`address_id` integer,
	`place` text,
	`comment` text,
	`comment_hidden_at` integer,
	`origin_key` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`text_deleted_at` integer,
	`sample` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`address_id`) REFERENCES `resident_addresses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `resident_responses_ward_idx` ON `resident_responses` (`ward_code`,`month`);--> statement-breakpoint
CREATE UNIQUE INDEX `resident_responses_voice_idx` ON `resident_responses` (`ward_code`,`month`,`address_id`) WHERE confirmed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `resident_responses_address_idx` ON `resident_responses` (`address_id`);--> statement-breakpoint
CREATE TABLE `server_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `update_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`priority_id` integer NOT NULL,
	`month` text NOT NULL,
	`action_taken` text DEFAULT '' NOT NULL,
	`partners` text DEFAULT '' NOT NULL,
	`status` text,
	`next_step` text DEFAULT '' NOT NULL,
	`internal_note` text DEFAULT '' NOT NULL,
	`saved_at` integer NOT NULL,
	`saved_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `update_drafts_priority_month_idx` ON `update_drafts` (`priority_id`,`month`);--> statement-breakpoint
CREATE TABLE `ward_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ward_code` text,
	`team_id` integer,
	`kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`details` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ward_changes_ward_idx` ON `ward_changes` (`ward_code`,`id`);--> statement-breakpoint
CREATE INDEX `ward_changes_team_idx` ON `ward_changes` (`team_id`,`id`);--> statement-breakpoint
CREATE TABLE `ward_follows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`address_id` integer NOT NULL,
	`ward_code` text NOT NULL,
	`frequency` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_change_id` integer DEFAULT 0 NOT NULL,
	`last_period` text,
	`retired_notice_at` integer,
	`successor_codes` text,
	FOREIGN KEY (`address_id`) REFERENCES `resident_addresses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ward_follows_address_ward_idx` ON `ward_follows` (`address_id`,`ward_code`);--> statement-breakpoint
CREATE INDEX `ward_follows_ward_idx` ON `ward_follows` (`ward_code`);--> statement-breakpoint
DROP INDEX `priority_updates_month_idx`;--> statement-breakpoint
ALTER TABLE `priority_updates` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `priority_updates` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `priority_updates_month_idx` ON `priority_updates` (`priority_id`,`month`) WHERE withdrawn_at IS NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `postcode` text;--> statement-breakpoint
ALTER TABLE `events` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `login_attempts` ADD `device_key` text;--> statement-breakpoint
CREATE INDEX `login_attempts_device_idx` ON `login_attempts` (`device_key`,`at`);--> statement-breakpoint
ALTER TABLE `priorities` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `priorities` ADD `corrected_at` integer;