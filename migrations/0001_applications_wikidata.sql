CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`requested` text NOT NULL,
	`filed_on` text NOT NULL,
	`filed_precision` text NOT NULL,
	`outcome` text NOT NULL,
	`resolved_on` text,
	`resolved_by` text,
	`granted_period` text,
	`milestones` text NOT NULL,
	`confidence` text NOT NULL,
	`sources` text NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`resolved_by`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `applications_country` ON `applications` (`country`,`filed_on`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_summits` (
	`id` text PRIMARY KEY NOT NULL,
	`series` text NOT NULL,
	`ordinal` integer NOT NULL,
	`city` text,
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
	`wikidata` text,
	`confidence` text NOT NULL,
	`sources` text NOT NULL,
	`note` text
);
--> statement-breakpoint
INSERT INTO `__new_summits`("id", "series", "ordinal", "city", "host", "start_date", "end_date", "mode", "status", "chair_from", "chair_to", "chair_period", "chair_confidence", "chair_sources", "confidence", "sources", "note") SELECT "id", "series", "ordinal", "city", "host", "start_date", "end_date", "mode", "status", "chair_from", "chair_to", "chair_period", "chair_confidence", "chair_sources", "confidence", "sources", "note" FROM `summits`;--> statement-breakpoint
DROP TABLE `summits`;--> statement-breakpoint
ALTER TABLE `__new_summits` RENAME TO `summits`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `summits_wikidata_unique` ON `summits` (`wikidata`);--> statement-breakpoint
CREATE INDEX `summits_end_date` ON `summits` (`end_date`);--> statement-breakpoint
ALTER TABLE `countries` ADD `wikidata` text NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `countries_wikidata_unique` ON `countries` (`wikidata`);--> statement-breakpoint
ALTER TABLE `dataset` ADD `wikidata` text NOT NULL;