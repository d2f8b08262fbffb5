-- V011: add the orders partition for 2026 before the year starts.
-- Without it, 2026 orders would land in shop.orders_default.  Creating the
-- partition checks that the default partition holds no 2026 rows (it only
-- holds the imported December 2021 orders).  Indexes and foreign keys of
-- shop.orders are created on the new partition automatically.

SET lock_timeout = '5s';
SET statement_timeout = '1min';

CREATE TABLE shop.orders_2026 PARTITION OF shop.orders
    FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');
