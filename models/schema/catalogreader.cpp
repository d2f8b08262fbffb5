#include "catalogreader.h"

#include "pgcatalogreader.h"
#include "sqlitecatalogreader.h"

#include "db/connection.h"

std::unique_ptr<CatalogReader> CatalogReader::create(Connection &connection)
{
    if (connection.engine() == Connection::Engine::SQLite)
        return std::make_unique<SqliteCatalogReader>(connection);
    return std::make_unique<PgCatalogReader>(connection);
}
