-- expect: sql=5 meta=0 copy=0
-- With standard_conforming_strings off, a backslash escapes the quote in an ordinary string,
-- as psql reads it.
SET standard_conforming_strings = off;
SELECT 'it\'s; still the string' AS legacy;
SELECT 'a backslash \\' AS ends_with_backslash;
SET standard_conforming_strings = on;
SELECT 'back to \ standard' AS standard;
