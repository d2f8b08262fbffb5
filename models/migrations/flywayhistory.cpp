#include "flywayhistory.h"

#include "crc32.h"
#include "db/connection.h"
#include "sqlbool.h"

#include <limits>

namespace {} // namespace

QString FlywayHistory::crc32Checksum(const QByteArray &file)
{
    // Flyway feeds each line from BufferedReader.readLine() without its terminator, so every
    // CR and LF byte drops out; a UTF-8 BOM before the first line is filtered too.
    QByteArray lines = file.startsWith("\xEF\xBB\xBF") ? file.mid(3) : file;
    lines.removeIf([](char byte) { return byte == '\r' || byte == '\n'; });
    return QString::number(static_cast<qint32>(Crc32::of(lines)));
}

FlywayHistory::FlywayHistory(Connection &connection, const QString &table)
    : m_connection(connection)
    , m_table(table)
    , m_notes(connection, table)
{}

bool FlywayHistory::exists()
{
    return sqlTrue(
        m_connection.fetchAll(QStringLiteral("SELECT to_regclass($1) IS NOT NULL"), {m_table})
            .text(0, 0));
}

void FlywayHistory::create()
{
    if (!exists()) {
        // Flyway's own definition for PostgreSQL, its constraint and index names included.
        m_connection.execute(
            QStringLiteral("CREATE TABLE %1 (\n"
                           "    installed_rank INT NOT NULL,\n"
                           "    version VARCHAR(50),\n"
                           "    description VARCHAR(200) NOT NULL,\n"
                           "    type VARCHAR(20) NOT NULL,\n"
                           "    script VARCHAR(1000) NOT NULL,\n"
                           "    checksum INTEGER,\n"
                           "    installed_by VARCHAR(100) NOT NULL,\n"
                           "    installed_on TIMESTAMP NOT NULL DEFAULT now(),\n"
                           "    execution_time INTEGER NOT NULL,\n"
                           "    success BOOLEAN NOT NULL\n"
                           ");\n"
                           "ALTER TABLE %1 ADD CONSTRAINT %1_pk PRIMARY KEY (installed_rank);\n"
                           "CREATE INDEX %1_s_idx ON %1 (success)")
                .arg(m_table));
    }
    m_notes.create();
}

QList<HistoryRow> FlywayHistory::read()
{
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    const RowBatch batch = m_connection.fetchAll(
        QStringLiteral("SELECT installed_rank, version, description, type, script, checksum, "
                       "installed_by, installed_on, execution_time, success FROM %1 "
                       "ORDER BY installed_rank")
            .arg(m_table));
    for (int r = 0; r < batch.rowCount(); ++r) {
        const QString type = batch.text(r, 3);
        // The schema marker, and rows of what Slipway does not run (undo, deletions).
        if (type == QLatin1String("SCHEMA") || type == QLatin1String("DELETE")
            || type.startsWith(QLatin1String("UNDO")))
            continue;
        HistoryRow row;
        row.rank = batch.text(r, 0).toInt();
        row.version = batch.text(r, 1);
        row.description = batch.text(r, 2);
        row.type = type.endsWith(QLatin1String("BASELINE")) ? QStringLiteral("BASELINE")
                                                            : QStringLiteral("SQL");
        row.script = batch.text(r, 4);
        row.checksum = batch.text(r, 5);
        row.installedBy = batch.text(r, 6);
        row.installedOn = batch.text(r, 7);
        row.executionMs = batch.text(r, 8).toLongLong();
        row.success = sqlTrue(batch.text(r, 9));
        const auto note = notes.constFind(row.version);
        if (!row.version.isEmpty() && note != notes.cend() && !row.success) {
            row.statementsDone = note->statementsDone;
            row.statementsTotal = note->statementsTotal;
        }
        if (!row.success)
            row.toolState = QStringLiteral("failed migration");
        rows << row;
    }
    return rows;
}

int FlywayHistory::insert(const HistoryRow &row)
{
    // Flyway writes versions with dots (V1_1__x.sql is 1.1) and counts ranks from 1.
    const QString version = QString(row.version).replace(QLatin1Char('_'), QLatin1Char('.'));
    const QString description = row.description.size() > 200
                                    ? row.description.left(197) + QStringLiteral("...")
                                    : row.description;
    const QVariantList params{version.isEmpty() ? QVariant() : QVariant(version),
                              description,
                              row.type,
                              row.script,
                              row.checksum.isEmpty() ? QVariant() : QVariant(row.checksum.toInt()),
                              qMin<qint64>(row.executionMs, std::numeric_limits<qint32>::max()),
                              row.success};
    const int rank = m_connection
                         .fetchAll(QStringLiteral("INSERT INTO %1 (installed_rank, version, "
                                                  "description, type, script, checksum, "
                                                  "installed_by, execution_time, success) "
                                                  "VALUES ((SELECT coalesce(max(installed_rank), "
                                                  "0) + 1 FROM %1), $1, $2, $3, $4, $5, "
                                                  "current_user, $6, $7) RETURNING installed_rank")
                                       .arg(m_table),
                                   params)
                         .text(0, 0)
                         .toInt();
    if (!row.success && !version.isEmpty()) {
        ToolHistoryNotes::Note note;
        note.version = version;
        note.checksum = row.checksum;
        note.success = false;
        note.statementsDone = row.statementsDone;
        note.statementsTotal = row.statementsTotal;
        m_notes.write(note);
    }
    return rank;
}

void FlywayHistory::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    // The version comes back with the update: one round trip per statement of the migration.
    const QString version = m_connection
                                .fetchAll(QStringLiteral(
                                              "UPDATE %1 SET success = $1, execution_time = $2 "
                                              "WHERE installed_rank = $3 RETURNING version")
                                              .arg(m_table),
                                          {success,
                                           qMin<qint64>(executionMs,
                                                        std::numeric_limits<qint32>::max()),
                                           rank})
                                .text(0, 0);
    if (!version.isEmpty())
        m_notes.recordProgress(version, statementsDone, success, executionMs);
}

void FlywayHistory::updateChecksum(int rank, const QString &checksum)
{
    m_connection.execute(QStringLiteral("UPDATE %1 SET checksum = $1 WHERE installed_rank = $2")
                             .arg(m_table),
                         {checksum.isEmpty() ? QVariant() : QVariant(checksum.toInt()), rank});
}

void FlywayHistory::remove(int rank)
{
    // Flyway keeps every run of a repeatable migration (version NULL): its rows stay.
    const RowBatch removed = m_connection.fetchAll(
        QStringLiteral("DELETE FROM %1 WHERE installed_rank = $1 AND version IS NOT NULL "
                       "RETURNING version")
            .arg(m_table),
        {rank});
    if (removed.rowCount() > 0)
        m_notes.remove(removed.text(0, 0));
}

qint64 FlywayHistory::lockKey(const QString &schema, const QString &table)
{
    // Java's String.hashCode over UTF-16 code units, wrapping as a signed 32-bit int.
    const QString name = QStringLiteral("\"%1\".\"%2\"").arg(schema, table);
    quint32 hash = 0;
    for (const QChar unit : name)
        hash = hash * 31u + unit.unicode();
    constexpr qint64 Flyway = 0x466C79776179; // "Flyway" in ASCII
    return Flyway + qint32(hash);
}

QList<qint64> FlywayHistory::toolLockKeys()
{
    if (m_connection.engine() != Connection::Engine::PostgreSQL)
        return {};
    const QString schema = m_connection.fetchAll(QStringLiteral("SELECT current_schema()"))
                               .text(0, 0);
    return {lockKey(schema, m_table)};
}
