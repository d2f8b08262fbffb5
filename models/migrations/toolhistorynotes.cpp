#include "toolhistorynotes.h"

#include "db/connection.h"
#include "sqlbool.h"

ToolHistoryNotes::ToolHistoryNotes(Connection &connection, QString historyTable)
    : m_connection(connection)
    , m_historyTable(std::move(historyTable))
    , m_postgres(connection.engine() == Connection::Engine::PostgreSQL)
{}

QString ToolHistoryNotes::tableName() const
{
    return m_postgres ? QStringLiteral("slipway.tool_history")
                      : QStringLiteral("slipway_tool_history");
}

bool ToolHistoryNotes::exists()
{
    const RowBatch rows = m_connection.fetchAll(
        m_postgres ? QStringLiteral("SELECT to_regclass('slipway.tool_history') IS NOT NULL")
                   : QStringLiteral("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'slipway_tool_history'"));
    const QString value = rows.text(0, 0);
    return sqlTrue(value);
}

void ToolHistoryNotes::create()
{
    if (exists())
        return;
    // SQLite runs one statement per call: the schema is PostgreSQL's alone.
    if (m_postgres)
        m_connection.execute(QStringLiteral("CREATE SCHEMA IF NOT EXISTS slipway"));
    m_connection.execute(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n"
                                        "    history_table text NOT NULL,\n"
                                        "    version text NOT NULL,\n"
                                        "    checksum text,\n"
                                        "    success boolean NOT NULL,\n"
                                        "    statements_done integer,\n"
                                        "    statements_total integer,\n"
                                        "    execution_ms bigint NOT NULL DEFAULT 0,\n"
                                        "    PRIMARY KEY (history_table, version)\n"
                                        ")")
                             .arg(tableName()));
}

QHash<QString, ToolHistoryNotes::Note> ToolHistoryNotes::read()
{
    QHash<QString, Note> notes;
    if (!exists())
        return notes;
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral("SELECT version, checksum, success, statements_done, statements_total, "
                       "execution_ms FROM %1 WHERE history_table = $1")
            .arg(tableName()),
        {m_historyTable});
    for (int r = 0; r < rows.rowCount(); ++r) {
        Note note;
        note.version = rows.text(r, 0);
        note.checksum = rows.text(r, 1);
        const QString success = rows.text(r, 2);
        note.success = sqlTrue(success);
        note.statementsDone = rows.isNull(r, 3) ? -1 : rows.text(r, 3).toInt();
        note.statementsTotal = rows.isNull(r, 4) ? -1 : rows.text(r, 4).toInt();
        note.executionMs = rows.text(r, 5).toLongLong();
        notes.insert(note.version, note);
    }
    return notes;
}

void ToolHistoryNotes::write(const Note &note)
{
    auto count = [](int value) { return value < 0 ? QVariant() : QVariant(value); };
    m_connection.execute(QStringLiteral(
                             "INSERT INTO %1 (history_table, version, checksum, success, "
                             "statements_done, statements_total, execution_ms) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7) "
                             "ON CONFLICT (history_table, version) DO UPDATE SET "
                             "checksum = excluded.checksum, success = excluded.success, "
                             "statements_done = excluded.statements_done, "
                             "statements_total = excluded.statements_total, "
                             "execution_ms = excluded.execution_ms")
                             .arg(tableName()),
                         {m_historyTable,
                          note.version,
                          note.checksum.isEmpty() ? QVariant() : QVariant(note.checksum),
                          note.success,
                          count(note.statementsDone),
                          count(note.statementsTotal),
                          note.executionMs});
}

void ToolHistoryNotes::remove(const QString &version)
{
    if (!exists())
        return;
    m_connection.execute(QStringLiteral("DELETE FROM %1 WHERE history_table = $1 AND version = $2")
                             .arg(tableName()),
                         {m_historyTable, version});
}

void ToolHistoryNotes::recordProgress(const QString &version,
                                      int statementsDone,
                                      bool finished,
                                      qint64 executionMs)
{
    if (finished) {
        remove(version);
        return;
    }
    // Runs after every statement: one statement, the note's checksum and total kept as written.
    m_connection.execute(QStringLiteral("INSERT INTO %1 (history_table, version, success, "
                                        "statements_done, execution_ms) "
                                        "VALUES ($1, $2, $3, $4, $5) "
                                        "ON CONFLICT (history_table, version) DO UPDATE SET "
                                        "success = excluded.success, "
                                        "statements_done = excluded.statements_done, "
                                        "execution_ms = excluded.execution_ms")
                             .arg(tableName()),
                         {m_historyTable, version, false, statementsDone, executionMs});
}
