-- R011: undo V011 (remove the 2026 partition).
-- Detach first: foreign keys referencing shop.orders (order_items, shipments)
-- have per-partition entries; detaching also verifies that no row still
-- references an order in the partition.

ALTER TABLE shop.orders DETACH PARTITION shop.orders_2026;
DROP TABLE shop.orders_2026;
