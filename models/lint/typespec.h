#pragma once

#include "sql/pgnode.h"

#include <QList>
#include <QString>

// A column type as PostgreSQL's grammar reads it: SQL-standard spellings come back as the
// internal names (integer → int4, character varying → varchar, char → bpchar, timestamp with
// time zone → timestamptz), so rules compare one spelling. Thread-safe value type.
struct TypeSpec
{
    QString name;         // lower case: int4, varchar, numeric, serial, citext …
    QString schema;       // "pg_catalog" for SQL-standard spellings, or as written
    QList<int> modifiers; // as written: varchar(20) → {20}; numeric(10,5) → {10, 5}
    bool array = false;

    bool isNull() const { return name.isEmpty(); }
    static constexpr int MaxTimePrecision = 6;
    // Fractional-seconds precision of time, timestamp(tz) and interval types (6 when not
    // given); -1 for other types.
    int precision() const;
    // Readable spelling for messages: varchar(20), numeric(10,5), int4[].
    QString toString() const;

    // From a TypeName node ({"names": [...], "typmods": [...], "arrayBounds": [...]}).
    static TypeSpec fromNode(const PgNode &typeName);
};
