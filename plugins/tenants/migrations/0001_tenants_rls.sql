-- Row-level security for the tenants plugin. T = the request's tenant (atoll.tenant_id), U = the
-- signed-in user (atoll.user_id), K = the API key being verified (atoll.api_key_id); each is set
-- locally in a transaction by runInScope / runInTenant and is empty otherwise.
ALTER TABLE "tenants_memberships" ADD CONSTRAINT "tenants_memberships_role_check" CHECK ("role" IN ('viewer', 'member', 'admin', 'owner'));
--> statement-breakpoint
-- Memberships: a tenant's rows in its scope; a user's own rows across tenants ("my tenants").
ALTER TABLE "tenants_memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenants_memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenants_memberships_read" ON "tenants_memberships" FOR SELECT
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid
    OR "user_id" = nullif(current_setting('atoll.user_id', true), ''));
--> statement-breakpoint
CREATE POLICY "tenants_memberships_insert" ON "tenants_memberships" FOR INSERT
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_memberships_update" ON "tenants_memberships" FOR UPDATE
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_memberships_delete" ON "tenants_memberships" FOR DELETE
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- API keys: a tenant's keys in its scope; the one key being verified (read only).
ALTER TABLE "tenants_api_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenants_api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenants_api_keys_read" ON "tenants_api_keys" FOR SELECT
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid
    OR "id" = nullif(current_setting('atoll.api_key_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_api_keys_insert" ON "tenants_api_keys" FOR INSERT
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_api_keys_update" ON "tenants_api_keys" FOR UPDATE
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_api_keys_delete" ON "tenants_api_keys" FOR DELETE
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- The tenant row: visible in its own scope or to one of its members; changed only in its own scope.
-- A slug lookup by a non-member therefore finds nothing (the same 404 as an unknown slug).
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenants_read" ON "tenants" FOR SELECT
  USING ("id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid
    OR EXISTS (SELECT 1 FROM "tenants_memberships" m
      WHERE m."tenant_id" = "tenants"."id" AND m."user_id" = nullif(current_setting('atoll.user_id', true), '')));
--> statement-breakpoint
CREATE POLICY "tenants_insert" ON "tenants" FOR INSERT
  WITH CHECK ("id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_update" ON "tenants" FOR UPDATE
  USING ("id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "tenants_delete" ON "tenants" FOR DELETE
  USING ("id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- Deleting a tenant erases its audit trail too (kernel_audit_log has no FK to tenants, and the
-- kernel grants no DELETE): allow deleting a tenant's own rows in its own scope only.
CREATE POLICY "tenants_audit_log_erase" ON "kernel_audit_log" FOR DELETE
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
