-- expect: sql=7 meta=0 copy=2
-- COPY ... FROM stdin: the data lines belong to the COPY, up to the \. line.
CREATE TABLE shelf (id int, label text, note text);
COPY shelf (id, label, note) FROM stdin;
1	top	has; a semicolon
2	middle	a \\ backslash and a \t tab escape
3	bottom	\N
\.
SELECT count(*) FROM shelf;
COPY shelf FROM stdin WITH (FORMAT csv, HEADER true);
id,label,note
4,"quoted, comma","line with -- not a comment"
5,plain,"SELECT 1; -- data, not SQL"
\.
UPDATE shelf SET note = 'done' WHERE id = 5;
COPY shelf TO stdout;
DROP TABLE shelf;
