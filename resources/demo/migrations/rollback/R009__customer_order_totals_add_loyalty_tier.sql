-- R009: undo V009 (restore the previous view definition).
-- A view column cannot be removed with CREATE OR REPLACE, so the view is
-- dropped and recreated as it was, including its comment.

DROP VIEW shop.customer_order_totals;
CREATE VIEW shop.customer_order_totals AS
SELECT c.id                    AS customer_id,
       c.email,
       c.name,
       count(o.id)             AS order_count,
       coalesce(sum(o.total) FILTER (WHERE o.status NOT IN ('cancelled', 'refunded')), 0)
                               AS lifetime_value,
       max(o.ordered_at)       AS last_order_at
FROM shop.customers AS c
LEFT JOIN shop.orders AS o ON o.customer_id = c.id
GROUP BY c.id;
COMMENT ON VIEW shop.customer_order_totals IS 'Per-customer order count, lifetime value and last order.';
