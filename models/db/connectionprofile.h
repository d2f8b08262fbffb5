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

    static QString engineName(Connection::Engine engine);
};
