ALTER TABLE "legal_documents" ADD COLUMN "issuer_en" text;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD COLUMN "summary_en" text;--> statement-breakpoint
ALTER TABLE "news_posts" ADD COLUMN "summary_en" text;