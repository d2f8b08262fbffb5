-- expect: sql=14 meta=0 copy=0
-- Transaction control and statements that cannot run in a transaction block.
BEGIN;
CREATE TABLE ledger (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount numeric);
SAVEPOINT before_rows;
INSERT INTO ledger (amount) VALUES (10), (-3.5);
ROLLBACK TO SAVEPOINT before_rows;
INSERT INTO ledger (amount) VALUES (1);
RELEASE SAVEPOINT before_rows;
COMMIT;
CREATE INDEX CONCURRENTLY ledger_amount_idx ON ledger (amount);
VACUUM (ANALYZE) ledger;
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
WITH moved AS (DELETE FROM ledger WHERE amount < 0 RETURNING *) SELECT count(*) FROM moved;
END;
DROP TABLE ledger;
