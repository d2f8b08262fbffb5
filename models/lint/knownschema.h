#pragma once

#include "typespec.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// What the linter knows about the database a migration will run against: from the live server
// (LiveSchema) and from the statements of earlier migrations and earlier in the same file. Only
// what rules need: column types, which columns indexes and CHECK constraints use, and sizes.
struct KnownColumn
{
    QString name;
    TypeSpec type;
};

struct KnownTable
{
    QString schema;
    QString name;
    QList<KnownColumn> columns;
    QList<QStringList> indexColumns;    // columns used by each index (expression indexes too)
    QList<QStringList> checkColumns;    // columns referenced by each CHECK constraint
    QStringList validatedNotNullChecks; // columns with a validated CHECK (col IS NOT NULL)
    qint64 rows = -1;                   // estimated rows (pg_class.reltuples); -1 unknown
    qint64 bytes = -1;                  // total size with indexes and TOAST; -1 unknown

    const KnownColumn *column(const QString &name) const;
    KnownColumn *column(const QString &name);
    bool isIndexed(const QString &column) const;
    bool isInCheck(const QString &column) const;
};

// A CHECK constraint the server has, validated or not; `notNullColumn` is set when it
// is CHECK (column IS NOT NULL).
struct KnownCheck
{
    QString table;
    QString notNullColumn; // empty: some other check
    bool validated = false;
};

class KnownSchema
{
public:
    // Tables by name, without schema: migrations rarely qualify names and a finding only needs
    // a good guess at which table is meant.
    const KnownTable *table(const QString &name) const;
    KnownTable *table(const QString &name);
    KnownTable &addTable(const QString &schema, const QString &name);
    void removeTable(const QString &name);
    void renameTable(const QString &from, const QString &to);
    bool isEmpty() const { return m_tables.isEmpty(); }
    QList<const KnownTable *> tables() const;

    // The table an index belongs to (DROP INDEX and REINDEX INDEX name only the index); empty
    // when unknown. Kept up to date when tables are renamed or removed.
    QString tableOfIndex(const QString &index) const { return m_indexTables.value(index); }
    void addIndex(const QString &index, const QString &table);
    void removeIndex(const QString &index) { m_indexTables.remove(index); }
    void renameIndex(const QString &from, const QString &to);

    // CHECK constraints by name, so a VALIDATE CONSTRAINT of one added by a migration not read
    // here is still understood.
    QHash<QString, KnownCheck> checks;

    // The session time zone when known (timestamp → timestamptz is rewrite-free only in UTC).
    QString timeZone;
    int serverVersion = 0; // major version of the live server; 0 when not connected
    // Names of VOLATILE functions on the live server; knownFunctions tells whether it was read.
    QSet<QString> volatileFunctions;
    bool knownFunctions = false;

private:
    QHash<QString, KnownTable> m_tables;
    QHash<QString, QString> m_indexTables; // index name → table name
};
