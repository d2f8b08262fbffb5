#pragma once

#include "historystore.h"
#include "migration.h"
#include "toolhistorynotes.h"

#include <QCoreApplication>
#include <QHash>

struct SqitchChange;
struct SqitchDependency;

// Sqitch's registry (schema sqitch unless sqitch.conf names another; docs/history-tables.md §7),
// read and written as App::Sqitch 1.x's pg engine does (Engine/pg.pm, Role/DBIEngine.pm): the
// schema and tables of its pg.sql (registry v1.1) with a releases row, a projects row for the
// plan's project when the first change is deployed, then per deployed change its changes row
// (change_id, script_hash = SHA-1 of the deploy script), its dependencies and tags rows and a
// 'deploy' event; a revert deletes the tags and changes rows and logs a 'revert' event. Every
// write joins the caller's transaction, so a migration and its registry rows commit together.
// A change running statement by statement outside a transaction is only in Slipway's notes until
// it finishes: Sqitch has no state for a change half deployed.
//
// Reading: a registry row is the plan's change with its change id; failing that (the plan line
// was edited since, which changes the id of that change and of every later one), the first
// change of that name not matched yet, flagged in toolState. A row matching no change of the
// plan gets a made-up version sorting after the plan change deployed before it ("3.5": after
// change 3, fifth row in deploy order). Only the plan's project's rows are read.
class SqitchHistory : public HistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(SqitchHistory)

public:
    SqitchHistory(Connection &connection, const QList<Migration> &migrations);

    MigrationTool tool() const override { return MigrationTool::Sqitch; }
    QString tableName() const override { return m_registry + QStringLiteral(".changes"); }
    QStringList bookkeeping() const override { return {m_registry + QLatin1Char('.')}; }
    // script_hash: SHA-1 (hex) of the deploy script's raw bytes.
    QString checksum(const QByteArray &file) const override { return scriptHash(file); }
    // Sqitch's own lock while it deploys or reverts (Engine/pg.pm try_lock / wait_lock).
    QList<qint64> toolLockKeys() override { return {75474063}; }
    bool exists() override;
    void create() override;
    QList<HistoryRow> read() override;
    int insert(const HistoryRow &row) override;
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) override;
    void updateChecksum(int rank, const QString &checksum) override;
    void remove(int rank) override;

    static QString scriptHash(const QByteArray &file);
    // Who Sqitch records as committer: SQITCH_FULLNAME, sqitch.conf's user.name,
    // SQITCH_ORIG_FULLNAME, then the OS account's full name or login (App/Sqitch.pm user_name);
    // the email likewise, falling back to login@hostname.
    static QString committerName(const SqitchChange *change);
    static QString committerEmail(const SqitchChange *change);

private:
    struct Ranked
    {
        QString changeId; // the registry's (or, part-way, the plan's) change id
        const Migration *migration = nullptr;
        bool deployed = false;       // a changes row exists
        ToolHistoryNotes::Note note; // part-way only
    };

    QString table(const char *name) const; // "registry".name, quoted
    const Migration *migrationOf(const QString &version) const;
    int addRank(const Ranked &ranked);
    void registerProject(const SqitchChange &change);
    QString resolve(const QString &project, const SqitchDependency &dependency);
    bool isDeployed(const QString &changeId);
    void logNewTags(const SqitchChange &change);
    void logDeploy(const Migration &migration, const QString &scriptHash);
    void logRevert(const QString &changeId);

    Connection &m_connection;
    QList<Migration> m_migrations;
    QString m_registry = QStringLiteral("sqitch");
    QString m_project; // the plan's; empty without a plan
    QString m_name;    // committer
    QString m_email;
    ToolHistoryNotes m_notes;
    QHash<int, Ranked> m_byRank; // until the next read()
};
