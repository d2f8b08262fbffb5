#include "auditlog.h"

#include "userdatadirectory.h"

#include "migrationview/migrationlistmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QPair>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace {

// A Qt Sql connection that lives for one call and is removed after it.
class AuditDatabase
{
public:
    explicit AuditDatabase(const QString &path)
        : m_name(QStringLiteral("slipway-audit-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        database.setDatabaseName(path);
        if (!database.open()) {
            m_error = database.lastError().text();
            return;
        }
        QSqlQuery query(database);
        if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS deploys ("
                                       "id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT, finished TEXT, user TEXT, "
                                       "connection TEXT, folder TEXT, checklist TEXT, outcome TEXT, migrations TEXT, report TEXT)"))) {
            m_error = query.lastError().text();
            return;
        }
        addMissingColumns(query);
    }
    ~AuditDatabase()
    {
        {
            QSqlDatabase database = QSqlDatabase::database(m_name, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }
    QString error() const { return m_error; }

private:
    // The columns entries gained after the first release; old rows were all deploys.
    void addMissingColumns(QSqlQuery &query)
    {
        QStringList columns;
        if (!query.exec(QStringLiteral("PRAGMA table_info(deploys)"))) {
            m_error = query.lastError().text();
            return;
        }
        while (query.next())
            columns << query.value(1).toString();
        const QList<QPair<QString, QString>> added{
            {QStringLiteral("action"), QStringLiteral("TEXT DEFAULT 'deploy'")},
            {QStringLiteral("origin"), QStringLiteral("TEXT")},
            {QStringLiteral("message"), QStringLiteral("TEXT")}};
        for (const auto &column : added) {
            if (columns.contains(column.first))
                continue;
            if (!query.exec(QStringLiteral("ALTER TABLE deploys ADD COLUMN %1 %2")
                                .arg(column.first, column.second))) {
                m_error = query.lastError().text();
                return;
            }
        }
    }

    QString m_name;
    QString m_error;
};

AuditEntry entryFrom(const QSqlQuery &query, bool withReport)
{
    AuditEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.started = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    entry.finished = QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs);
    entry.user = query.value(3).toString();
    entry.connection = query.value(4).toString();
    entry.folder = query.value(5).toString();
    entry.checklist = query.value(6).toString();
    entry.outcome = query.value(7).toString();
    entry.migrations = query.value(8).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (withReport)
        entry.report = query.value(9).toString();
    entry.action = query.value(10).toString();
    entry.origin = query.value(11).toString();
    entry.message = query.value(12).toString();
    return entry;
}

const char Columns[] = "id, started, finished, user, connection, folder, checklist, outcome, "
                       "migrations, %1, action, origin, message";

} // namespace

QString AuditEntry::durationText() const
{
    const qint64 ms = durationMs();
    return ms < 0 ? QString() : MigrationListModel::formatDuration(ms);
}

AuditLog::AuditLog(QString path)
    : m_path(std::move(path))
{}

QString AuditLog::defaultPath()
{
    const QString overridden = qEnvironmentVariable("SLIPWAY_AUDIT_DB");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(UserDataDirectory::path()).filePath(QStringLiteral("audit.sqlite"));
}

qint64 AuditLog::record(const AuditEntry &entry, QString *error)
{
    AuditDatabase audit(m_path);
    if (!audit.error().isEmpty()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(m_path), audit.error());
        return 0;
    }
    QSqlQuery query(audit.database());
    query.prepare(entry.id > 0 ? QStringLiteral("UPDATE deploys SET started = ?, finished = ?, user = ?, connection = ?, folder = ?, "
                                                "checklist = ?, outcome = ?, migrations = ?, report = ?, action = ?, origin = ?, "
                                                "message = ? WHERE id = ?")
                               : QStringLiteral("INSERT INTO deploys (started, finished, user, connection, folder, checklist, outcome, "
                                                "migrations, report, action, origin, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.started.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(entry.finished.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(entry.user);
    query.addBindValue(entry.connection);
    query.addBindValue(entry.folder);
    query.addBindValue(entry.checklist);
    query.addBindValue(entry.outcome);
    query.addBindValue(entry.migrations.join(QLatin1Char('\n')));
    query.addBindValue(entry.report);
    query.addBindValue(entry.action);
    query.addBindValue(entry.origin);
    query.addBindValue(entry.message);
    if (entry.id > 0)
        query.addBindValue(entry.id);
    if (!query.exec()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(m_path), query.lastError().text());
        return 0;
    }
    if (entry.id > 0 && query.numRowsAffected() != 1) {
        *error = tr("no deploy %1 in the audit log").arg(entry.id);
        return 0;
    }
    return entry.id > 0 ? entry.id : query.lastInsertId().toLongLong();
}

QList<AuditEntry> AuditLog::entries(QString *error, bool withReports, const AuditFilter &filter) const
{
    QList<AuditEntry> result;
    AuditDatabase audit(m_path);
    if (!audit.error().isEmpty()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(m_path), audit.error());
        return result;
    }
    QStringList where;
    if (!filter.connection.isEmpty())
        where << QStringLiteral("instr(connection, :connection) > 0");
    if (!filter.action.isEmpty())
        where << QStringLiteral("action = :action");
    if (filter.since.isValid())
        where << QStringLiteral("started >= :since");
    QSqlQuery query(audit.database());
    query.prepare(QStringLiteral("SELECT %1 FROM deploys %2 ORDER BY id DESC")
                      .arg(QString::fromLatin1(Columns)
                               .arg(withReports ? QStringLiteral("report") : QStringLiteral("NULL")),
                           where.isEmpty() ? QString()
                                           : QStringLiteral("WHERE ")
                                                 + where.join(QStringLiteral(" AND "))));
    if (!filter.connection.isEmpty())
        query.bindValue(QStringLiteral(":connection"), filter.connection);
    if (!filter.action.isEmpty())
        query.bindValue(QStringLiteral(":action"), filter.action);
    // Times are stored as UTC ISO text, which sorts as time.
    if (filter.since.isValid())
        query.bindValue(QStringLiteral(":since"), filter.since.toUTC().toString(Qt::ISODateWithMs));
    if (!query.exec()) {
        *error = query.lastError().text();
        return result;
    }
    while (query.next())
        result << entryFrom(query, withReports);
    return result;
}

AuditEntry AuditLog::entry(qint64 id, QString *error) const
{
    AuditDatabase audit(m_path);
    if (!audit.error().isEmpty()) {
        *error = audit.error();
        return {};
    }
    QSqlQuery query(audit.database());
    query.prepare(QStringLiteral("SELECT %1 FROM deploys WHERE id = ?")
                      .arg(QString::fromLatin1(Columns).arg(QStringLiteral("report"))));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        *error = tr("no deploy %1 in the audit log").arg(id);
        return {};
    }
    return entryFrom(query, true);
}
