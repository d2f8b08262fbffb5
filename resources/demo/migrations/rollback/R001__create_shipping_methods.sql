-- R001: undo V001 (drop the shipping_methods lookup table and its data).

DROP TABLE shop.shipping_methods;
