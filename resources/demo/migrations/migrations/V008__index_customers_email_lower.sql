-- slipway:no-transaction
-- V008: case-insensitive e-mail look-up for the login form.
-- CREATE INDEX CONCURRENTLY builds the index without blocking writes.  It
-- cannot run inside a transaction block, so this file holds nothing else.

CREATE INDEX CONCURRENTLY idx_customers_email_lower ON shop.customers (lower(email));
