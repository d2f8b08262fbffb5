#pragma once

#include "toolhistorystore.h"

// golang-migrate's schema_migrations(version bigint, dirty boolean): one row, the newest applied
// version; every migration of the folder up to it counts as applied. dirty = true while a
// migration runs outside a transaction (set before its first statement, cleared after its last,
// as the tool does), so the tool refuses to run over a half-applied migration; Slipway's notes
// say how far it got, and migrate resumes it. A migration inside a transaction moves the version
// in the same transaction, so a failure leaves the row as it was, never dirty.
class GolangMigrateHistory : public ToolHistoryStore
{
public:
    GolangMigrateHistory(Connection &connection,
                         const QList<Migration> &migrations,
                         const QString &table = QStringLiteral("schema_migrations"));

    MigrationTool tool() const override { return MigrationTool::GolangMigrate; }
    QList<qint64> toolLockKeys() override;
    void create() override;
    QList<HistoryRow> read() override;

protected:
    void writeApplied(const QString &version) override { setVersion(version, false); }
    void writeStarted(const QString &version) override { setVersion(version, true); }
    void removeApplied(const QString &version) override;

private:
    void setVersion(const QString &version, bool dirty);
    void clearVersion();

    QList<MigrationVersion> m_versions; // the folder's, in order
};
