CREATE TABLE `districts` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`csu_email` text NOT NULL,
	`geometry` text NOT NULL,
	`boundary_vintage` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`team_id` integer NOT NULL,
	`ward_code` text,
	`title` text NOT NULL,
	`venue` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`lat` real,
	`lng` real,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_ward_idx` ON `events` (`ward_code`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_team_idx` ON `events` (`team_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `officer_wards` (
	`officer_id` integer NOT NULL,
	`ward_code` text NOT NULL,
	PRIMARY KEY(`officer_id`, `ward_code`),
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `officer_wards_ward_idx` ON `officer_wards` (`ward_code`);--> statement-breakpoint
CREATE TABLE `officers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`collar_number` text,
	`bio` text DEFAULT '' NOT NULL,
	`email` text,
	`team_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `officers_slug_unique` ON `officers` (`slug`);--> statement-breakpoint
CREATE INDEX `officers_team_idx` ON `officers` (`team_id`);--> statement-breakpoint
CREATE TABLE `postcodes` (
	`postcode` text PRIMARY KEY NOT NULL,
	`outcode` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`ward_code` text,
	`ward_match` text,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postcodes_ward_idx` ON `postcodes` (`ward_code`);--> statement-breakpoint
CREATE INDEX `postcodes_outcode_idx` ON `postcodes` (`outcode`,`ward_code`);--> statement-breakpoint
CREATE TABLE `priorities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ward_code` text NOT NULL,
	`rank` integer NOT NULL,
	`theme` text NOT NULL,
	`title` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`agreed_on` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`outcome` text,
	`closed_on` text,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "priorities_rank_check" CHECK("priorities"."rank" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE INDEX `priorities_ward_idx` ON `priorities` (`ward_code`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `priorities_active_rank_idx` ON `priorities` (`ward_code`,`rank`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `priority_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`priority_id` integer NOT NULL,
	`month` text NOT NULL,
	`action_taken` text NOT NULL,
	`partners` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`next_step` text DEFAULT '' NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `priority_updates_month_idx` ON `priority_updates` (`priority_id`,`month`);--> statement-breakpoint
CREATE TABLE `team_wards` (
	`team_id` integer NOT NULL,
	`ward_code` text NOT NULL,
	PRIMARY KEY(`team_id`, `ward_code`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_wards_ward_idx` ON `team_wards` (`ward_code`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
	`email` text,
	`description` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_slug_unique` ON `teams` (`slug`);--> statement-breakpoint
CREATE INDEX `teams_district_idx` ON `teams` (`district_code`);--> statement-breakpoint
CREATE TABLE `wards` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
	`geometry` text NOT NULL,
	`min_lng` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lng` real NOT NULL,
	`max_lat` real NOT NULL,
	`centroid_lng` real NOT NULL,
	`centroid_lat` real NOT NULL,
	`boundary_vintage` text NOT NULL,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wards_district_idx` ON `wards` (`district_code`);--> statement-breakpoint
CREATE INDEX `wards_name_idx` ON `wards` ("name" COLLATE NOCASE);