CREATE INDEX IF NOT EXISTS "search_documents_norm_title_trgm_idx" ON "search_documents" USING gin ("norm_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_norm_body_trgm_idx" ON "search_documents" USING gin ("norm_body" gin_trgm_ops);
