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
CREATE INDEX `resident_responses_address_idx` ON `resident_responses` (`address_id`);