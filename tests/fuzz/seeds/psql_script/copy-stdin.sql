COPY item (id, name, note) FROM stdin;
1	first	\N
2	semi;colon	$$
3	\.\.	x
\.
SELECT count(*) FROM item;
COPY item FROM STDIN WITH (FORMAT csv);
4,"a,b",c
\.
