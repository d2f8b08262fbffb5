#include "golangmigratehistory.h"

#include "crc32.h"
#include "db/connection.h"
#include "db/dberror.h"
#include "sqlbool.h"

#include <QCoreApplication>

#include <algorithm>

GolangMigrateHistory::GolangMigrateHistory(Connection &connection,
                                           const QList<Migration> &migrations,
                                           const QString &table)
    : ToolHistoryStore(connection, table, migrations)
{
    for (const Migration &migration : migrations) {
        if (!migration.isRepeatable())
            m_versions << migration.version;
    }
    std::sort(m_versions.begin(), m_versions.end());
}

void GolangMigrateHistory::create()
{
    // Only when missing: IF NOT EXISTS on an existing table still sends the user a notice.
    if (exists()) {
        m_notes.create();
        return;
    }
    // golang-migrate's own definitions (database/postgres, database/sqlite3).
    if (m_postgres) {
        m_connection.execute(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 "
                                            "(version bigint NOT NULL PRIMARY KEY, "
                                            "dirty boolean NOT NULL)")
                                 .arg(m_table));
    } else {
        m_connection.execute(
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (version uint64, dirty bool)")
                .arg(m_table));
        m_connection.execute(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS version_unique "
                                            "ON %1 (version)")
                                 .arg(m_table));
    }
    m_notes.create();
}

QList<HistoryRow> GolangMigrateHistory::read()
{
    forgetRanks();
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const RowBatch current = m_connection.fetchAll(
        QStringLiteral("SELECT version, dirty FROM %1 LIMIT 1").arg(m_table));
    if (current.rowCount() == 0)
        return rows; // no version: nothing applied (golang-migrate's NilVersion)
    MigrationVersion newest;
    if (!MigrationVersion::parse(current.text(0, 0), &newest))
        return rows;
    const bool dirty = sqlTrue(current.text(0, 1));
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    const auto noteOf = [&notes](const QString &version) {
        const auto found = notes.constFind(version);
        return found == notes.cend() ? nullptr : &*found;
    };
    bool newestInFolder = false;
    for (const MigrationVersion &version : std::as_const(m_versions)) {
        if (newest < version)
            break;
        const bool isNewest = version == newest;
        newestInFolder = newestInFolder || isNewest;
        HistoryRow applied = row(version.text(), !(isNewest && dirty), noteOf(version.text()));
        if (isNewest && dirty) {
            applied.toolState = QStringLiteral("dirty");
            // Dirty without notes: the tool itself stopped in it; nothing says how far it got.
            if (!noteOf(version.text()))
                applied.statementsDone = 0;
        }
        rows << applied;
    }
    if (!newestInFolder) {
        HistoryRow missing = row(newest.text(), !dirty, noteOf(newest.text()));
        if (dirty)
            missing.toolState = QStringLiteral("dirty");
        rows << missing;
    }
    return rows;
}

void GolangMigrateHistory::setVersion(const QString &version, bool dirty)
{
    MigrationVersion parsed;
    bool ok = MigrationVersion::parse(version, &parsed);
    const qulonglong number = ok ? parsed.normalized().toULongLong(&ok) : 0;
    if (!ok)
        throw DbException(DbError::clientError(
            QCoreApplication::translate("GolangMigrateHistory",
                                        "golang-migrate keeps whole-number versions; %1 is not one")
                .arg(version)));
    const QString value = QStringLiteral("(%1, %2)")
                              .arg(number)
                              .arg(dirty ? QStringLiteral("true") : QStringLiteral("false"));
    // As the tool does: the table emptied and the one row written, together. One simple query
    // is one implicit transaction on PostgreSQL (or part of the migration's own). DELETE rather
    // than the tool's TRUNCATE, which leaves the same one row: TRUNCATE gives the table new
    // files at every migration, a millisecond or two each (tests/bench/bench_tools).
    if (m_postgres) {
        m_connection.execute(
            QStringLiteral("DELETE FROM %1; INSERT INTO %1 (version, dirty) VALUES %2")
                .arg(m_table, value));
    } else {
        m_connection.execute(QStringLiteral("DELETE FROM %1").arg(m_table));
        m_connection.execute(
            QStringLiteral("INSERT INTO %1 (version, dirty) VALUES %2").arg(m_table, value));
    }
}

void GolangMigrateHistory::clearVersion()
{
    m_connection.execute(
        (m_postgres ? QStringLiteral("TRUNCATE %1") : QStringLiteral("DELETE FROM %1")).arg(m_table));
}

void GolangMigrateHistory::removeApplied(const QString &version)
{
    MigrationVersion parsed;
    MigrationVersion::parse(version, &parsed);
    // Rolled back: the version before it becomes the newest, or none is left.
    const auto at = std::lower_bound(m_versions.cbegin(), m_versions.cend(), parsed);
    if (at == m_versions.cbegin())
        clearVersion();
    else
        setVersion(std::prev(at)->text(), false);
}

// GenerateAdvisoryLockId: CRC-32 of "database\0schema\0table", times 1486364155, kept to 32 bits.
// The CLI passes the URL's path as the database name ("/mydb"), a library caller the database's
// own name ("mydb"): both keys, so neither kind of caller runs beside Slipway.
QList<qint64> GolangMigrateHistory::toolLockKeys()
{
    if (!m_postgres)
        return {};
    const RowBatch names = m_connection.fetchAll(
        QStringLiteral("SELECT current_database(), current_schema()"));
    QList<qint64> keys;
    for (const QString &database : {names.text(0, 0), QLatin1Char('/') + names.text(0, 0)}) {
        const QByteArray input = database.toUtf8() + '\0' + names.text(0, 1).toUtf8() + '\0'
                                 + m_table.toUtf8();
        keys << qint64(quint32(Crc32::of(input) * 1486364155u));
    }
    return keys;
}
