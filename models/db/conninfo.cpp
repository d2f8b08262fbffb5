#include "conninfo.h"

#include <QCoreApplication>

#include <libpq-fe.h>

namespace {
// libpq keyword/value quoting: values with spaces, quotes or backslashes go in single quotes
// with ' and \ escaped; empty values must be quoted too.
QString quoteValue(const QString &value)
{
    bool plain = !value.isEmpty();
    for (QChar c : value) {
        if (c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('\\') || c == QLatin1Char('=')) {
            plain = false;
            break;
        }
    }
    if (plain)
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}
} // namespace

bool ConnInfo::parse(const QString &text, ConnInfo *result, QString *error)
{
    char *message = nullptr;
    const QByteArray utf8 = text.trimmed().toUtf8();
    PQconninfoOption *options = PQconninfoParse(utf8.constData(), &message);
    if (!options) {
        if (error) {
            *error = message ? QString::fromUtf8(message).trimmed()
                             : QCoreApplication::translate("ConnInfo", "out of memory");
        }
        PQfreemem(message);
        return false;
    }
    ConnInfo parsed;
    for (PQconninfoOption *option = options; option->keyword; ++option) {
        if (option->val)
            parsed.m_entries.append({QString::fromUtf8(option->keyword), QString::fromUtf8(option->val)});
    }
    PQconninfoFree(options);
    if (result)
        *result = parsed;
    return true;
}

QString ConnInfo::withPassword(const QString &conninfo, const QString &password)
{
    ConnInfo parsed;
    QString error;
    if (password.isEmpty() || !parse(conninfo, &parsed, &error))
        return conninfo;
    parsed.set(QStringLiteral("password"), password);
    return parsed.toString();
}

bool ConnInfo::contains(const QString &key) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == key)
            return true;
    }
    return false;
}

QString ConnInfo::value(const QString &key) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == key)
            return entry.second;
    }
    return {};
}

void ConnInfo::set(const QString &key, const QString &value)
{
    for (auto &entry : m_entries) {
        if (entry.first == key) {
            entry.second = value;
            return;
        }
    }
    m_entries.append({key, value});
}

void ConnInfo::remove(const QString &key)
{
    m_entries.removeIf([&key](const QPair<QString, QString> &entry) { return entry.first == key; });
}

QString ConnInfo::toString() const
{
    QStringList parts;
    for (const auto &entry : m_entries)
        parts << entry.first + QLatin1Char('=') + quoteValue(entry.second);
    return parts.join(QLatin1Char(' '));
}

QString ConnInfo::toStringWithoutPassword() const
{
    ConnInfo copy = *this;
    copy.remove(QStringLiteral("password"));
    return copy.toString();
}

ConnInfo ConnInfo::withApplicationDefaults() const
{
    ConnInfo copy = *this;
    if (!copy.contains(QStringLiteral("application_name")))
        copy.set(QStringLiteral("application_name"), QStringLiteral("slipway"));
    // A dead host must not hold a worker (and a closing window waiting for it) for minutes.
    if (!copy.contains(QStringLiteral("connect_timeout")) && qEnvironmentVariableIsEmpty("PGCONNECT_TIMEOUT"))
        copy.set(QStringLiteral("connect_timeout"), QStringLiteral("10"));
    return copy;
}

QString ConnInfo::valueOrEnvironment(const char *key, const char *environment, const QString &fallback) const
{
    const QString given = value(QString::fromLatin1(key));
    if (!given.isEmpty())
        return given;
    const QString fromEnvironment = qEnvironmentVariable(environment);
    return fromEnvironment.isEmpty() ? fallback : fromEnvironment;
}

QString ConnInfo::databaseName() const
{
    return valueOrEnvironment("dbname", "PGDATABASE", valueOrEnvironment("user", "PGUSER", qEnvironmentVariable("USER")));
}

QString ConnInfo::displayName() const
{
    // Missing parts fall back to what libpq would use, so the label matches the real target.
    const QString service = value(QStringLiteral("service"));
    const QString user = valueOrEnvironment("user", "PGUSER", qEnvironmentVariable("USER"));
    QString host = valueOrEnvironment("host", "PGHOST", QStringLiteral("localhost"));
    if (host.startsWith(QLatin1Char('/')))
        host = QStringLiteral("[%1]").arg(host);
    const QString port = valueOrEnvironment("port", "PGPORT", QStringLiteral("5432"));
    const QString database = databaseName();
    QString name = QStringLiteral("%1@%2:%3/%4").arg(user, host, port, database);
    if (!service.isEmpty() && value(QStringLiteral("host")).isEmpty())
        name = QStringLiteral("service=%1").arg(service);
    return name;
}
