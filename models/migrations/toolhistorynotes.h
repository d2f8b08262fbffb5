#pragma once

#include <QHash>
#include <QString>

class Connection;

// What Slipway knows about the migrations it ran under another tool's history table, kept beside
// it in slipway.tool_history (slipway_tool_history in a SQLite file): the file's checksum, so an
// applied file edited since is noticed (dbmate and golang-migrate keep none), and the progress of
// a migration running statement by statement outside a transaction, so a stopped run resumes
// where it stopped. The tool never reads it; a row for a version the tool no longer lists is
// ignored. Keyed by the tool's table and the version as the tool writes it.
class ToolHistoryNotes
{
public:
    struct Note
    {
        QString version;
        QString checksum;
        bool success = true;
        int statementsDone = -1;
        int statementsTotal = -1;
        qint64 executionMs = 0;
    };

    ToolHistoryNotes(Connection &connection, QString historyTable);

    QString tableName() const;
    void create();                // idempotent
    QHash<QString, Note> read();  // by version as written; empty when the table does not exist
    void write(const Note &note); // insert or replace; create() first
    void remove(const QString &version);
    // A migration running outside a transaction got this far (the note's other fields kept);
    // finished: its note goes, the tool's own row says it all.
    void recordProgress(const QString &version,
                        int statementsDone,
                        bool finished,
                        qint64 executionMs);

private:
    bool exists();

    Connection &m_connection;
    QString m_historyTable;
    bool m_postgres = true;
};
