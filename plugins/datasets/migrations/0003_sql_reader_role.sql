-- Read-only SQL (SQL.md) runs the user's SELECT under the role atoll_sql_reader, which may read the
-- two dataset row tables and nothing else. Which tenant it reads is not taken from the forgeable
-- atoll.tenant_id setting: the app inserts a grant row keyed by the transaction id right before
-- switching role, and always rolls back, so a grant never commits and SQL cannot make one. The
-- query itself runs inside datasets_sql_run, a SECURITY DEFINER function owned by the reader:
-- Postgres refuses any change of role inside one, so set_config('role', ...) cannot leave it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atoll_sql_reader') THEN
    CREATE ROLE atoll_sql_reader NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
-- Postgres 16+ gives the creating role ADMIN but not SET on the new role: grant membership so the
-- app can SET ROLE to it.
GRANT atoll_sql_reader TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO atoll_sql_reader;
--> statement-breakpoint
GRANT SELECT ON "datasets_table_rows", "datasets_metric_points" TO atoll_sql_reader;
--> statement-breakpoint
CREATE TABLE "datasets_sql_grants" (
	"xid" xid8 PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL
);
--> statement-breakpoint
-- No row-level security here on purpose: a policy on atoll.tenant_id would let a query that forges
-- the setting hide its own grant. Nobody but the owner may touch the table, and a grant row is
-- never committed, so no other transaction ever sees one.
REVOKE ALL ON "datasets_sql_grants" FROM PUBLIC;
--> statement-breakpoint
-- The tenant granted to the current transaction, or null outside a SQL run. SECURITY DEFINER so the
-- reader can look it up without any right on the grants table.
CREATE FUNCTION datasets_sql_tenant() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ SELECT tenant_id FROM public.datasets_sql_grants WHERE xid = pg_current_xact_id_if_assigned() $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION datasets_sql_tenant() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION datasets_sql_tenant() TO atoll_sql_reader;
--> statement-breakpoint
-- Restrictive, on top of the tenant policies, for every role: while a grant exists (a SQL run) only
-- the granted tenant's rows are visible, whoever asks, so even a query that left the reader role
-- sees no other tenant's datasets; without a grant the reader sees nothing and the app is unaffected.
-- Not "TO atoll_sql_reader": the app role is a member of the reader and would inherit the policy.
-- IS NOT DISTINCT FROM, not =: the planner merges two equalities on tenant_id (this one and the
-- tenant policy's) into a one-time check plus a scan on the setting, which a query forging the
-- setting mid-scan would slip through; this form is checked on every row. The subqueries run once.
CREATE POLICY "datasets_table_rows_sql" ON "datasets_table_rows" AS RESTRICTIVE FOR ALL
  USING ("tenant_id" IS NOT DISTINCT FROM (SELECT datasets_sql_tenant()) OR ((SELECT datasets_sql_tenant()) IS NULL AND current_user <> 'atoll_sql_reader'));
--> statement-breakpoint
CREATE POLICY "datasets_metric_points_sql" ON "datasets_metric_points" AS RESTRICTIVE FOR ALL
  USING ("tenant_id" IS NOT DISTINCT FROM (SELECT datasets_sql_tenant()) OR ((SELECT datasets_sql_tenant()) IS NULL AND current_user <> 'atoll_sql_reader'));
--> statement-breakpoint
CREATE POLICY "datasets_sql" ON "datasets" AS RESTRICTIVE FOR ALL
  USING ("tenant_id" IS NOT DISTINCT FROM (SELECT datasets_sql_tenant()) OR ((SELECT datasets_sql_tenant()) IS NULL AND current_user <> 'atoll_sql_reader'));
--> statement-breakpoint
-- Runs the app's wrapped query as the reader with the role pinned; rows come back as text arrays
-- (the app types them by the columns it described beforehand). Ownership needs CREATE on the
-- schema for a moment only.
CREATE FUNCTION datasets_sql_run(query text) RETURNS TABLE (cells text[], total bigint, bytes bigint)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$ BEGIN RETURN QUERY EXECUTE query; END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION datasets_sql_run(text) FROM PUBLIC;
--> statement-breakpoint
GRANT CREATE ON SCHEMA public TO atoll_sql_reader;
--> statement-breakpoint
ALTER FUNCTION datasets_sql_run(text) OWNER TO atoll_sql_reader;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM atoll_sql_reader;
