#pragma once

#include <QObject>
#include <QPointer>

class SqlConsole;
struct DbError;

// Runs EXPLAIN (F7) or EXPLAIN (ANALYZE, BUFFERS) (Shift+F7) for the statement under the
// console's cursor on the console's connection, in the background (ConnectionWorker), and
// hands the JSON plan back. ANALYZE of a statement that may write is rolled back, and on a
// production profile it needs the database name typed first. Errors land in the console's
// messages with the position marked in the editor. One launcher per request; it deletes
// itself when done. GUI thread.
class ExplainLauncher : public QObject
{
    Q_OBJECT

public:
    ExplainLauncher(SqlConsole *console, bool analyze);

    void start();

signals:
    // title: a short form of the statement; note: e.g. that the statement was rolled back.
    void planReady(const QString &json, const QString &title, const QString &note);
    void failed();

private:
    void run();
    void fail(const QString &message);
    void onError(const DbError &error);

    QPointer<SqlConsole> m_console;
    bool m_analyze;
    QString m_sql;
    int m_start = 0;
};
