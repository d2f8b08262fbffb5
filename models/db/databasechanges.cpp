#include "databasechanges.h"

#include "logcategories.h"

#include <QCoreApplication>
#include <QStringList>

DatabaseChanges *DatabaseChanges::instance()
{
    // Parented to the application, so it goes with it; created on first use on the GUI thread.
    static DatabaseChanges *changes = new DatabaseChanges(QCoreApplication::instance());
    return changes;
}

void DatabaseChanges::announce(const QString &targetKey, Source source, const QObject *origin)
{
    qCInfo(lcDb) << "changed:" << targetKey << source;
    emit changed(targetKey, source, origin);
}

bool SchemaChangeTracker::finished(const QString &commandTag)
{
    const QString verb = commandTag.section(QLatin1Char(' '), 0, 0).toUpper();
    if (verb == QLatin1String("BEGIN") || commandTag.startsWith(QLatin1String("START TRANSACTION"),
                                                                Qt::CaseInsensitive)) {
        m_inTransaction = true;
        m_changedInTransaction = false;
        return false;
    }
    if (verb == QLatin1String("COMMIT") || verb == QLatin1String("ROLLBACK")) {
        // "ROLLBACK" is also the tag of a COMMIT of a failed transaction.
        const bool visible = verb == QLatin1String("COMMIT") && m_changedInTransaction;
        m_inTransaction = m_changedInTransaction = false;
        return visible;
    }
    static const QStringList schemaVerbs{QStringLiteral("CREATE"), QStringLiteral("ALTER"),
                                         QStringLiteral("DROP"), QStringLiteral("TRUNCATE"),
                                         QStringLiteral("COMMENT"), QStringLiteral("GRANT"),
                                         QStringLiteral("REVOKE"), QStringLiteral("REINDEX"),
                                         QStringLiteral("CLUSTER"), QStringLiteral("SECURITY")};
    if (!schemaVerbs.contains(verb))
        return false;
    if (m_inTransaction) {
        m_changedInTransaction = true;
        return false;
    }
    return true;
}
