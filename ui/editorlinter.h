#pragma once

#include "lint/finding.h"
#include "lint/knownschema.h"
#include "lint/lintoptions.h"
#include "migrations/schemahistory.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

class ConnectionWorker;
class LintModel;
class MigrationLintContext;
class QThread;
class SqlEditor;

// Lints an editor's text while the user types: a quiet period after the last keystroke
// (debounce), then a lint run on the thread pool, never on the GUI thread. Results older than
// the text are dropped. With a PostgreSQL connection the schema (sizes, types, names) is read
// once through the ConnectionWorker, which sharpens findings, sets the PostgreSQL version and
// feeds the editor's completion. That worker must be a background session of its own (the
// window's schema-read session), never a console's: a failed read would abort whatever
// transaction the user has open there. A script of a migration folder (the one set, or the one
// around a file opened on its own: LintTarget) is linted after the folder's earlier migrations
// (MigrationLintContext) and in the engine's transaction or not, as `slipway-cli lint FILE` and
// `lint FOLDER` do. GUI thread only.
class EditorLinter : public QObject
{
    Q_OBJECT

public:
    static constexpr int DebounceMs = 400;

    explicit EditorLinter(SqlEditor *editor, QObject *parent = nullptr);

    // The file the text comes from; its folder's slipway.json applies.
    void setFileName(const QString &fileName);
    // A migration script: linted as the migration engine runs it, in one transaction unless it
    // cannot or says so (otherwise as a plain script).
    void setMigrationScript(bool migration);
    // The migration folder the file belongs to (its root, as MigrationFolder reads it). When the
    // file is one of its scripts, it is linted as a migration after the migrations that run
    // before it; with a connection, the folder's history is read with the schema so that
    // migrations already applied are not replayed.
    void setMigrationFolder(const QString &directory);
    QString migrationFolder() const { return m_folder; }
    // Null to disconnect. The same worker again (after a reconnect) retries a failed schema read.
    void setConnection(ConnectionWorker *worker);
    // The database changed (DatabaseChanges): read its schema again for names and lint context.
    void reloadSchema();
    ConnectionWorker *connection() const;
    const KnownSchema &schema() const { return m_schema; }
    bool hasSchema() const { return m_schemaLoaded; }

    LintModel *model() const { return m_model; }
    bool isRunning() const { return m_running; }
    // The thread the last lint run ran on (tests check it is not the GUI thread), and the
    // earlier migrations it replayed.
    QThread *lastRunThread() const { return m_lastRunThread; }
    QStringList lastReplayed() const;
    // Lints at once instead of after the quiet period.
    void lintNow();

signals:
    void findingsChanged(const QList<Finding> &findings);
    void schemaLoaded();

private:
    void textChanged();
    void start();
    struct RunResult
    {
        QList<Finding> findings;
        std::shared_ptr<const MigrationLintContext> context;
        QThread *thread = nullptr;
    };
    void finished(quint64 generation, const RunResult &result);
    void requestSchema();
    void forgetSchema();
    // Before slipway.json, which the lint job reads off the GUI thread.
    LintOptions options() const;

    SqlEditor *m_editor;
    LintModel *m_model;
    QTimer m_debounce;
    QString m_fileName;
    QString m_folder;
    QPointer<ConnectionWorker> m_worker;
    KnownSchema m_schema;
    std::optional<QList<HistoryRow>> m_history; // read with the schema for a migration folder
    bool m_schemaLoaded = false;
    bool m_schemaRequested = false;
    bool m_schemaFailed = false; // the last read failed; retried only on a new or reopened session
    quint64 m_schemaGeneration = 0; // a schema answer for an older generation is dropped
    // Reused by the next run while the folder is unchanged; runs are one at a time, so only the
    // GUI thread and the one running job ever hold it.
    std::shared_ptr<const MigrationLintContext> m_context;
    QThread *m_lastRunThread = nullptr;
    bool m_migration = false;
    bool m_running = false;
    bool m_rerun = false;
    quint64 m_generation = 0;
};
