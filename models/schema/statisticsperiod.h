#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

class Connection;

// Since when the usage counters of the current PostgreSQL database (idx_scan, seq_scan ...) run.
// After a reset that is pg_stat_database.stats_reset. Never reset, they run since the database's
// statistics were first collected, which PostgreSQL does not record (a clean restart keeps them,
// a crash loses them); the server's start (pg_postmaster_start_time()) is what can be said: the
// counters saw everything since then, over a shorter time only if the database is younger. An
// index "unused" is unused over this period only. Plain value type.
struct StatisticsPeriod
{
    Q_DECLARE_TR_FUNCTIONS(StatisticsPeriod)

public:
    // Below this a finding drawn from the counters is weak: weekly and monthly work may not have
    // run within the period yet.
    static constexpr qint64 ShortSeconds = 7 * 24 * 3600;

    QDateTime resetAt;         // invalid: never reset
    QDateTime serverStartedAt; // pg_postmaster_start_time()
    QDateTime readAt;          // the server's now() when read

    // One query; run it on the connection's thread. Throws DbException.
    static StatisticsPeriod read(Connection &connection);

    bool isValid() const { return readAt.isValid() && since().isValid(); }
    bool wasReset() const { return resetAt.isValid(); }
    QDateTime since() const { return wasReset() ? resetAt : serverStartedAt; }
    qint64 seconds() const { return isValid() ? since().secsTo(readAt) : 0; }
    bool isShort() const { return seconds() < ShortSeconds; }

    // "2024-05-01 10:30", local time.
    static QString formatTime(const QDateTime &time);
    // "3 days", "5 hours", "less than an hour".
    static QString formatLength(qint64 seconds);
    // What the counters cover, for the top of a report: "Usage counters run since …".
    QString describe() const;
    // The end of "<index> has not been scanned since …": "2024-05-01 10:30, when the
    // statistics were reset".
    QString sinceText() const;
};
