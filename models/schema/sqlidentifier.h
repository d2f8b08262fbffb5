#pragma once

#include <QString>
#include <QStringView>

// Quoting of PostgreSQL identifiers and literals for SQL that Slipway writes itself (DDL, the
// browser's context actions, catalog queries). Follows the server's quote_ident(): a name stays
// bare only when it is lower-case ASCII letters, digits and underscores, does not start with a
// digit and is not a keyword other than an unreserved one. Pure functions, any thread.
class SqlIdentifier
{
public:
    static QString quote(QStringView name);
    // "schema"."name"; an empty schema gives the bare quoted name.
    static QString qualified(QStringView schema, QStringView name);
    // 'text' with embedded quotes doubled; uses E'' form when the text holds a backslash, so the
    // literal means the same whatever standard_conforming_strings says.
    static QString literal(QStringView text);
    // True for keywords the grammar only accepts as names when quoted (reserved, column-name and
    // type/function-name keywords of PostgreSQL 15).
    static bool isKeyword(QStringView lowerCaseWord);
    // The keyword list itself, for the test that compares it with the server's pg_get_keywords().
    static QStringList keywords();
};
