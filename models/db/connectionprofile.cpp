#include "connectionprofile.h"

#include "conninfo.h"
#include "pgconnection.h"
#include "sqliteconnection.h"

#include <QDir>
#include <QFileInfo>

std::unique_ptr<Connection> ConnectionProfile::createConnection(const QString &password) const
{
    if (engine == Connection::Engine::SQLite)
        return std::make_unique<SqliteConnection>(conninfo);
    return std::make_unique<PgConnection>(ConnInfo::withPassword(conninfo, password));
}

QString ConnectionProfile::displayTarget() const
{
    if (engine == Connection::Engine::SQLite)
        return QFileInfo(conninfo).fileName();
    ConnInfo info;
    QString error;
    if (!ConnInfo::parse(conninfo, &info, &error))
        return name;
    return info.displayName();
}

QString ConnectionProfile::targetKey(Connection::Engine engine, const QString &conninfo)
{
    if (engine == Connection::Engine::SQLite)
        return QStringLiteral("sqlite:")
               + QDir::toNativeSeparators(QFileInfo(conninfo).absoluteFilePath());
    ConnInfo info;
    QString error;
    return ConnInfo::parse(conninfo, &info, &error) ? info.displayName()
                                                    : QStringLiteral("(unreadable conninfo)");
}

QString ConnectionProfile::engineName(Connection::Engine engine)
{
    return engine == Connection::Engine::SQLite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}
