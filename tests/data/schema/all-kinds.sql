-- Every object kind the schema browser knows, for tst_schemacatalog and tst_schemaddl.
-- Loaded as one script into an empty database. Names in schema "Odd ""Names""" test quoting.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SCHEMA kinds;
COMMENT ON SCHEMA kinds IS 'one of everything';

CREATE TYPE kinds.mood AS ENUM ('sad', 'ok', 'happy', 'it''s complicated');
CREATE TYPE kinds.pair AS (x integer, y text);
CREATE DOMAIN kinds.positive AS integer NOT NULL DEFAULT 1
    CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE kinds.floatrange AS RANGE (subtype = float8);
COMMENT ON TYPE kinds.mood IS 'how it went';

CREATE SEQUENCE kinds.ticket_seq AS integer START WITH 100 INCREMENT BY 5 MINVALUE 100
    MAXVALUE 100000 CACHE 10 CYCLE;

CREATE TABLE kinds.parent (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text COLLATE "C" NOT NULL UNIQUE,
    label text DEFAULT 'none',
    code_length integer GENERATED ALWAYS AS (length(code)) STORED,
    mood kinds.mood,
    score kinds.positive,
    ticket integer DEFAULT nextval('kinds.ticket_seq'),
    pair kinds.pair,
    span kinds.floatrange
) WITH (fillfactor = 80);
COMMENT ON TABLE kinds.parent IS 'the parent table';
COMMENT ON COLUMN kinds.parent.code IS 'business key';

CREATE TABLE kinds.child (
    id serial PRIMARY KEY,
    parent_id bigint REFERENCES kinds.parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
    qty integer CHECK (qty >= 0),
    area circle,
    note varchar(200),
    EXCLUDE USING gist (area WITH &&)
);
ALTER TABLE kinds.child ADD CONSTRAINT child_qty_small CHECK (qty < 1000) NOT VALID;
ALTER TABLE kinds.child ADD CONSTRAINT child_self FOREIGN KEY (parent_id) REFERENCES kinds.child (id)
    DEFERRABLE INITIALLY DEFERRED NOT VALID;
CREATE INDEX child_partial ON kinds.child (qty) WHERE qty > 10;
CREATE INDEX child_note_lower ON kinds.child (lower(note));
CREATE INDEX child_note_trgm ON kinds.child USING gin (note gin_trgm_ops);

CREATE TABLE kinds.events (
    id bigint NOT NULL,
    happened_on date NOT NULL,
    payload text,
    PRIMARY KEY (id, happened_on)
) PARTITION BY RANGE (happened_on);
CREATE TABLE kinds.events_2024 PARTITION OF kinds.events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE kinds.events_default PARTITION OF kinds.events DEFAULT;
CREATE INDEX events_payload ON kinds.events (payload);

CREATE UNLOGGED TABLE kinds.scratch (k text, v text);

CREATE FOREIGN DATA WRAPPER kinds_fdw;
CREATE SERVER kinds_server FOREIGN DATA WRAPPER kinds_fdw;
CREATE FOREIGN TABLE kinds.remote (id integer, note text) SERVER kinds_server
    OPTIONS (table_name 'remote_table');

CREATE VIEW kinds.parent_codes AS SELECT id, code FROM kinds.parent;
CREATE MATERIALIZED VIEW kinds.mood_counts AS
    SELECT mood, count(*) AS n FROM kinds.parent GROUP BY mood;
CREATE UNIQUE INDEX mood_counts_mood ON kinds.mood_counts (mood);

CREATE FUNCTION kinds.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;
CREATE TRIGGER child_touch BEFORE UPDATE ON kinds.child
    FOR EACH ROW EXECUTE FUNCTION kinds.touch();
CREATE TRIGGER child_audit AFTER INSERT ON kinds.child
    FOR EACH STATEMENT EXECUTE FUNCTION kinds.touch();
ALTER TABLE kinds.child DISABLE TRIGGER child_audit;
CREATE FUNCTION kinds.add(a integer, b integer DEFAULT 1) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE PROCEDURE kinds.reset_scratch(IN what text) LANGUAGE sql AS $$ DELETE FROM kinds.scratch WHERE k = what $$;
CREATE AGGREGATE kinds.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');

-- Quoting: quotes, spaces, upper case, unicode and reserved words.
CREATE SCHEMA "Odd ""Names""";
CREATE TABLE "Odd ""Names"""."Table ""Quoted"" Name" (
    "select" integer PRIMARY KEY,
    "Mixed Case" text,
    "ünïcødé" text,
    "with space" integer,
    "user" text
);
CREATE TABLE "Odd ""Names"""."user" (id integer);
CREATE INDEX "Idx.With.Dots" ON "Odd ""Names"""."Table ""Quoted"" Name" ("Mixed Case", "ünïcødé");
CREATE TABLE "Odd ""Names"""."Σχήμα" (ключ integer PRIMARY KEY);
CREATE VIEW "Odd ""Names"""."Order" AS SELECT 1 AS "from";
