#pragma once

#include "historystore.h"
#include "migration.h"
#include "toolhistorynotes.h"

#include <QHash>

// The part every other tool's history store shares: Slipway's notes beside the tool's table, the
// folder's migrations (a tool's table holds versions only; descriptions and file names come from
// the folder), and ranks handed out by read() and insert() standing for versions.
class ToolHistoryStore : public HistoryStore
{
public:
    QString tableName() const override { return m_table; }
    bool exists() override;
    int insert(const HistoryRow &row) override;
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) override;
    void updateChecksum(int rank, const QString &checksum) override;
    void remove(int rank) override;

protected:
    ToolHistoryStore(Connection &connection, QString table, const QList<Migration> &migrations);

    // A migration's row in the tool's table: written when it finished, gone when rolled back.
    virtual void writeApplied(const QString &version) = 0;
    // A migration starts running statement by statement, outside a transaction.
    virtual void writeStarted(const QString &version) = 0;
    virtual void removeApplied(const QString &version) = 0;

    // The row of a version the tool lists (or, success false, one Slipway's notes say is part-way).
    HistoryRow row(const QString &version, bool success, const ToolHistoryNotes::Note *note);
    int rankFor(const QString &version);
    void forgetRanks();
    void remember(const ToolHistoryNotes::Note &note)
    {
        m_noteByVersion.insert(note.version, note);
    }

    Connection &m_connection;
    QString m_table;
    bool m_postgres = true;
    ToolHistoryNotes m_notes;
    QHash<QString, Migration> m_byVersion; // normalized version → the folder's migration

private:
    QHash<int, QString> m_versionByRank;
    QHash<QString, ToolHistoryNotes::Note> m_noteByVersion; // as last read or written
};
