#include "statisticsperiod.h"

#include "catalogrow.h"

#include "db/connection.h"

namespace {

QDateTime fromEpoch(const CatalogRow &row, int column)
{
    return row.isNull(column) ? QDateTime() : QDateTime::fromSecsSinceEpoch(row.number(column));
}

} // namespace

StatisticsPeriod StatisticsPeriod::read(Connection &connection)
{
    const RowBatch rows = connection.fetchAll(QStringLiteral(
        "SELECT extract(epoch FROM d.stats_reset)::bigint,"
        " extract(epoch FROM pg_postmaster_start_time())::bigint, extract(epoch FROM now())::bigint"
        " FROM pg_stat_database d WHERE d.datname = current_database()"));
    StatisticsPeriod period;
    if (rows.rowCount() == 0)
        return period;
    const CatalogRow row(rows, 0);
    period.resetAt = fromEpoch(row, 0);
    period.serverStartedAt = fromEpoch(row, 1);
    period.readAt = fromEpoch(row, 2);
    return period;
}

QString StatisticsPeriod::formatTime(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString StatisticsPeriod::formatLength(qint64 seconds)
{
    const qint64 days = seconds / (24 * 3600);
    if (days >= 1)
        return days == 1 ? tr("1 day") : tr("%n days", nullptr, int(days));
    const qint64 hours = seconds / 3600;
    if (hours >= 1)
        return hours == 1 ? tr("1 hour") : tr("%n hours", nullptr, int(hours));
    return tr("less than an hour");
}

QString StatisticsPeriod::sinceText() const
{
    if (!isValid())
        return tr("the statistics began");
    if (wasReset())
        return tr("%1, when the statistics were reset").arg(formatTime(resetAt));
    return tr("the server started on %1 (the statistics were never reset)")
        .arg(formatTime(serverStartedAt));
}

QString StatisticsPeriod::describe() const
{
    if (!isValid())
        return tr("When the usage counters began is unknown: an index judged unused may have "
                  "been used before they did.");
    QString text = wasReset()
                       ? tr("Usage counters run since %1, when the statistics were reset (%2 "
                            "ago); an index is judged unused over that period only.")
                             .arg(formatTime(resetAt), formatLength(seconds()))
                       : tr("Usage counters were never reset: they run since this database's "
                            "statistics were first collected, at least since the server started "
                            "on %1 (%2 ago) unless the database is younger; an index is judged "
                            "unused over that period only.")
                             .arg(formatTime(serverStartedAt), formatLength(seconds()));
    if (isShort())
        text += u' '
                + tr("Under a week is too short to call an index unused: weekly and monthly "
                     "work may not have run yet.");
    return text;
}
