#include "toolhistorystore.h"

#include "db/connection.h"
#include "sqlbool.h"

#include <QDir>
#include <QFileInfo>

ToolHistoryStore::ToolHistoryStore(Connection &connection,
                                   QString table,
                                   const QList<Migration> &migrations)
    : m_connection(connection)
    , m_table(std::move(table))
    , m_postgres(connection.engine() == Connection::Engine::PostgreSQL)
    , m_notes(connection, m_table)
{
    for (const Migration &migration : migrations) {
        if (!migration.isRepeatable())
            m_byVersion.insert(migration.version.normalized(), migration);
    }
}

HistoryRow ToolHistoryStore::row(const QString &version,
                                 bool success,
                                 const ToolHistoryNotes::Note *note)
{
    HistoryRow row;
    row.rank = rankFor(version);
    row.version = version;
    row.type = QStringLiteral("SQL");
    row.success = success;
    MigrationVersion parsed;
    if (MigrationVersion::parse(version, &parsed)) {
        const auto found = m_byVersion.constFind(parsed.normalized());
        if (found != m_byVersion.cend()) {
            row.description = found->description;
            row.script = QFileInfo(found->upPath).fileName();
        }
    }
    if (note) {
        remember(*note);
        row.checksum = note->checksum;
        row.executionMs = note->executionMs;
        row.statementsDone = note->statementsDone;
        row.statementsTotal = note->statementsTotal;
    }
    return row;
}

int ToolHistoryStore::rankFor(const QString &version)
{
    for (auto it = m_versionByRank.cbegin(); it != m_versionByRank.cend(); ++it) {
        if (it.value() == version)
            return it.key();
    }
    const int rank = int(m_versionByRank.size()) + 1;
    m_versionByRank.insert(rank, version);
    return rank;
}

void ToolHistoryStore::forgetRanks()
{
    m_versionByRank.clear();
    m_noteByVersion.clear();
}

int ToolHistoryStore::insert(const HistoryRow &row)
{
    ToolHistoryNotes::Note note;
    note.version = row.version;
    note.checksum = row.checksum;
    note.success = row.success;
    note.statementsDone = row.statementsDone;
    note.statementsTotal = row.statementsTotal;
    note.executionMs = row.executionMs;
    m_notes.write(note);
    remember(note);
    if (row.success)
        writeApplied(row.version);
    else
        writeStarted(row.version);
    return rankFor(row.version);
}

void ToolHistoryStore::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    const QString version = m_versionByRank.value(rank);
    ToolHistoryNotes::Note note = m_noteByVersion.value(version);
    note.version = version;
    note.statementsDone = statementsDone;
    note.success = success;
    note.executionMs = executionMs;
    m_notes.write(note);
    remember(note);
    if (success)
        writeApplied(version);
}

void ToolHistoryStore::updateChecksum(int rank, const QString &checksum)
{
    const QString version = m_versionByRank.value(rank);
    ToolHistoryNotes::Note note = m_noteByVersion.value(version);
    note.version = version;
    note.checksum = checksum;
    m_notes.write(note);
    remember(note);
}

void ToolHistoryStore::remove(int rank)
{
    const QString version = m_versionByRank.value(rank);
    removeApplied(version);
    m_notes.remove(version);
    m_noteByVersion.remove(version);
}

bool ToolHistoryStore::exists()
{
    const RowBatch rows = m_connection.fetchAll(m_postgres
                                                    ? QStringLiteral(
                                                        "SELECT to_regclass($1) IS NOT NULL")
                                                    : QStringLiteral(
                                                        "SELECT count(*) > 0 FROM sqlite_master "
                                                        "WHERE type = 'table' AND name = $1"),
                                                {m_table});
    const QString value = rows.text(0, 0);
    return sqlTrue(value);
}
