-- FerretDB 1.24 hands filters to PostgreSQL as jsonb containment, `(_jsonb -> 'field') @> '"value"'`,
-- which the btree indexes it creates, on `(_jsonb -> 'field')`, cannot serve: every find, even by
-- _id, scans its table. This gives each of FerretDB's index expressions a GIN twin that can serve
-- containment, at creation time (event trigger) and for the indexes that exist already. No pending
-- list (fastupdate off): fresh entries are found at once instead of by a linear scan.
-- Local stack only: MongoDB serves these queries from its own indexes.

SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION itsm_containment_twins_of(btree_index oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  table_name regclass;
  columns int;
  expression text;
BEGIN
  SELECT indrelid::regclass, indnatts INTO table_name, columns FROM pg_index WHERE indexrelid = btree_index;
  FOR position IN 1..columns LOOP
    expression := pg_get_indexdef(btree_index, position, true);
    CONTINUE WHEN expression NOT LIKE '(_jsonb -> %';
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s) WITH (fastupdate = off)',
      'itsm_gin_' || substr(md5(table_name::text || expression), 1, 20),
      table_name,
      expression
    );
  END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION itsm_containment_twins() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.objid FROM pg_event_trigger_ddl_commands() c
    JOIN pg_class i ON i.oid = c.objid JOIN pg_am am ON am.oid = i.relam
    WHERE c.command_tag = 'CREATE INDEX' AND am.amname = 'btree'
  LOOP
    PERFORM itsm_containment_twins_of(created.objid);
  END LOOP;
END;
$$;

DROP EVENT TRIGGER IF EXISTS itsm_containment_twins;
CREATE EVENT TRIGGER itsm_containment_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION itsm_containment_twins();

-- the indexes FerretDB created before this trigger existed
DO $$
DECLARE
  existing record;
BEGIN
  FOR existing IN
    SELECT i.oid FROM pg_class i JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = i.relnamespace
    WHERE i.relkind = 'i' AND am.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  LOOP
    PERFORM itsm_containment_twins_of(existing.oid);
  END LOOP;
END;
$$;
