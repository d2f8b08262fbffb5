#include "historystore.h"

#include "dbmatehistory.h"
#include "drizzlehistory.h"
#include "flywayhistory.h"
#include "golangmigratehistory.h"
#include "liquibasehistory.h"
#include "migration.h"
#include "migrationscript.h"
#include "prismahistory.h"
#include "schemahistory.h"
#include "sqitchhistory.h"

std::unique_ptr<HistoryStore> HistoryStore::open(MigrationTool tool,
                                                 Connection &connection,
                                                 const QList<Migration> &migrations)
{
    switch (tool) {
    case MigrationTool::GolangMigrate:
        return std::make_unique<GolangMigrateHistory>(connection, migrations);
    case MigrationTool::Dbmate:
        return std::make_unique<DbmateHistory>(connection, migrations);
    case MigrationTool::Flyway:
        return std::make_unique<FlywayHistory>(connection);
    case MigrationTool::Prisma:
        return std::make_unique<PrismaHistory>(connection, migrations);
    case MigrationTool::Drizzle:
        return std::make_unique<DrizzleHistory>(connection, migrations);
    case MigrationTool::Liquibase:
        return std::make_unique<LiquibaseHistory>(connection, migrations);
    case MigrationTool::Sqitch:
        return std::make_unique<SqitchHistory>(connection, migrations);
    case MigrationTool::Slipway:
        break;
    }
    return std::make_unique<SchemaHistory>(connection);
}

QString HistoryStore::checksum(const QByteArray &file) const
{
    return MigrationScript::checksum(file);
}

QString HistoryStore::checksum(const Migration &, const QByteArray &file) const
{
    return checksum(file);
}
