CREATE TABLE "größe" (ключ int, 値 text);
INSERT INTO "größe" VALUES (1, 'ÿ😀');
CREATE TABLE this_identifier_is_far_longer_than_sixty_three_bytes_which_postgres_truncates (x int);
SELECT 'é' AS "é";
