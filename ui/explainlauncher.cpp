#include "explainlauncher.h"

#include "messagespane.h"
#include "productionguard.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "db/connectionworker.h"
#include "explain/explainrunner.h"

#include <QTabWidget>

ExplainLauncher::ExplainLauncher(SqlConsole *console, bool analyze)
    : QObject(console)
    , m_console(console)
    , m_analyze(analyze)
{}

void ExplainLauncher::fail(const QString &message)
{
    if (m_console) {
        m_console->messages()->appendError(DbError::clientError(message));
        m_console->outputTabs()->setCurrentWidget(m_console->messages());
    }
    emit failed();
    deleteLater();
}

void ExplainLauncher::start()
{
    ConnectionWorker *worker = m_console->connection();
    if (!worker || !(worker->isOpen() || worker->isOpening())) {
        fail(tr("Not connected. Connect to a database first (Connection ▸ Connect…)."));
        return;
    }
    if (worker->engine() != Connection::Engine::PostgreSQL) {
        fail(tr("EXPLAIN plans are read from PostgreSQL; this connection is SQLite."));
        return;
    }
    QString problem;
    m_sql = m_console->currentStatement(&m_start, &problem);
    if (m_sql.trimmed().isEmpty()) {
        fail(problem);
        return;
    }
    const QString reason = ProductionGuard::destructiveReason(m_sql);
    if (m_analyze && m_console->profile().production && !reason.isEmpty()) {
        // Rolled back or not, ANALYZE runs the statement: locks, triggers, sequences.
        ProductionGuard::confirm(m_console,
                                 m_console->connection()->serverInfo().database,
                                 {reason},
                                 [this](bool confirmed) {
                                     if (confirmed)
                                         run();
                                     else
                                         fail(tr("Not run: the database name was not confirmed."));
                                 });
        return;
    }
    run();
}

void ExplainLauncher::run()
{
    ConnectionWorker *worker = m_console ? m_console->connection() : nullptr;
    if (!worker) {
        fail(tr("The connection closed before EXPLAIN could run."));
        return;
    }
    m_console->editor()->clearErrorMarks();
    m_console->messages()->appendInfo(m_analyze ? tr("EXPLAIN ANALYZE…") : tr("EXPLAIN…"));
    const QString sql = m_sql;
    const bool analyze = m_analyze;
    worker->call<ExplainRunner::Result>(
        this,
        [sql, analyze](Connection &connection) {
            return ExplainRunner::run(connection, sql, analyze);
        },
        [this](ExplainRunner::Result result) {
            QString title = m_sql.simplified();
            if (title.size() > 32)
                title = title.left(31) + QStringLiteral("…");
            const QString note
                = result.rolledBack
                      ? tr("ANALYZE ran the statement in a transaction that was rolled back.")
                      : QString();
            emit planReady(result.json, title, note);
            deleteLater();
        },
        [this](const DbError &error) { onError(error); });
}

void ExplainLauncher::onError(const DbError &error)
{
    if (m_console) {
        m_console->messages()->appendError(error);
        m_console->outputTabs()->setCurrentWidget(m_console->messages());
        const int offset = ExplainRunner::sqlOffset(m_sql, m_analyze);
        if (error.position >= offset) {
            int leading = 0; // EXPLAIN gets the statement without its leading blanks
            while (leading < m_sql.size() && m_sql.at(leading).isSpace())
                ++leading;
            const int at = m_start + leading + (error.position - offset);
            SqlEditor *editor = m_console->editor();
            editor->setCursorCharIndex(at);
            editor->markError(at, qMax(1, editor->tokenLengthAt(at)), error.toDisplayString());
        }
    }
    emit failed();
    deleteLater();
}
