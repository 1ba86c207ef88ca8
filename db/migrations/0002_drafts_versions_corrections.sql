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
DROP INDEX `priority_updates_month_idx`;--> statement-breakpoint
ALTER TABLE `priority_updates` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `priority_updates` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `priority_updates_month_idx` ON `priority_updates` (`priority_id`,`month`) WHERE withdrawn_at IS NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `postcode` text;--> statement-breakpoint
ALTER TABLE `events` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `priorities` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `priorities` ADD `corrected_at` integer;