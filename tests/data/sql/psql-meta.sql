-- expect: sql=9 meta=9 copy=0
-- psql variables, output commands and the ways psql sends a query without a semicolon.
\set ON_ERROR_STOP on
\set schema_name 'warehouse'
\set verbosity terse
\pset null '(null)'
\timing on
CREATE SCHEMA IF NOT EXISTS :"schema_name";
CREATE TABLE :"schema_name".item (id bigint PRIMARY KEY, label text NOT NULL);
INSERT INTO :"schema_name".item VALUES (1, :'schema_name'), (2, 'semi;colon');
SELECT count(*) AS items FROM :"schema_name".item \gset
\echo :items items in :schema_name
SELECT id, label FROM :"schema_name".item WHERE label <> :'schema_name' ORDER BY id \g
SELECT 1 AS one \; SELECT 2 AS two;
\copy (SELECT * FROM warehouse.item) TO 'items.csv' WITH (FORMAT csv)
SELECT '\not a meta command' AS text_with_backslash;
DROP SCHEMA :"schema_name" CASCADE;
