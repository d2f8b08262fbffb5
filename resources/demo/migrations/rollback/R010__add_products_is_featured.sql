-- R010: undo V010 (drop products.is_featured).

ALTER TABLE shop.products DROP COLUMN is_featured;
