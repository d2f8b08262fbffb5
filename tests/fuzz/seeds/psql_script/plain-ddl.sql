-- a table, an index and some rows
CREATE TABLE account (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE, /* a comment /* nested */ still a comment */
    created timestamptz DEFAULT now()
);
CREATE INDEX CONCURRENTLY account_created_idx ON account (created);
INSERT INTO account (email) VALUES ('a@example.com'), ('semi;colon@example.com');
ALTER TABLE account ADD COLUMN "Quoted;Name" int;
SELECT 1; SELECT 2
