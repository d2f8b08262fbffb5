#pragma once

#include <QCoreApplication>
#include <QStringList>

class Connection;

// A database's schema as sorted lines of text ("column shop.orders.total numeric(12,2) NOT NULL
// DEFAULT 0"), one per object or part, read with the schema browser's CatalogReader. Two
// snapshots compare line by line: the rehearsal's "does the rollback give back the schema we
// started from" is `diff(before, afterRollback).isEmpty()`, and a non-empty diff shows exactly
// what differs. Object identities (OIDs), statistics, sizes and Slipway's own history schema are
// left out, so only a real schema change shows.
class SchemaSnapshot
{
    Q_DECLARE_TR_FUNCTIONS(SchemaSnapshot)

public:
    // `bookkeeping`: what a migration tool keeps its history in (HistoryStore::bookkeeping():
    // "schema_migrations", "drizzle.__drizzle_migrations", "sqitch." for a whole schema), left
    // out like Slipway's own schema. Throws DbException.
    static QStringList capture(Connection &connection, const QStringList &bookkeeping = {});
    // "- line" for what only `before` has, "+ line" for what only `after` has, in line order.
    static QStringList diff(const QStringList &before, const QStringList &after);
};
