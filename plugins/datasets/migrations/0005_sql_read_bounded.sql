-- Read-only SQL with its result bounded while it is built. datasets_sql_read runs the app's wrapped
-- query (rows of (cells text[], bytes bigint), at most max_rows + 1 of them) as the reader with the
-- role pinned, like datasets_sql_run (0003), but reads it row by row through a cursor instead of
-- materialising it: after max_rows rows it returns one more row with cells NULL (there are more)
-- and stops; when the cells' text passes max_bytes it stops with SQLSTATE DS413, before any further
-- row is computed. datasets_sql_run stays for Workers of the previous version during a deploy and
-- can be dropped once none runs.
CREATE FUNCTION datasets_sql_read(query text, max_rows integer, max_bytes bigint) RETURNS TABLE (cells text[])
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
DECLARE
  row_cells text[];
  row_bytes bigint;
  total bigint := 0;
  n integer := 0;
BEGIN
  FOR row_cells, row_bytes IN EXECUTE query LOOP
    n := n + 1;
    IF n > max_rows THEN
      cells := NULL;
      RETURN NEXT;
      RETURN;
    END IF;
    total := total + row_bytes;
    IF total > max_bytes THEN
      RAISE EXCEPTION 'the result is larger than % bytes', max_bytes USING ERRCODE = 'DS413';
    END IF;
    cells := row_cells;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION datasets_sql_read(text, integer, bigint) FROM PUBLIC;
--> statement-breakpoint
GRANT CREATE ON SCHEMA public TO atoll_sql_reader;
--> statement-breakpoint
ALTER FUNCTION datasets_sql_read(text, integer, bigint) OWNER TO atoll_sql_reader;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM atoll_sql_reader;
