#include "dbmatehistory.h"

#include "db/connection.h"

#include <QSet>

DbmateHistory::DbmateHistory(Connection &connection,
                             const QList<Migration> &migrations,
                             const QString &table)
    : ToolHistoryStore(connection, table, migrations)
{}

void DbmateHistory::create()
{
    // Only when missing: IF NOT EXISTS on an existing table still sends the user a notice.
    if (exists()) {
        m_notes.create();
        return;
    }
    // dbmate's own definition (pkg/driver/postgres, pkg/driver/sqlite).
    m_connection.execute(
        QStringLiteral("CREATE TABLE IF NOT EXISTS %1 "
                       "(version varchar(%2) PRIMARY KEY)")
            .arg(m_table, m_postgres ? QStringLiteral("255") : QStringLiteral("128")));
    m_notes.create();
}

QList<HistoryRow> DbmateHistory::read()
{
    forgetRanks();
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    const RowBatch applied = m_connection.fetchAll(
        QStringLiteral("SELECT version FROM %1 ORDER BY version").arg(m_table));
    QSet<QString> listed;
    for (int r = 0; r < applied.rowCount(); ++r) {
        const QString version = applied.text(r, 0);
        listed.insert(version);
        const auto note = notes.constFind(version);
        rows << row(version, true, note == notes.cend() ? nullptr : &*note);
    }
    // Part-way outside a transaction: dbmate writes the row only at the end.
    for (const ToolHistoryNotes::Note &note : notes) {
        if (!note.success && !listed.contains(note.version))
            rows << row(note.version, false, &note);
    }
    return rows;
}

void DbmateHistory::writeApplied(const QString &version)
{
    m_connection.execute(QStringLiteral("INSERT INTO %1 (version) VALUES ($1) "
                                        "ON CONFLICT (version) DO NOTHING")
                             .arg(m_table),
                         {version});
}

void DbmateHistory::removeApplied(const QString &version)
{
    m_connection.execute(QStringLiteral("DELETE FROM %1 WHERE version = $1").arg(m_table),
                         {version});
}
