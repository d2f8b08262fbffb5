-- expect: sql=13 meta=0 copy=0
-- Statements whose text holds semicolons of their own: dollar quotes, SQL-standard bodies,
-- rules, strings, quoted identifiers and comments.
CREATE TABLE "semi;colon table" ("a;b" int, note text DEFAULT 'x;y');
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    NEW.note := $$it's; here$$ || ';';
    RETURN NEW;
END;
$fn$;
CREATE TRIGGER touch BEFORE UPDATE ON "semi;colon table" FOR EACH ROW EXECUTE FUNCTION touch();
DO $$
DECLARE
    n int;
BEGIN
    SELECT count(*) INTO n FROM "semi;colon table";
    RAISE NOTICE 'rows: %; done', n;
END
$$;
CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT i + 1;
END;
CREATE PROCEDURE log_twice(msg text) LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO "semi;colon table" (note) VALUES (msg);
    INSERT INTO "semi;colon table" (note) VALUES (msg || ';again');
END;
CREATE RULE keep_log AS ON DELETE TO "semi;colon table" DO ALSO (
    INSERT INTO "semi;colon table" (note) VALUES ('deleted; row');
    NOTIFY log_channel
);
/* a block comment; /* nested; */ still a comment; */
SELECT E'escaped \' quote; not the end' AS e, U&'\0041;' AS u, 'two''quotes;' AS q;
-- a line comment; with a semicolon
SELECT $tag$ $notag$ ; $tag$ AS dollars;
CALL log_twice('hello');
SELECT add_one(41) /* ; */ AS answer;
DROP TABLE "semi;colon table" CASCADE;
SELECT 'no semicolon at the end'
