-- R002: undo V002 (drop the shipments table).

DROP TABLE shop.shipments;
