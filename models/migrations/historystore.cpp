#include "historystore.h"

#include "dbmatehistory.h"
#include "golangmigratehistory.h"
#include "schemahistory.h"

std::unique_ptr<HistoryStore> HistoryStore::open(MigrationTool tool,
                                                 Connection &connection,
                                                 const QList<Migration> &migrations)
{
    switch (tool) {
    case MigrationTool::GolangMigrate:
        return std::make_unique<GolangMigrateHistory>(connection, migrations);
    case MigrationTool::Dbmate:
        return std::make_unique<DbmateHistory>(connection, migrations);
    case MigrationTool::Slipway:
        break;
    }
    return std::make_unique<SchemaHistory>(connection);
}
