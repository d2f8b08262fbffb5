#include "prismahistory.h"

#include "db/connection.h"
#include "sqlbool.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace {

// "20240101120000_add_users/migration.sql" → "20240101120000_add_users"
QString migrationName(const QString &script)
{
    return script.section(QLatin1Char('/'), 0, 0);
}

} // namespace

PrismaHistory::PrismaHistory(Connection &connection, const QList<Migration> &migrations)
    : m_connection(connection)
    , m_notes(connection, tableName())
{
    for (const Migration &migration : migrations)
        m_pathByName.insert(QFileInfo(migration.upPath).dir().dirName(), migration.upPath);
}

bool PrismaHistory::matches(const QByteArray &file, const QString &checksum)
{
    const auto sha256 = [](const QByteArray &bytes) {
        return QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    };
    if (sha256(file) == checksum)
        return true;
    QByteArray lf = file;
    lf.replace("\r\n", "\n");
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    return sha256(lf) == checksum || sha256(crlf) == checksum;
}

QString PrismaHistory::checksum(const QByteArray &file) const
{
    // The file's bytes as they are: Prisma writes the checksum of the raw script.
    return QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex());
}

bool PrismaHistory::exists()
{
    return sqlTrue(
        m_connection
            .fetchAll(QStringLiteral("SELECT to_regclass('_prisma_migrations') IS NOT NULL"))
            .text(0, 0));
}

void PrismaHistory::create()
{
    if (!exists()) {
        // Prisma's own definition (sql-schema-connector, flavour/postgres.rs).
        m_connection.execute(
            QStringLiteral("CREATE TABLE _prisma_migrations (\n"
                           "    id                      VARCHAR(36) PRIMARY KEY NOT NULL,\n"
                           "    checksum                VARCHAR(64) NOT NULL,\n"
                           "    finished_at             TIMESTAMPTZ,\n"
                           "    migration_name          VARCHAR(255) NOT NULL,\n"
                           "    logs                    TEXT,\n"
                           "    rolled_back_at          TIMESTAMPTZ,\n"
                           "    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
                           "    applied_steps_count     INTEGER NOT NULL DEFAULT 0\n"
                           ")"));
    }
    m_notes.create();
}

QList<HistoryRow> PrismaHistory::read()
{
    m_idByRank.clear();
    m_nameByRank.clear();
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    // Rolled-back rows do not count for Prisma: the migration is pending again.
    const RowBatch batch = m_connection.fetchAll(QStringLiteral(
        "SELECT id, checksum, migration_name, finished_at IS NOT NULL, started_at, logs, "
        "(extract(epoch FROM coalesce(finished_at, now()) - started_at) * 1000)::bigint "
        "FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at, id"));
    for (int r = 0; r < batch.rowCount(); ++r) {
        const QString name = batch.text(r, 2);
        HistoryRow row;
        row.rank = r + 1;
        row.version = name.section(QLatin1Char('_'), 0, 0);
        row.description = name.section(QLatin1Char('_'), 1)
                              .replace(QLatin1Char('_'), QLatin1Char(' '));
        row.type = QStringLiteral("SQL");
        row.script = name + QStringLiteral("/migration.sql");
        row.checksum = batch.text(r, 1);
        // The same script with other line ends is not an edit for Prisma: it is the file's.
        if (const QString path = m_pathByName.value(name); !path.isEmpty()) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly)) {
                const QByteArray bytes = file.readAll();
                if (checksum(bytes) != row.checksum && matches(bytes, row.checksum))
                    row.checksum = checksum(bytes);
            }
        }
        row.installedOn = batch.text(r, 4);
        row.success = sqlTrue(batch.text(r, 3));
        row.executionMs = row.success ? batch.text(r, 6).toLongLong() : 0;
        if (!row.success) {
            row.toolState = QStringLiteral("failed, P3009");
            const auto note = notes.constFind(name);
            if (note != notes.cend()) {
                row.statementsDone = note->statementsDone;
                row.statementsTotal = note->statementsTotal;
            }
        }
        m_idByRank.insert(row.rank, batch.text(r, 0));
        m_nameByRank.insert(row.rank, name);
        rows << row;
    }
    return rows;
}

int PrismaHistory::insert(const HistoryRow &row)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString name = migrationName(row.script);
    // As migrate deploy writes it: the row at the start, then one step and finished_at.
    m_connection.execute(QStringLiteral("INSERT INTO _prisma_migrations (id, checksum, "
                                        "started_at, migration_name) VALUES ($1, $2, now(), $3)"),
                         {id, row.checksum, name});
    const int rank = int(m_idByRank.size()) + 1;
    m_idByRank.insert(rank, id);
    m_nameByRank.insert(rank, name);
    if (row.success) {
        updateProgress(rank, row.statementsDone, true, row.executionMs);
    } else {
        ToolHistoryNotes::Note note;
        note.version = name;
        note.checksum = row.checksum;
        note.success = false;
        note.statementsDone = row.statementsDone;
        note.statementsTotal = row.statementsTotal;
        m_notes.write(note);
    }
    return rank;
}

void PrismaHistory::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    const QString id = m_idByRank.value(rank);
    const QString name = m_nameByRank.value(rank);
    if (success) {
        m_connection.execute(QStringLiteral(
                                 "UPDATE _prisma_migrations SET applied_steps_count "
                                 "= applied_steps_count + 1, finished_at = clock_timestamp() "
                                 "WHERE id = $1"),
                             {id});
    }
    m_notes.recordProgress(name, statementsDone, success, executionMs);
}

void PrismaHistory::updateChecksum(int rank, const QString &checksum)
{
    m_connection.execute(QStringLiteral(
                             "UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2"),
                         {checksum, m_idByRank.value(rank)});
}

void PrismaHistory::remove(int rank)
{
    m_connection.execute(QStringLiteral("UPDATE _prisma_migrations SET rolled_back_at = now() "
                                        "WHERE id = $1"),
                         {m_idByRank.value(rank)});
    m_notes.remove(m_nameByRank.value(rank));
}
