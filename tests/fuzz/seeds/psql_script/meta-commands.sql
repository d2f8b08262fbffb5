\set ON_ERROR_STOP on
\set schema 'app'
\echo creating :schema
CREATE SCHEMA IF NOT EXISTS :"schema";
SET search_path = :'schema';
SELECT count(*) AS n FROM pg_class \gset
\if :n
    SELECT 'many' \g
\elif false
    DROP TABLE everything;
\else
    \echo nothing
\endif
SELECT 1 \; SELECT 2;
\i other.sql
\copy t FROM 'data.csv' WITH (FORMAT csv)
\timing off
