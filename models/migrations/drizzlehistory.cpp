#include "drizzlehistory.h"

#include "db/connection.h"
#include "db/dberror.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSet>

#include <algorithm>

namespace {

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString idList(const QList<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << QString::number(id);
    return out.join(QLatin1Char(','));
}

} // namespace

QString DrizzleHistory::hash(const QByteArray &file)
{
    // readFileSync(path).toString() then sha256.update(text): for the UTF-8 Slipway runs (SqlFile
    // refuses anything else) that is the file's bytes, a leading BOM included.
    return sha256(file);
}

DrizzleHistory::DrizzleHistory(Connection &connection, const QList<Migration> &migrations)
    : ToolHistoryStore(connection, QStringLiteral("drizzle.__drizzle_migrations"), migrations)
{
    for (const Migration &migration : migrations) {
        if (!migration.isRepeatable())
            m_byTime << migration;
    }
    std::stable_sort(m_byTime.begin(), m_byTime.end(), [](const Migration &a, const Migration &b) {
        return a.createdAtMs < b.createdAtMs;
    });
}

void DrizzleHistory::create()
{
    if (!m_postgres)
        throw DbException(DbError::clientError(
            tr("Slipway keeps Drizzle's history table on PostgreSQL only; run with --tool slipway "
               "to record this SQLite file's migrations in Slipway's own table.")));
    // Only when missing: IF NOT EXISTS on an existing table still sends the user a notice.
    if (!exists()) {
        // The migrator's own statements (drizzle-orm pg-core/dialect.ts).
        const QString schema = m_connection
                                   .fetchAll(QStringLiteral(
                                       "SELECT to_regnamespace('drizzle') IS NOT NULL"))
                                   .text(0, 0);
        if (schema != QLatin1String("t"))
            m_connection.execute(QStringLiteral("CREATE SCHEMA IF NOT EXISTS \"drizzle\""));
        m_connection.execute(
            QStringLiteral("CREATE TABLE IF NOT EXISTS \"drizzle\".\"__drizzle_migrations\" (\n"
                           "    id SERIAL PRIMARY KEY,\n"
                           "    hash text NOT NULL,\n"
                           "    created_at bigint\n"
                           ")"));
    }
    m_notes.create();
}

const DrizzleHistory::FileHashes &DrizzleHistory::fileHashes(const Migration &migration)
{
    auto found = m_hashesByPath.find(migration.upPath);
    if (found == m_hashesByPath.end()) {
        FileHashes hashes;
        QFile file(migration.upPath);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray bytes = file.readAll();
            hashes.asIs = hash(bytes);
            // Without a CRLF the two are the same text: one SHA-256 per file, not two.
            hashes.lf = bytes.contains("\r\n") ? sha256(bytes.replace("\r\n", "\n")) : hashes.asIs;
        }
        found = m_hashesByPath.insert(migration.upPath, hashes);
    }
    return *found;
}

bool DrizzleHistory::hasHash(const Migration &migration, const QString &hash)
{
    const FileHashes &hashes = fileHashes(migration);
    return !hash.isEmpty() && (hash == hashes.asIs || hash == hashes.lf);
}

const Migration *DrizzleHistory::migrationOf(const QString &version) const
{
    MigrationVersion parsed;
    if (!MigrationVersion::parse(version, &parsed))
        return nullptr;
    const auto found = m_byVersion.constFind(parsed.normalized());
    return found == m_byVersion.cend() ? nullptr : &*found;
}

const Migration *DrizzleHistory::match(const QString &hash, const QString &createdAt)
{
    bool ok = false;
    const qint64 when = createdAt.toLongLong(&ok);
    const Migration *byTime = nullptr;
    if (ok) {
        for (const Migration &migration : std::as_const(m_byTime)) {
            if (migration.createdAtMs != when)
                continue;
            if (hasHash(migration, hash))
                return &migration;
            if (!byTime)
                byTime = &migration;
        }
    }
    if (byTime)
        return byTime; // the file changed since: status compares the hashes
    for (const Migration &migration : std::as_const(m_byTime)) {
        if (hasHash(migration, hash))
            return &migration; // its "when" was changed in the journal since
    }
    return nullptr;
}

QString DrizzleHistory::madeUpVersion(const QString &createdAt, qint64 id) const
{
    bool ok = false;
    const qint64 when = createdAt.toLongLong(&ok);
    QString before = QStringLiteral("0");
    for (const Migration &migration : m_byTime) {
        if (ok && migration.createdAtMs < when)
            before = migration.version.text();
    }
    return QStringLiteral("%1.%2").arg(before).arg(id);
}

QList<HistoryRow> DrizzleHistory::read()
{
    forgetRanks();
    m_versionByRank.clear();
    m_idsByVersion.clear();
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    const auto noteOf = [&notes](const QString &version) {
        const auto found = notes.constFind(version);
        return found == notes.cend() ? nullptr : &*found;
    };
    const RowBatch applied = m_connection.fetchAll(
        QStringLiteral("SELECT id, hash, created_at FROM %1 ORDER BY id").arg(m_table));
    QSet<QString> listed;
    for (int r = 0; r < applied.rowCount(); ++r) {
        const qint64 id = applied.text(r, 0).toLongLong();
        const QString hash = applied.text(r, 1);
        const QString createdAt = applied.text(r, 2);
        HistoryRow entry;
        if (const Migration *migration = match(hash, createdAt)) {
            const QString version = migration->version.text();
            m_idsByVersion[version] << id;
            if (listed.contains(version))
                continue; // the same migration recorded twice: one entry, both rows removed
            listed.insert(version);
            entry = row(version, true, noteOf(version));
            // Drizzle's own record of the file, whatever Slipway's notes say.
            entry.checksum = hasHash(*migration, hash) ? fileHashes(*migration).asIs : hash;
        } else {
            const QString version = madeUpVersion(createdAt, id);
            m_idsByVersion[version] << id;
            entry = row(version, true, nullptr);
            entry.checksum = hash;
            entry.description = tr("created_at %1, hash %2")
                                    .arg(createdAt.isNull() ? QStringLiteral("null") : createdAt,
                                         hash.left(12));
            entry.script = tr("not in meta/_journal.json");
        }
        // Drizzle's migrator takes `ORDER BY created_at DESC LIMIT 1` as the newest: a null sorts
        // first there, and every migration of the folder would run again.
        if (createdAt.isNull())
            entry.toolState = tr("created_at is null: Drizzle's migrator would run every "
                                 "migration again");
        m_versionByRank.insert(entry.rank, entry.version);
        rows << entry;
    }
    // Part-way outside a transaction: the row is written only at the end.
    for (const ToolHistoryNotes::Note &note : notes) {
        if (!note.success && !listed.contains(note.version) && migrationOf(note.version)) {
            const HistoryRow partWay = row(note.version, false, &note);
            m_versionByRank.insert(partWay.rank, partWay.version);
            rows << partWay;
        }
    }
    return rows;
}

int DrizzleHistory::insert(const HistoryRow &row)
{
    if (!row.checksum.isEmpty())
        m_hashByVersion.insert(row.version, row.checksum);
    const int rank = ToolHistoryStore::insert(row);
    m_versionByRank.insert(rank, row.version);
    return rank;
}

void DrizzleHistory::updateChecksum(int rank, const QString &checksum)
{
    ToolHistoryStore::updateChecksum(rank, checksum);
    const QString version = m_versionByRank.value(rank);
    m_hashByVersion.insert(version, checksum);
    // Drizzle's table keeps the hash too: accepting a file's new text writes it there.
    const QList<qint64> ids = m_idsByVersion.value(version);
    if (!ids.isEmpty())
        m_connection.execute(QStringLiteral("UPDATE %1 SET hash = $1 WHERE id IN (%2)")
                                 .arg(m_table, idList(ids)),
                             {checksum});
}

void DrizzleHistory::writeApplied(const QString &version)
{
    const Migration *migration = migrationOf(version);
    if (!migration)
        throw DbException(DbError::clientError(
            tr("Drizzle records the migrations its journal lists; version %1 is not among them")
                .arg(version)));
    QString hash = m_hashByVersion.value(version);
    if (hash.isEmpty())
        hash = fileHashes(*migration).asIs;
    // As the migrator writes it; once, however often Slipway reports the migration finished.
    const RowBatch inserted
        = m_connection.fetchAll(QStringLiteral(
                                    "INSERT INTO %1 (hash, created_at) SELECT $1::text, $2::bigint "
                                    "WHERE NOT EXISTS (SELECT 1 FROM %1 WHERE hash = $1::text "
                                    "AND created_at = $2::bigint) RETURNING id")
                                    .arg(m_table),
                                {hash, migration->createdAtMs});
    if (inserted.rowCount() > 0)
        m_idsByVersion[version] << inserted.text(0, 0).toLongLong();
}

void DrizzleHistory::removeApplied(const QString &version)
{
    const QList<qint64> ids = m_idsByVersion.take(version);
    if (!ids.isEmpty()) {
        m_connection.execute(
            QStringLiteral("DELETE FROM %1 WHERE id IN (%2)").arg(m_table, idList(ids)));
        return;
    }
    // Not seen in this store's reads or writes: the rows of the file's "when" and hash.
    const Migration *migration = migrationOf(version);
    if (!migration)
        return;
    const FileHashes &hashes = fileHashes(*migration);
    m_connection.execute(QStringLiteral("DELETE FROM %1 WHERE created_at = $1 "
                                        "AND hash IN ($2, $3)")
                             .arg(m_table),
                         {migration->createdAtMs, hashes.asIs, hashes.lf});
}
