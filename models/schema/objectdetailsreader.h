#pragma once

#include "objectdetails.h"

#include <QCoreApplication>

class Connection;

// Everything the object panel shows for one object, in one call on the connection's thread:
// DDL, properties, statistics and dependencies for PostgreSQL (one snapshot), the stored CREATE
// statement and the columns for SQLite. Throws DbException.
class ObjectDetailsReader
{
    Q_DECLARE_TR_FUNCTIONS(ObjectDetailsReader)

public:
    static ObjectDetails read(Connection &connection, const ObjectRef &object);
    // Only the DDL (the "Open DDL in editor" action).
    static QString ddl(Connection &connection, const ObjectRef &object);

private:
    static ObjectDetails readSqlite(Connection &connection, const ObjectRef &object);
};
