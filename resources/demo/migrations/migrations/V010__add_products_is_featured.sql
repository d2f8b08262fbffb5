-- V010: flag products for the home page carousel.
-- A NOT NULL column with a constant default is a metadata-only change since
-- PostgreSQL 11: no table rewrite, only a brief ACCESS EXCLUSIVE lock.

SET lock_timeout = '5s';
SET statement_timeout = '1min';

ALTER TABLE shop.products ADD COLUMN is_featured boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN shop.products.is_featured IS 'Shown in the home page carousel.';
