-- Search grams are only compared for equality: byte order ("C") instead of the database locale's makes every GIN
-- insert cheaper (bulk imports spend most of their time maintaining these indexes). The indexes are rebuilt.
ALTER TABLE "enterprises" ALTER COLUMN "search_grams" TYPE text[] COLLATE "C";--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "search_grams" TYPE text[] COLLATE "C";--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "search_grams" TYPE text[] COLLATE "C";
