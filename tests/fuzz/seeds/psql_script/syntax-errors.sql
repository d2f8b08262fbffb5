SELEC 1;
SELECT (1;
SELECT 2);
CREATE TABLE t (a int;
SELECT 'unterminated
