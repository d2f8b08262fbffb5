SELECT E'it\'s; fine', U&'\0041\+01F600' UESCAPE '\', B'1010', X'ff';
SELECT 'multi'
'line';
SET standard_conforming_strings = off;
SELECT 'back\'slash; still';
SET standard_conforming_strings = on;
SELECT "weird""ident;", 'x''y';
