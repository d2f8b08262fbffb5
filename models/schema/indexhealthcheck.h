#pragma once

#include "healthfinding.h"
#include "statisticsperiod.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class Connection;

// Index health of a PostgreSQL database ("Index Analysis"): unused, duplicate, redundant and
// invalid indexes, foreign keys no index supports, tables read mostly by sequential scans, and
// tables without a primary key. Three catalog queries (indexes, foreign keys, tables) in one
// PgReadSnapshot; the comparisons happen here. Blocks: run it on the connection's thread.
// Throws DbException.
class IndexHealthCheck
{
    Q_DECLARE_TR_FUNCTIONS(IndexHealthCheck)

public:
    explicit IndexHealthCheck(Connection &connection);

    // A table counts as sequentially scanned when it has at least this many live rows and
    // this many sequential scans, more than its index scans.
    void setSeqScanThresholds(qint64 minRows, qint64 minScans);

    QList<HealthFinding> run();
    // Since when the usage counters behind the unused-index findings run; read by run().
    const StatisticsPeriod &statisticsPeriod() const { return m_period; }

private:
    struct Index;
    struct ForeignKey;
    struct Table;

    QList<Index> readIndexes();
    QList<ForeignKey> readForeignKeys();
    QList<Table> readTables();

    void findInvalid(const QList<Index> &indexes, QList<HealthFinding> &findings) const;
    // Returns the oids reported as duplicates or redundant, which the unused check then skips.
    QList<quint32> findDuplicates(const QList<Index> &indexes, QList<HealthFinding> &findings) const;
    QList<quint32> findRedundant(const QList<Index> &indexes,
                                 const QList<quint32> &skip,
                                 QList<HealthFinding> &findings) const;
    void findUnused(const QList<Index> &indexes,
                    const QList<ForeignKey> &keys,
                    const QList<quint32> &skip,
                    QList<HealthFinding> &findings) const;
    void findUnsupportedForeignKeys(const QList<ForeignKey> &keys,
                                    const QList<Index> &indexes,
                                    QList<HealthFinding> &findings) const;
    void findTableProblems(const QList<Table> &tables, QList<HealthFinding> &findings) const;

    static bool supports(const Index &index, const ForeignKey &key);
    QString dropFix(const Index &index) const;

    Connection &m_connection;
    qint64 m_minRows = 10000;
    qint64 m_minScans = 50;
    StatisticsPeriod m_period;
};
