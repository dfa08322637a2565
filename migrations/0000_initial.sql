CREATE TABLE `countries` (
	`code` text PRIMARY KEY NOT NULL,
	`iso3` text NOT NULL,
	`name_en` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_zh` text NOT NULL,
	`search_text` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `countries_iso3_unique` ON `countries` (`iso3`);--> statement-breakpoint
CREATE TABLE `dataset` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`version` text NOT NULL,
	`verified_through` text NOT NULL,
	`licence_data` text NOT NULL,
	`licence_code` text NOT NULL,
	`description` text NOT NULL,
	`built_at` text NOT NULL,
	`content_hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`type` text NOT NULL,
	`summit` text,
	`countries` text NOT NULL,
	`actor_name` text,
	`actor_role` text,
	`title_en` text NOT NULL,
	`title_fr` text,
	`quote_text` text,
	`quote_lang` text,
	`quote_gloss` text,
	`confidence` text NOT NULL,
	`sources` text NOT NULL,
	`note` text,
	`search_text` text NOT NULL,
	FOREIGN KEY (`summit`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_date` ON `events` (`date`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`url` text,
	`language` text NOT NULL,
	`published_on` text
);
--> statement-breakpoint
CREATE TABLE `status_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`country` text NOT NULL,
	`status` text NOT NULL,
	`from` text NOT NULL,
	`to` text,
	`previous_status` text,
	`decided_at` text,
	`formalized_on` text,
	`formalized_precision` text,
	`confidence` text NOT NULL,
	`sources` text NOT NULL,
	`note` text,
	FOREIGN KEY (`country`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_at`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_periods_country` ON `status_periods` (`country`,`from`);--> statement-breakpoint
CREATE INDEX `status_periods_from` ON `status_periods` (`from`);--> statement-breakpoint
CREATE TABLE `summits` (
	`id` text PRIMARY KEY NOT NULL,
	`series` text NOT NULL,
	`ordinal` integer NOT NULL,
	`city` text NOT NULL,
	`host` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`mode` text,
	`status` text NOT NULL,
	`chair_from` text,
	`chair_to` text,
	`chair_period` text,
	`chair_confidence` text,
	`chair_sources` text,
	`confidence` text NOT NULL,
	`sources` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `summits_end_date` ON `summits` (`end_date`);