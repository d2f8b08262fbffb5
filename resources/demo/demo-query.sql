-- Revenue by country in 2024. F5 or Ctrl+Return runs the statement under the cursor.
SELECT c.country,
       count(DISTINCT c.id)   AS customers,
       count(o.id)            AS orders,
       sum(o.total)           AS revenue,
       round(avg(o.total), 2) AS avg_order
FROM shop.customers c
JOIN shop.orders o ON o.customer_id = c.id
WHERE o.ordered_at >= '2024-01-01' AND o.ordered_at < '2025-01-01'
GROUP BY c.country
ORDER BY revenue DESC;
