ALTER TABLE "indicators" ADD COLUMN "additive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "weight_indicator_id" integer;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_weight_indicator_id_indicators_id_fk" FOREIGN KEY ("weight_indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_weight_chk" CHECK ("indicators"."weight_indicator_id" is null or "indicators"."weight_indicator_id" <> "indicators"."id");