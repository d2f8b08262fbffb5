-- V009: show the loyalty tier in shop.customer_order_totals.
-- CREATE OR REPLACE VIEW may only append columns, so loyalty_tier goes last.

SET lock_timeout = '5s';
SET statement_timeout = '1min';

CREATE OR REPLACE VIEW shop.customer_order_totals AS
SELECT c.id                    AS customer_id,
       c.email,
       c.name,
       count(o.id)             AS order_count,
       coalesce(sum(o.total) FILTER (WHERE o.status NOT IN ('cancelled', 'refunded')), 0)
                               AS lifetime_value,
       max(o.ordered_at)       AS last_order_at,
       c.loyalty_tier
FROM shop.customers AS c
LEFT JOIN shop.orders AS o ON o.customer_id = c.id
GROUP BY c.id;
