#pragma once

#include "connection.h"

#include <QColor>
#include <QString>

#include <memory>

// A saved way to reach a database. Never holds a password: PostgreSQL passwords come from
// .pgpass, PGPASSWORD or a prompt at connect time and live only in memory.
struct ConnectionProfile
{
    QString name;
    Connection::Engine engine = Connection::Engine::PostgreSQL;
    QString conninfo;   // PostgreSQL: libpq keyword/value or URI, password stripped; SQLite: file path
    QColor colour;      // invalid = no colour
    bool production = false;

    bool isValid() const { return !name.trimmed().isEmpty() && !conninfo.trimmed().isEmpty(); }
    // The engine's connection, ready to open(). `password` (may be empty) is added in memory only.
    std::unique_ptr<Connection> createConnection(const QString &password = {}) const;
    // "user@host:port/db" or the SQLite file name, for the status bar and window title.
    QString displayTarget() const;
    // The database a profile or conninfo reaches, told apart by what identifies it and nothing
    // else: "user@host:port/db" (libpq's defaults filled in, never a password) or
    // "sqlite:/absolute/path". For the audit trail and for matching change notifications.
    QString targetKey() const { return targetKey(engine, conninfo); }
    static QString targetKey(Connection::Engine engine, const QString &conninfo);

    static QString engineName(Connection::Engine engine);
};
