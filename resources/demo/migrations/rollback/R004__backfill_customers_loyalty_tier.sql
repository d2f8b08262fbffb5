-- R004: undo V004 (clear the backfilled loyalty_tier values again).
-- One statement is fine for the demo's 200,000 customers.

DO $$
BEGIN
    PERFORM set_config('shop.preserve_updated_at', 'on', true);
    UPDATE shop.customers SET loyalty_tier = NULL WHERE loyalty_tier IS NOT NULL;
END;
$$;
