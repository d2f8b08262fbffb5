#pragma once

#include "historystore.h"
#include "migration.h"
#include "toolhistorynotes.h"

#include <QCoreApplication>
#include <QHash>

struct LiquibaseChangeSet;

// Liquibase's databasechangelog and databasechangeloglock, read and written as `liquibase
// update` does for formatted SQL changelogs (docs/history-tables.md §6): a row per changeset,
// known by id, author and FILENAME, with the version 9 checksum, ORDEREXECUTED one more than the
// highest, EXECTYPE EXECUTED (RERAN when a runOnChange changeset runs again, MARK_RAN when a
// precondition says so), one DEPLOYMENT_ID per run. A rollback deletes the row. The lock row is
// taken while Slipway migrates, so Liquibase and Slipway never run at once, and a lock row left
// behind is shown. A changeset running statement by statement outside a transaction gets its row
// when it finishes; until then only Slipway's notes know of it. PostgreSQL only; the tables live
// in the connection's current schema, as Liquibase's default.
class LiquibaseHistory : public HistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(LiquibaseHistory)

public:
    LiquibaseHistory(Connection &connection, const QList<Migration> &migrations);

    MigrationTool tool() const override { return MigrationTool::Liquibase; }
    QString tableName() const override { return QStringLiteral("databasechangelog"); }
    QStringList bookkeeping() const override
    {
        return {tableName(), QStringLiteral("databasechangeloglock")};
    }
    QString checksum(const Migration &migration, const QByteArray &file) const override;
    bool exists() override;
    void create() override;
    QList<HistoryRow> read() override;
    int insert(const HistoryRow &row) override;
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) override;
    void updateChecksum(int rank, const QString &checksum) override;
    void remove(int rank) override;
    bool takeToolLock(QString *holder) override;
    void releaseToolLock() override;
    QString toolNotice() override;

    // Who Slipway says it is in LOCKEDBY: the host, as Liquibase writes its own, and the process.
    static QString lockedBy();

private:
    struct Identity
    {
        QString id;
        QString author;
        QString fileName; // as the table has it
        QString key() const;
    };
    const Migration *migrationOf(const QString &version) const;
    // The folder's changeset a row stands for: same id and author, and the same file however
    // the path was written (relative to another folder, classpath:).
    const Migration *match(const Identity &identity) const;
    Identity identityOf(const Migration &migration) const;
    QString currentChecksum(const Migration &migration) const;
    void writeRow(const Identity &identity,
                  const LiquibaseChangeSet &changeSet,
                  const QString &checksum,
                  const QString &execType);
    int newRank(const Identity &identity);

    Connection &m_connection;
    ToolHistoryNotes m_notes;
    QList<Migration> m_migrations;
    QHash<QString, const Migration *> m_byVersion; // normalized version → m_migrations
    QHash<QString, QString> m_recordedFile;  // a changelog's path → FILENAME as the table has it
    QHash<int, Identity> m_identityByRank;   // until the next read()
    QHash<QString, QString> m_checksumByKey; // what ran, from insert()
    QString m_deploymentId;
    mutable QHash<QString, QPair<QByteArray, QHash<int, QString>>> m_bodies; // by file
};
