-- V001: create the shipping_methods lookup table and seed it.
-- Shipping options were hard-coded in the storefront so far; keeping them in
-- the database lets the shipments table (V002) reference them.
-- The seed data is loaded with COPY ... FROM stdin (tab-separated, \N = NULL).

SET lock_timeout = '5s';
SET statement_timeout = '1min';

-- slipway-ignore prefer-bigint-over-smallint: transit times are days, far below 32,767
CREATE TABLE shop.shipping_methods (
    code           text          PRIMARY KEY,
    name           text          NOT NULL,
    carrier        text,
    base_price     numeric(8,2)  NOT NULL CHECK (base_price >= 0),
    max_weight_kg  numeric(7,2),
    transit_days   smallint      NOT NULL,
    is_active      boolean       NOT NULL DEFAULT true
);
COMMENT ON TABLE shop.shipping_methods IS 'Shipping options offered at checkout.';
COMMENT ON COLUMN shop.shipping_methods.max_weight_kg IS 'Heaviest parcel accepted; NULL = no limit.';

COPY shop.shipping_methods (code, name, carrier, base_price, max_weight_kg, transit_days, is_active) FROM stdin;
standard	Standard parcel	DHL	4.90	31.50	3	t
express	Express next day	UPS	12.90	31.50	1	t
economy	Economy parcel	Hermes	3.90	25.00	5	t
pickup	Click & collect	\N	0.00	\N	2	t
freight	Freight (bulky goods)	DB Schenker	49.00	1000.00	7	t
letter	Large letter	Deutsche Post	1.60	1.00	4	f
\.
