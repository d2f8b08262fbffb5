-- The database the plans in this folder were taken from: a small warehouse. Deterministic data
-- (arithmetic over generate_series), so regenerate.sh gives the same plan shapes every time.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS depot CASCADE;
CREATE SCHEMA depot;
SET search_path = depot;

CREATE TABLE region (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO region SELECT g, 'region ' || g FROM generate_series(1, 8) g;

CREATE TABLE warehouse (
    id int PRIMARY KEY,
    region_id int NOT NULL REFERENCES region,
    name text NOT NULL,
    opened_on date NOT NULL
);
INSERT INTO warehouse
SELECT g, 1 + g % 8, 'warehouse ' || g, date '2015-01-01' + g * 17 FROM generate_series(1, 60) g;

CREATE TABLE item (
    id int PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    category text NOT NULL,
    price numeric(10, 2) NOT NULL,
    discontinued boolean NOT NULL DEFAULT false
);
INSERT INTO item
SELECT g, 'SKU-' || lpad(g::text, 6, '0'), 'category ' || (g % 40), (g % 997) / 7.0 + 1,
       g % 50 = 0
FROM generate_series(1, 20000) g;

CREATE TABLE stock_move (
    id bigint PRIMARY KEY,
    item_id int NOT NULL REFERENCES item ON DELETE CASCADE,
    warehouse_id int NOT NULL REFERENCES warehouse,
    moved_at timestamp NOT NULL,
    quantity int NOT NULL,
    note text
);
INSERT INTO stock_move
SELECT g, 1 + (g::bigint * 7919) % 20000, 1 + g % 60, timestamp '2023-01-01' + (g % 525600) * interval '1 minute',
       (g % 21) - 10, CASE WHEN g % 100 = 0 THEN 'recount ' || g END
FROM generate_series(1, 400000) g;
CREATE INDEX stock_move_item_idx ON stock_move (item_id);
CREATE INDEX stock_move_moved_at_idx ON stock_move (moved_at);

CREATE TABLE customer (id int PRIMARY KEY, username text NOT NULL, city text NOT NULL);
INSERT INTO customer SELECT g, 'user' || g, 'city ' || (g % 300) FROM generate_series(1, 30000) g;

CREATE TABLE shipment (
    id bigint NOT NULL,
    customer_id int NOT NULL,
    warehouse_id int NOT NULL,
    shipped_on date NOT NULL,
    weight_kg numeric(8, 2) NOT NULL,
    PRIMARY KEY (id, shipped_on)
) PARTITION BY RANGE (shipped_on);
CREATE TABLE shipment_2024q1 PARTITION OF shipment FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE shipment_2024q2 PARTITION OF shipment FOR VALUES FROM ('2024-04-01') TO ('2024-07-01');
CREATE TABLE shipment_2024q3 PARTITION OF shipment FOR VALUES FROM ('2024-07-01') TO ('2024-10-01');
CREATE TABLE shipment_2024q4 PARTITION OF shipment FOR VALUES FROM ('2024-10-01') TO ('2025-01-01');
INSERT INTO shipment
SELECT g, 1 + (g * 31) % 30000, 1 + g % 60, date '2024-01-01' + (g % 366), (g % 500) / 10.0 + 0.5
FROM generate_series(1, 120000) g;
CREATE INDEX shipment_customer_idx ON shipment (customer_id);

CREATE TABLE price_change (
    item_id int NOT NULL REFERENCES item ON DELETE CASCADE,
    changed_at timestamp NOT NULL,
    new_price numeric(10, 2) NOT NULL
);
INSERT INTO price_change
SELECT 1 + g % 20000, timestamp '2024-01-01' + g * interval '5 minutes', (g % 300) / 3.0 + 1
FROM generate_series(1, 50000) g;

CREATE TABLE item_audit (item_id int, removed_at timestamp DEFAULT now(), sku text);
CREATE FUNCTION audit_item_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO depot.item_audit (item_id, sku) VALUES (OLD.id, OLD.sku);
    RETURN OLD;
END;
$$;
CREATE TRIGGER item_deleted AFTER DELETE ON item FOR EACH ROW EXECUTE FUNCTION audit_item_delete();

CREATE TABLE stock_level (item_id int PRIMARY KEY, on_hand int NOT NULL);
INSERT INTO stock_level SELECT g, g % 90 FROM generate_series(1, 20000, 2) g;

VACUUM ANALYZE;
