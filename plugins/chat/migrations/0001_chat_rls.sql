-- Chat rows belong to a tenant (deleting it deletes them) and a session's rows to the session.
-- Row-level security shows and accepts only the request's tenant (atoll.tenant_id, set by runInTenant);
-- a session's privacy to its user is the services' filter on user_id.
ALTER TABLE "chat_assistants" ADD CONSTRAINT "chat_assistants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_assistants" ADD CONSTRAINT "chat_assistants_name_length_check" CHECK (char_length("name") BETWEEN 1 AND 100);
--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_assistant_id_fk" FOREIGN KEY ("assistant_id") REFERENCES "chat_assistants"("id") ON DELETE SET NULL;
--> statement-breakpoint
ALTER TABLE "chat_runs" ADD CONSTRAINT "chat_runs_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "chat_sessions"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_runs" ADD CONSTRAINT "chat_runs_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "chat_sessions"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_tool_calls" ADD CONSTRAINT "chat_tool_calls_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "chat_sessions"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_tool_calls" ADD CONSTRAINT "chat_tool_calls_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "chat_assistants" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "chat_assistants" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "chat_assistants_tenant" ON "chat_assistants" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "chat_sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "chat_sessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "chat_sessions_tenant" ON "chat_sessions" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "chat_runs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "chat_runs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "chat_runs_tenant" ON "chat_runs" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "chat_messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "chat_messages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "chat_messages_tenant" ON "chat_messages" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "chat_tool_calls" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "chat_tool_calls" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "chat_tool_calls_tenant" ON "chat_tool_calls" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
