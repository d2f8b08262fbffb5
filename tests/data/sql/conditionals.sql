-- expect: sql=3 meta=6 copy=0 skipped=1
-- psql conditionals around statements. psql reads every backslash command, also in a branch it
-- does not run (the \echo below is a meta-command piece); SQL there is skipped text.
\set use_temp true
\if :use_temp
CREATE TEMP TABLE scratch (id int);
\elif false
CREATE TABLE scratch (id int);
\else
\echo never
\endif
INSERT INTO scratch VALUES (1);
SELECT * FROM scratch;
