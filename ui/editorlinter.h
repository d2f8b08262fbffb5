#pragma once

#include "lint/finding.h"
#include "lint/knownschema.h"
#include "lint/lintoptions.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class ConnectionWorker;
class LintModel;
class SqlEditor;

// Lints an editor's text while the user types: a quiet period after the last keystroke
// (debounce), then a lint run on the thread pool, never on the GUI thread. Results older than
// the text are dropped. With a PostgreSQL connection the schema (sizes, types, names) is read
// once through the ConnectionWorker, which sharpens findings, sets the PostgreSQL version and
// feeds the editor's completion. GUI thread only.
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
    void setConnection(ConnectionWorker *worker);
    const KnownSchema &schema() const { return m_schema; }
    bool hasSchema() const { return m_schemaLoaded; }

    LintModel *model() const { return m_model; }
    bool isRunning() const { return m_running; }
    // Lints at once instead of after the quiet period.
    void lintNow();

signals:
    void findingsChanged(const QList<Finding> &findings);
    void schemaLoaded();

private:
    void textChanged();
    void start();
    void finished(quint64 generation, const QList<Finding> &findings);
    void requestSchema();
    LintOptions options() const;

    SqlEditor *m_editor;
    LintModel *m_model;
    QTimer m_debounce;
    QString m_fileName;
    QPointer<ConnectionWorker> m_worker;
    KnownSchema m_schema;
    bool m_schemaLoaded = false;
    bool m_schemaRequested = false;
    bool m_migration = false;
    bool m_running = false;
    bool m_rerun = false;
    quint64 m_generation = 0;
};
