-- The trigram indexes of 0007 (hand-written, unknown to the schema) are now declared in
-- src/modules/search/schema.ts under these names: the old pair is dropped, not kept twice.
DROP INDEX IF EXISTS "search_documents_norm_title_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_documents_norm_body_trgm_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_title_trgm_idx" ON "search_documents" USING gin ("norm_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_body_trgm_idx" ON "search_documents" USING gin ("norm_body" gin_trgm_ops);
