#pragma once

#include "catalogrecords.h"
#include "objectdetails.h"

#include <QCoreApplication>

class Connection;

// The Statistics tab of a partitioned table. Such a table stores nothing and PostgreSQL keeps
// next to no statistics for it (no live rows, never vacuumed), so the figures are summed over
// its leaf partitions, sub-partitions included, and maintenance times give the oldest
// partition's, each saying so. One query on the connection's thread; throws DbException.
class PgPartitionStatistics
{
    Q_DECLARE_TR_FUNCTIONS(PgPartitionStatistics)

public:
    explicit PgPartitionStatistics(Connection &connection);

    ObjectDetails::Entries read(CatalogOid table, const QString &qualifiedName);

    // "1,200, the sum of its 3 partitions"
    static QString summed(qint64 value, int partitions);

private:
    // The oldest of the partitions' times, or on how many of them it never happened.
    static QString oldest(const QString &time, int happened, int partitions);

    Connection &m_connection;
};
