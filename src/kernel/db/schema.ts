// Every module's tables, gathered for the query layer and the migration generator.
export * from '../../modules/accounts/schema.ts';
export * from '../../modules/agencies/schema.ts';
export * from '../../modules/audit/schema.ts';
export * from '../../modules/conformity/schema.ts';
export * from '../../modules/engagement/schema.ts';
export * from '../../modules/geo/schema.ts';
export * from '../../modules/implementation/schema.ts';
export * from '../../modules/landuse/schema.ts';
export * from '../../modules/notifications/schema.ts';
export * from '../../modules/plan/schema.ts';
export * from '../../modules/projects/schema.ts';
export * from '../../modules/search/schema.ts';
export * from '../../modules/sso/schema.ts';
export * from '../../modules/versions/schema.ts';
export * from '../../modules/webhooks/schema.ts';
