#include "liquibasehistory.h"

#include "db/connection.h"
#include "db/dberror.h"
#include "liquibasechangelog.h"
#include "sqlbool.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSysInfo>

namespace {

// Liquibase's StringUtil.limitSize for COMMENTS and DESCRIPTION.
QString limited(const QString &text, int size = 250)
{
    return text.size() > size ? text.left(size - 3) + QStringLiteral("...") : text;
}

// A FILENAME as written by Liquibase run from elsewhere: "classpath:" and leading "./" or "/"
// dropped, backslashes as slashes (DatabaseChangeLog.normalizePath).
QString normalized(QString path)
{
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (path.startsWith(QLatin1String("classpath:")))
        path.remove(0, 10);
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    return path;
}

bool sameFile(const QString &recorded, const QString &ours)
{
    const QString a = normalized(recorded);
    const QString b = normalized(ours);
    return a == b || a.endsWith(QLatin1Char('/') + b) || b.endsWith(QLatin1Char('/') + a);
}

} // namespace

QString LiquibaseHistory::Identity::key() const
{
    return QStringLiteral("%1::%2::%3").arg(fileName, id, author);
}

LiquibaseHistory::LiquibaseHistory(Connection &connection, const QList<Migration> &migrations)
    : m_connection(connection)
    , m_notes(connection, tableName())
    , m_migrations(migrations)
    // One per run, as Liquibase's: the last ten digits of the time in milliseconds.
    , m_deploymentId(QString::number(QDateTime::currentMSecsSinceEpoch()).right(10))
{
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (migration.changeSet)
            m_byVersion.insert(migration.version.normalized(), &migration);
    }
}

QString LiquibaseHistory::lockedBy()
{
    return QStringLiteral("%1 (slipway, pid %2)")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid());
}

QString LiquibaseHistory::checksum(const Migration &migration, const QByteArray &file) const
{
    if (!migration.changeSet)
        return HistoryStore::checksum(migration, file);
    // The file's changesets are split once, not once per changeset.
    auto found = m_bodies.find(migration.upPath);
    if (found == m_bodies.end() || found->first != file) {
        QString text = QString::fromUtf8(file);
        if (text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        found = m_bodies.insert(migration.upPath, {file, LiquibaseChangelog::rawBodies(text)});
    }
    const QString raw = found->second.value(migration.changeSet->firstLine);
    return LiquibaseChangelog::checksum(LiquibaseChangelog::bodyOf(raw, *migration.changeSet));
}

QString LiquibaseHistory::currentChecksum(const Migration &migration) const
{
    QFile file(migration.upPath);
    return file.open(QIODevice::ReadOnly) ? checksum(migration, file.readAll()) : QString();
}

bool LiquibaseHistory::exists()
{
    return sqlTrue(
        m_connection.fetchAll(QStringLiteral("SELECT to_regclass('databasechangelog') IS NOT NULL"))
            .text(0, 0));
}

void LiquibaseHistory::create()
{
    if (m_connection.engine() != Connection::Engine::PostgreSQL)
        throw DbException(DbError::clientError(
            tr("Slipway keeps Liquibase's history table on PostgreSQL only; run with --tool "
               "slipway to record this SQLite file's migrations in Slipway's own table.")));
    // Liquibase's own definitions (CreateDatabaseChangeLogTableGenerator and …LockTable…), the
    // names unquoted and so lower case, in the current schema.
    if (!exists())
        m_connection.execute(QStringLiteral(
            "CREATE TABLE databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT "
            "NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT "
            "NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM "
            "VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), "
            "LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID "
            "VARCHAR(10))"));
    const bool lockTable = sqlTrue(
        m_connection
            .fetchAll(QStringLiteral("SELECT to_regclass('databasechangeloglock') IS NOT NULL"))
            .text(0, 0));
    if (!lockTable) {
        m_connection.execute(QStringLiteral(
            "CREATE TABLE databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, "
            "LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255), CONSTRAINT "
            "PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID))"));
        m_connection.execute(
            QStringLiteral("INSERT INTO databasechangeloglock (ID, LOCKED) VALUES (1, FALSE)"));
    }
    m_notes.create();
}

const Migration *LiquibaseHistory::migrationOf(const QString &version) const
{
    MigrationVersion parsed;
    if (!MigrationVersion::parse(version, &parsed))
        return nullptr;
    return m_byVersion.value(parsed.normalized());
}

const Migration *LiquibaseHistory::match(const Identity &identity) const
{
    for (const Migration &migration : m_migrations) {
        const LiquibaseChangeSet *changeSet = migration.changeSet.get();
        if (changeSet && changeSet->id == identity.id && changeSet->author == identity.author
            && sameFile(identity.fileName, changeSet->filePath))
            return &migration;
    }
    return nullptr;
}

LiquibaseHistory::Identity LiquibaseHistory::identityOf(const Migration &migration) const
{
    const LiquibaseChangeSet &changeSet = *migration.changeSet;
    return {changeSet.id,
            changeSet.author,
            m_recordedFile.value(changeSet.filePath, changeSet.filePath)};
}

int LiquibaseHistory::newRank(const Identity &identity)
{
    // The fields compared as they are: formatting key() for every rank made each call slow.
    for (auto it = m_identityByRank.cbegin(); it != m_identityByRank.cend(); ++it) {
        if (it->id == identity.id && it->author == identity.author
            && it->fileName == identity.fileName)
            return it.key();
    }
    const int rank = int(m_identityByRank.size()) + 1;
    m_identityByRank.insert(rank, identity);
    return rank;
}

QList<HistoryRow> LiquibaseHistory::read()
{
    m_identityByRank.clear();
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    // Liquibase's own order of what ran (StandardChangeLogHistoryService).
    const RowBatch applied = m_connection.fetchAll(
        QStringLiteral("SELECT id, author, filename, dateexecuted::text, orderexecuted, "
                       "exectype, md5sum FROM databasechangelog "
                       "ORDER BY dateexecuted, orderexecuted"));
    // newRank() and match() search linearly, once per row: quadratic in a history of thousands
    // of changesets. Here the ranks handed out and the folder's changesets by id and author are
    // kept in hashes instead, with the same outcome (the first changeset of the folder's order
    // in the same file).
    QHash<QString, int> rankByKey;
    const auto rankOf = [this, &rankByKey](const Identity &identity) {
        const QString key = identity.key();
        if (const auto found = rankByKey.constFind(key); found != rankByKey.cend())
            return *found;
        const int rank = int(m_identityByRank.size()) + 1;
        m_identityByRank.insert(rank, identity);
        rankByKey.insert(key, rank);
        return rank;
    };
    QHash<QPair<QString, QString>, QList<const Migration *>> byIdAuthor;
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (const LiquibaseChangeSet *changeSet = migration.changeSet.get())
            byIdAuthor[{changeSet->id, changeSet->author}] << &migration;
    }
    const auto matchRow = [&byIdAuthor](const Identity &identity) -> const Migration * {
        const auto candidates = byIdAuthor.constFind({identity.id, identity.author});
        if (candidates == byIdAuthor.cend())
            return nullptr;
        for (const Migration *migration : *candidates) {
            if (sameFile(identity.fileName, migration->changeSet->filePath))
                return migration;
        }
        return nullptr;
    };
    QSet<QString> listed;
    QString previous = QStringLiteral("0");
    for (int r = 0; r < applied.rowCount(); ++r) {
        const Identity identity{applied.text(r, 0), applied.text(r, 1), applied.text(r, 2)};
        const QString md5sum = applied.text(r, 6);
        HistoryRow row;
        row.rank = rankOf(identity);
        row.type = QStringLiteral("SQL");
        row.script = identity.fileName;
        row.installedOn = applied.text(r, 3);
        row.success = true;
        const QString execType = applied.text(r, 5);
        if (execType == QLatin1String("MARK_RAN"))
            row.toolState = tr("marked as ran (MARK_RAN), never run");
        if (const Migration *migration = matchRow(identity)) {
            const LiquibaseChangeSet &changeSet = *migration->changeSet;
            m_recordedFile.insert(changeSet.filePath, identity.fileName);
            row.version = previous = migration->version.text();
            row.description = migration->description;
            row.checksum = md5sum;
            const bool valid = changeSet.validCheckSums.contains(md5sum, Qt::CaseInsensitive)
                               || changeSet.validCheckSums.contains(QStringLiteral("ANY"),
                                                                    Qt::CaseInsensitive);
            if (valid) {
                row.checksum = currentChecksum(*migration); // --validCheckSum accepts it
            } else if (!md5sum.isEmpty() && !md5sum.startsWith(QLatin1String("9:"))) {
                // An older Liquibase's checksum: Liquibase itself upgrades it when it matches the
                // old computation, which Slipway does not repeat.
                row.checksum.clear();
                row.toolState = tr("checksum of an older Liquibase (%1…), not compared")
                                    .arg(md5sum.left(2));
            }
            listed.insert(identity.key());
        } else {
            row.version = QStringLiteral("%1.%2").arg(previous, applied.text(r, 4));
            row.description = QStringLiteral("%1::%2").arg(identity.id, identity.author);
            row.checksum = md5sum;
        }
        rows << row;
    }
    // Part-way outside a transaction: Liquibase's row is written only at the end.
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (!migration.changeSet)
            continue;
        const Identity identity = identityOf(migration);
        const auto note = notes.constFind(identity.key());
        if (note == notes.cend() || note->success || listed.contains(identity.key()))
            continue;
        HistoryRow row;
        row.rank = rankOf(identity);
        row.version = migration.version.text();
        row.description = migration.description;
        row.type = QStringLiteral("SQL");
        row.script = identity.fileName;
        row.success = false;
        row.checksum = note->checksum;
        row.executionMs = note->executionMs;
        row.statementsDone = note->statementsDone;
        row.statementsTotal = note->statementsTotal;
        rows << row;
    }
    return rows;
}

void LiquibaseHistory::writeRow(const Identity &identity,
                                const LiquibaseChangeSet &changeSet,
                                const QString &checksum,
                                const QString &execType)
{
    // MarkChangeSetRanGenerator: a changeset that ran before (runOnChange, runAlways) gets its
    // row updated, RERAN; any other an INSERT. ORDEREXECUTED follows the highest so far.
    const QString next = QStringLiteral(
        "(SELECT COALESCE(MAX(orderexecuted), 0) + 1 FROM databasechangelog)");
    const RowBatch updated = m_connection.fetchAll(
        QStringLiteral("UPDATE databasechangelog SET dateexecuted = NOW(), orderexecuted = %1, "
                       "md5sum = $4, exectype = $5, deployment_id = $6, comments = $7, "
                       "contexts = NULLIF($8, ''), labels = NULLIF($9, '') "
                       "WHERE id = $1 AND author = $2 AND filename = $3 RETURNING 1")
            .arg(next),
        {identity.id,
         identity.author,
         identity.fileName,
         checksum,
         execType == QLatin1String("EXECUTED") ? QStringLiteral("RERAN") : execType,
         m_deploymentId,
         limited(changeSet.comment),
         changeSet.contexts,
         changeSet.labels});
    if (updated.rowCount() > 0)
        return;
    m_connection
        .execute(QStringLiteral(
                     "INSERT INTO databasechangelog (id, author, filename, dateexecuted, "
                     "orderexecuted, exectype, md5sum, description, comments, tag, liquibase, "
                     "contexts, labels, deployment_id) VALUES ($1, $2, $3, NOW(), %1, $4, $5, "
                     "'sql', $6, NULL, 'slipway', NULLIF($7, ''), NULLIF($8, ''), $9)")
                     .arg(next),
                 {identity.id,
                  identity.author,
                  identity.fileName,
                  execType,
                  checksum,
                  limited(changeSet.comment),
                  changeSet.contexts,
                  changeSet.labels,
                  m_deploymentId});
}

int LiquibaseHistory::insert(const HistoryRow &row)
{
    const Migration *migration = migrationOf(row.version);
    if (!migration)
        throw DbException(DbError::clientError(
            tr("Liquibase records the changesets of the folder's changelogs; version %1 is not "
               "among them")
                .arg(row.version)));
    const Identity identity = identityOf(*migration);
    m_checksumByKey.insert(identity.key(), row.checksum);
    if (row.success) {
        writeRow(identity,
                 *migration->changeSet,
                 row.checksum,
                 row.type == QLatin1String("MARK_RAN") ? row.type : QStringLiteral("EXECUTED"));
    } else {
        ToolHistoryNotes::Note note;
        note.version = identity.key();
        note.checksum = row.checksum;
        note.success = false;
        note.statementsDone = row.statementsDone;
        note.statementsTotal = row.statementsTotal;
        note.executionMs = row.executionMs;
        m_notes.write(note);
    }
    return newRank(identity);
}

void LiquibaseHistory::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    const Identity identity = m_identityByRank.value(rank);
    m_notes.recordProgress(identity.key(), statementsDone, success, executionMs);
    if (!success)
        return;
    const Migration *migration = match(identity);
    if (!migration)
        return;
    QString checksum = m_checksumByKey.value(identity.key());
    if (checksum.isEmpty())
        checksum = currentChecksum(*migration);
    writeRow(identity, *migration->changeSet, checksum, QStringLiteral("EXECUTED"));
}

void LiquibaseHistory::updateChecksum(int rank, const QString &checksum)
{
    const Identity identity = m_identityByRank.value(rank);
    m_checksumByKey.insert(identity.key(), checksum);
    m_connection.execute(QStringLiteral("UPDATE databasechangelog SET md5sum = $4 WHERE id = $1 "
                                        "AND author = $2 AND filename = $3"),
                         {identity.id, identity.author, identity.fileName, checksum});
    QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    if (const auto note = notes.find(identity.key()); note != notes.end()) {
        note->checksum = checksum;
        m_notes.write(*note);
    }
}

void LiquibaseHistory::remove(int rank)
{
    const Identity identity = m_identityByRank.value(rank);
    m_connection.execute(QStringLiteral("DELETE FROM databasechangelog WHERE id = $1 AND "
                                        "author = $2 AND filename = $3"),
                         {identity.id, identity.author, identity.fileName});
    m_notes.remove(identity.key());
}

bool LiquibaseHistory::takeToolLock(QString *holder)
{
    const bool lockTable = sqlTrue(
        m_connection
            .fetchAll(QStringLiteral("SELECT to_regclass('databasechangeloglock') IS NOT NULL"))
            .text(0, 0));
    if (!lockTable)
        create(); // as Liquibase does before it locks: the tables exist from here on
    // Liquibase's LockService: the row is taken only while it is free.
    const RowBatch taken = m_connection.fetchAll(
        QStringLiteral("UPDATE databasechangeloglock SET locked = TRUE, lockedby = $1, "
                       "lockgranted = NOW() WHERE id = 1 AND locked = FALSE RETURNING 1"),
        {lockedBy()});
    if (taken.rowCount() > 0)
        return true;
    *holder = toolNotice();
    return false;
}

void LiquibaseHistory::releaseToolLock()
{
    m_connection.execute(QStringLiteral("UPDATE databasechangeloglock SET locked = FALSE, "
                                        "lockedby = NULL, lockgranted = NULL "
                                        "WHERE id = 1 AND lockedby = $1"),
                         {lockedBy()});
}

QString LiquibaseHistory::toolNotice()
{
    const bool lockTable = sqlTrue(
        m_connection
            .fetchAll(QStringLiteral("SELECT to_regclass('databasechangeloglock') IS NOT NULL"))
            .text(0, 0));
    if (!lockTable)
        return {};
    const RowBatch lock = m_connection.fetchAll(
        QStringLiteral("SELECT locked, lockedby, date_trunc('second', lockgranted)::text, "
                       "floor(extract(epoch FROM now()::timestamp - lockgranted))::bigint "
                       "FROM databasechangeloglock WHERE id = 1"));
    if (lock.rowCount() == 0 || !sqlTrue(lock.text(0, 0)))
        return {};
    if (lock.text(0, 1) == lockedBy())
        return {}; // this process's own, while it migrates
    return tr("Liquibase's lock is held by %1 since %2 (%n second(s)). If no update is running "
              "there, the process died holding it: `liquibase release-locks` frees it.",
              nullptr,
              int(qMin<qint64>(lock.text(0, 3).toLongLong(), INT_MAX)))
        .arg(lock.text(0, 1).isEmpty() ? tr("an unnamed process") : lock.text(0, 1),
             lock.text(0, 2));
}
