CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated := now(); -- not the end
    RETURN NEW;
END;
$$;
CREATE FUNCTION tagged() RETURNS text AS $body$ SELECT $$inner;$$ || 'x' $body$ LANGUAGE sql;
DO $do$ BEGIN RAISE NOTICE 'a $$ b'; END $do$;
SELECT $1 FROM t;
SELECT $not_a_tag;
