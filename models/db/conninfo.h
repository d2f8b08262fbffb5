#pragma once

#include <QList>
#include <QPair>
#include <QString>

// A libpq connection string, parsed by libpq itself (PQconninfoParse) so keyword/value strings and
// postgresql:// URIs behave exactly as in psql. Keys left out stay to libpq's environment
// defaults (PGHOST, PGPORT, PGUSER, PGDATABASE, PGSERVICE, .pgpass, pg_service.conf).
class ConnInfo
{
public:
    ConnInfo() = default;
    // Empty text is valid (all defaults). Returns false and sets *error on malformed input.
    static bool parse(const QString &text, ConnInfo *result, QString *error);
    // `conninfo` with `password` set (for memory only); unchanged when the password is empty or
    // the text does not parse (connecting then reports the real error).
    static QString withPassword(const QString &conninfo, const QString &password);

    bool contains(const QString &key) const;
    QString value(const QString &key) const;
    void set(const QString &key, const QString &value);
    void remove(const QString &key);
    QList<QPair<QString, QString>> entries() const { return m_entries; }

    // Keyword/value form, values quoted where libpq needs it.
    QString toString() const;
    // Same, with any password removed: what may be stored or logged.
    QString toStringWithoutPassword() const;
    // application_name=slipway and connect_timeout=10 unless the user (or PGCONNECT_TIMEOUT) gave them.
    ConnInfo withApplicationDefaults() const;
    // "user@host:port/db" with libpq's defaults for what is missing; never shows the password.
    QString displayName() const;
    // The database libpq connects to: dbname, else PGDATABASE, else the user name.
    QString databaseName() const;

private:
    QString valueOrEnvironment(const char *key, const char *environment, const QString &fallback) const;

    QList<QPair<QString, QString>> m_entries; // in the order given
};
