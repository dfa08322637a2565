ALTER TABLE `countries` ADD `wikidata` text NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `countries_wikidata_unique` ON `countries` (`wikidata`);--> statement-breakpoint
ALTER TABLE `dataset` ADD `wikidata` text NOT NULL;--> statement-breakpoint
ALTER TABLE `summits` ADD `wikidata` text;--> statement-breakpoint
CREATE UNIQUE INDEX `summits_wikidata_unique` ON `summits` (`wikidata`);