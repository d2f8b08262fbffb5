#pragma once

#include "ddlbuilder.h"
#include "objectdetails.h"

class Connection;

// The DDL of one PostgreSQL object, read on the connection's thread: the records it needs come
// from PgCatalogReader inside one PgReadSnapshot (so every name is schema-qualified), the text
// from DdlBuilder or the server's own pg_get_*def(). Throws DbException.
class PgDdlReader
{
    Q_DECLARE_TR_FUNCTIONS(PgDdlReader)

public:
    explicit PgDdlReader(Connection &connection);

    QString ddl(const ObjectRef &object);
    // A table's DDL in parts, for running several tables' DDL in dependency order.
    TableDdl tableDdl(CatalogOid table);

private:
    QString routineDdl(const ObjectRef &object);
    QString aggregateDdl(const ObjectRef &object);
    QString partDdl(const ObjectRef &object);

    Connection &m_connection;
};
