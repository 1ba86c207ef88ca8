CREATE TABLE `user_districts` (
	`user_id` text NOT NULL,
	`district_code` text NOT NULL,
	PRIMARY KEY(`user_id`, `district_code`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `priority_updates_priority_idx` ON `priority_updates` (`priority_id`);