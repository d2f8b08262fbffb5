#pragma once

#include "toolhistorystore.h"

// dbmate's schema_migrations: one row per applied migration holding the version as the file name
// writes it (its leading digits), nothing else. A migration running outside a transaction gets
// its row when it finishes, as dbmate writes it; until then only Slipway's notes know of it.
class DbmateHistory : public ToolHistoryStore
{
public:
    DbmateHistory(Connection &connection,
                  const QList<Migration> &migrations,
                  const QString &table = QStringLiteral("schema_migrations"));

    MigrationTool tool() const override { return MigrationTool::Dbmate; }
    void create() override;
    QList<HistoryRow> read() override;

protected:
    void writeApplied(const QString &version) override;
    void writeStarted(const QString &) override {}
    void removeApplied(const QString &version) override;
};
