#include "schemahistory.h"

#include "db/connection.h"
#include "sqlbool.h"

namespace {

const char PostgresTable[] = "slipway.schema_history";
const char SqliteTable[] = "slipway_schema_history";

// Flyway's checksum is a CRC32, ours a SHA-256: an adopted row keeps Flyway's number behind
// this prefix, so status shows it as a mismatch until `repair` accepts the files as they are.
const char FlywayChecksumPrefix[] = "flyway-crc32:";

} // namespace

SchemaHistory::SchemaHistory(Connection &connection)
    : m_connection(connection)
    , m_postgres(connection.engine() == Connection::Engine::PostgreSQL)
{}

QString SchemaHistory::tableName() const
{
    return QLatin1String(m_postgres ? PostgresTable : SqliteTable);
}

bool SchemaHistory::exists()
{
    const QString sql = m_postgres
                            ? QStringLiteral("SELECT to_regclass('slipway.schema_history') IS NOT NULL")
                            : QStringLiteral("SELECT count(*) > 0 FROM sqlite_master "
                                             "WHERE type = 'table' AND name = 'slipway_schema_history'");
    const RowBatch rows = m_connection.fetchAll(sql);
    const QString value = rows.text(0, 0);
    return sqlTrue(value);
}

void SchemaHistory::create()
{
    if (m_postgres) {
        m_connection.execute(QStringLiteral(
            "CREATE SCHEMA IF NOT EXISTS slipway;\n"
            "CREATE TABLE IF NOT EXISTS slipway.schema_history (\n"
            "    installed_rank integer PRIMARY KEY,\n"
            "    version text,\n"
            "    description text NOT NULL,\n"
            "    type text NOT NULL,\n"
            "    script text NOT NULL,\n"
            "    checksum text,\n"
            "    installed_by text NOT NULL DEFAULT current_user,\n"
            "    installed_on timestamptz NOT NULL DEFAULT now(),\n"
            "    execution_ms bigint NOT NULL DEFAULT 0,\n"
            "    success boolean NOT NULL,\n"
            "    statements_done integer,\n"
            "    statements_total integer\n"
            ")"));
        return;
    }
    m_connection.execute(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS slipway_schema_history (\n"
        "    installed_rank integer PRIMARY KEY,\n"
        "    version text,\n"
        "    description text NOT NULL,\n"
        "    type text NOT NULL,\n"
        "    script text NOT NULL,\n"
        "    checksum text,\n"
        "    installed_by text NOT NULL,\n"
        "    installed_on text NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),\n"
        "    execution_ms integer NOT NULL DEFAULT 0,\n"
        "    success integer NOT NULL,\n"
        "    statements_done integer,\n"
        "    statements_total integer\n"
        ")"));
}

QList<HistoryRow> SchemaHistory::read()
{
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const RowBatch batch = m_connection.fetchAll(
        QStringLiteral("SELECT installed_rank, version, description, type, script, checksum, "
                       "installed_by, installed_on, execution_ms, success, statements_done, "
                       "statements_total FROM %1 ORDER BY installed_rank")
            .arg(tableName()));
    for (int r = 0; r < batch.rowCount(); ++r) {
        HistoryRow row;
        row.rank = batch.text(r, 0).toInt();
        row.version = batch.text(r, 1);
        row.description = batch.text(r, 2);
        row.type = batch.text(r, 3);
        row.script = batch.text(r, 4);
        row.checksum = batch.text(r, 5);
        row.installedBy = batch.text(r, 6);
        row.installedOn = batch.text(r, 7);
        row.executionMs = batch.text(r, 8).toLongLong();
        const QString success = batch.text(r, 9);
        row.success = sqlTrue(success);
        row.statementsDone = batch.isNull(r, 10) ? -1 : batch.text(r, 10).toInt();
        row.statementsTotal = batch.isNull(r, 11) ? -1 : batch.text(r, 11).toInt();
        rows << row;
    }
    return rows;
}

// Every value is a bound parameter: file names and descriptions are the user's text ("50%1 off",
// "o'brien"), and only the table name and current_user are ever part of the SQL.
int SchemaHistory::insert(const HistoryRow &row)
{
    auto count = [](int value) { return value < 0 ? QVariant() : QVariant(value); };
    QVariantList params{row.version.isEmpty() ? QVariant() : QVariant(row.version),
                        row.description,
                        row.type,
                        row.script,
                        row.checksum.isEmpty() ? QVariant() : QVariant(row.checksum),
                        row.executionMs,
                        row.success,
                        count(row.statementsDone),
                        count(row.statementsTotal)};
    // PostgreSQL records the role that ran the migration; a SQLite file has no roles.
    QString installedBy = QStringLiteral("current_user");
    if (!m_postgres) {
        params << qEnvironmentVariable("USER", QStringLiteral("slipway"));
        installedBy = QStringLiteral("$10");
    }
    // The rank is computed in the statement: the runner lock (or SQLite's write lock) keeps a
    // second writer out between reading the maximum and inserting.
    const QString sql = QStringLiteral(
                            "INSERT INTO %1 (installed_rank, version, description, type, script, "
                            "checksum, execution_ms, success, statements_done, statements_total, "
                            "installed_by) "
                            "VALUES ((SELECT coalesce(max(installed_rank), 0) + 1 FROM %1), "
                            "$1, $2, $3, $4, $5, $6, $7, $8, $9, %2) "
                            "RETURNING installed_rank")
                            .arg(tableName(), installedBy);
    return m_connection.fetchAll(sql, params).text(0, 0).toInt();
}

void SchemaHistory::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    m_connection.execute(QStringLiteral("UPDATE %1 SET statements_done = $1, success = $2, "
                                        "execution_ms = $3 WHERE installed_rank = $4")
                             .arg(tableName()),
                         {statementsDone, success, executionMs, rank});
}

void SchemaHistory::updateChecksum(int rank, const QString &checksum)
{
    m_connection.execute(QStringLiteral("UPDATE %1 SET checksum = $1 WHERE installed_rank = $2")
                             .arg(tableName()),
                         {checksum, rank});
}

void SchemaHistory::remove(int rank)
{
    m_connection.execute(QStringLiteral("DELETE FROM %1 WHERE installed_rank = $1").arg(tableName()),
                         {rank});
}

int SchemaHistory::adoptFlyway()
{
    if (!m_postgres)
        return 0;
    const RowBatch found = m_connection.fetchAll(
        QStringLiteral("SELECT to_regclass('flyway_schema_history') IS NOT NULL"));
    if (found.text(0, 0) != QLatin1String("t"))
        return 0;
    create();
    const RowBatch copied = m_connection.fetchAll(QStringLiteral(
        "WITH copied AS (\n"
        "  INSERT INTO slipway.schema_history (installed_rank, version, description, type, script,\n"
        "      checksum, installed_by, installed_on, execution_ms, success)\n"
        "  SELECT f.installed_rank, f.version, f.description,\n"
        "         CASE WHEN f.type IN ('BASELINE', 'SQL_BASELINE') THEN 'BASELINE' ELSE 'SQL' END,\n"
        "         f.script, CASE WHEN f.checksum IS NULL THEN NULL ELSE '%1' || f.checksum END,\n"
        "         f.installed_by, f.installed_on, f.execution_time, f.success\n"
        "  FROM flyway_schema_history f\n"
        "  WHERE f.type NOT IN ('SCHEMA', 'DELETE', 'UNDO_SQL')\n"
        "    AND NOT EXISTS (SELECT 1 FROM slipway.schema_history s\n"
        "                    WHERE s.installed_rank = f.installed_rank)\n"
        "  RETURNING 1)\n"
        "SELECT count(*) FROM copied")
                                                          .arg(QLatin1String(FlywayChecksumPrefix)));
    return copied.text(0, 0).toInt();
}
