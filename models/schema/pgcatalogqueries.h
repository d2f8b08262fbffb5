#pragma once

#include "catalogscope.h"

#include <QString>
#include <QStringList>

// The SQL text of PostgreSQL catalog reads: one query per object kind for a whole scope (never
// one per object), so a 10,000-table catalog costs a handful of round trips. Column order is the
// contract with PgCatalogReader. Written for PostgreSQL 12 and newer; pure text, any thread.
class PgCatalogQueries
{
public:
    explicit PgCatalogQueries(int serverVersion = 150000)
        : m_serverVersion(serverVersion)
    {}

    QString schemas(const CatalogScope &scope) const;
    // Everything: every relation, partitions included. Schemas: the schema-level objects (no
    // partitions; they hang under their parent). Relations: the partitions of those relations.
    QString relations(const CatalogScope &scope) const;
    QString columns(const CatalogScope &scope) const;
    QString constraints(const CatalogScope &scope) const;
    QString indexes(const CatalogScope &scope) const;
    QString triggers(const CatalogScope &scope) const;
    // Row-level security policies and table / column privileges of the scope's relations.
    QString policies(const CatalogScope &scope) const;
    QString privileges(const CatalogScope &scope) const;
    QString routines(const CatalogScope &scope) const;
    QString types(const CatalogScope &scope) const;
    QString extensions() const;

    // Single objects by oid, whatever their schema, for the object panel's DDL.
    QString relationsByOid(const QList<CatalogOid> &oids) const;
    // Sequences owned by (serial) or backing (identity) columns of these tables.
    QString ownedSequences(const QList<CatalogOid> &tables) const;
    QString typesByOid(const QList<CatalogOid> &oids) const;

    // Every query of a full read, in the order PgCatalogReader::readEverything() sends them.
    QStringList everything(const CatalogScope &scope) const;

private:
    QString relationsWhere(const QString &where) const;
    QString typesWhere(const QString &where) const;
    // Restricts pg_class alias c (joined with pg_namespace n) to the scope's relations.
    QString relationPredicate(const CatalogScope &scope) const;
    // Restricts pg_namespace alias n to the scope's schemas (system schemas left out unless asked).
    QString schemaPredicate(const CatalogScope &scope) const;
    // "column ILIKE pattern" when the scope has a filter, else empty.
    QString filterCondition(const CatalogScope &scope, const QString &column) const;
    // The same with a leading " AND ".
    QString filterPredicate(const CatalogScope &scope, const QString &column) const;

    int m_serverVersion;
};
