#include "profilestore.h"

#include "conninfo.h"

#include <QCoreApplication>
#include <QSettings>

namespace {
const QString Group = QStringLiteral("profiles");

QString storableConninfo(const ConnectionProfile &profile)
{
    if (profile.engine == Connection::Engine::SQLite)
        return profile.conninfo;
    ConnInfo info;
    QString error;
    if (!ConnInfo::parse(profile.conninfo, &info, &error))
        return {};
    return info.toStringWithoutPassword();
}
} // namespace

ProfileStore::ProfileStore(QSettings &settings)
    : m_settings(settings)
{}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> result;
    const int count = m_settings.beginReadArray(Group);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = m_settings.value(QStringLiteral("name")).toString();
        profile.engine = m_settings.value(QStringLiteral("engine")).toString() == QLatin1String("sqlite")
                             ? Connection::Engine::SQLite
                             : Connection::Engine::PostgreSQL;
        profile.conninfo = m_settings.value(QStringLiteral("conninfo")).toString();
        profile.colour = QColor(m_settings.value(QStringLiteral("colour")).toString());
        profile.production = m_settings.value(QStringLiteral("production")).toBool();
        if (profile.isValid())
            result.append(profile);
    }
    m_settings.endArray();
    return result;
}

ConnectionProfile ProfileStore::profile(const QString &name) const
{
    const QList<ConnectionProfile> all = profiles();
    for (const ConnectionProfile &profile : all) {
        if (profile.name == name)
            return profile;
    }
    return {};
}

bool ProfileStore::save(const ConnectionProfile &profile, QString *error)
{
    if (!profile.isValid()) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "A profile needs a name and a connection.");
        return false;
    }
    ConnectionProfile stored = profile;
    stored.conninfo = storableConninfo(profile);
    if (stored.conninfo.isEmpty()) {
        QString parseError;
        ConnInfo::parse(profile.conninfo, nullptr, &parseError);
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Invalid connection string: %1").arg(parseError);
        return false;
    }
    QList<ConnectionProfile> all = profiles();
    bool replaced = false;
    for (ConnectionProfile &existing : all) {
        if (existing.name == stored.name) {
            existing = stored;
            replaced = true;
        }
    }
    if (!replaced)
        all.append(stored);
    m_settings.remove(Group);
    m_settings.beginWriteArray(Group, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        const ConnectionProfile &p = all.at(i);
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("name"), p.name);
        m_settings.setValue(QStringLiteral("engine"),
                            p.engine == Connection::Engine::SQLite ? QStringLiteral("sqlite")
                                                                   : QStringLiteral("postgresql"));
        m_settings.setValue(QStringLiteral("conninfo"), p.conninfo);
        m_settings.setValue(QStringLiteral("colour"), p.colour.isValid() ? p.colour.name() : QString());
        m_settings.setValue(QStringLiteral("production"), p.production);
    }
    m_settings.endArray();
    m_settings.sync();
    return true;
}

void ProfileStore::remove(const QString &name)
{
    QList<ConnectionProfile> all = profiles();
    all.removeIf([&name](const ConnectionProfile &p) { return p.name == name; });
    m_settings.remove(Group);
    for (const ConnectionProfile &p : std::as_const(all))
        save(p);
    if (all.isEmpty())
        m_settings.sync();
}
