#pragma once

#include "document.h"

#include "db/connectionprofile.h"
#include "db/databasechanges.h"
#include "db/connectionworker.h"
#include "db/dberror.h"
#include "db/rowbatch.h"
#include "sql/statementsplitter.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class EditorLinter;
class MessagesPane;
class ProblemsView;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTimer;
class ResultTableModel;
class ResultView;
class SqlEditor;

// One console tab: an SQL editor over a results grid and a messages pane. Run executes the
// selection (statement by statement) or else the statement under the cursor through the
// console's own session (a ConnectionWorker nobody else uses: whatever transaction the user
// begins here only this console commits or rolls back), so the window never waits: rows stream into the model batch by batch while
// the counters tick. Server errors move the caret to the error position and squiggle it.
// On a production profile, destructive statements need the database name typed first.
// GUI thread only.
class SqlConsole : public QWidget, public Document
{
    Q_OBJECT

public:
    explicit SqlConsole(QWidget *parent = nullptr);
    ~SqlConsole() override;

    // The session used by Run; nullptr when disconnected. The window gives each console its own
    // (as a child of the console); the console never shares it with background work.
    void setConnection(ConnectionWorker *worker, const ConnectionProfile &profile = {});
    ConnectionWorker *connection() const { return m_worker; }
    const ConnectionProfile &profile() const { return m_profile; }

    SqlEditor *editor() const { return m_editor; }
    ResultTableModel *resultModel() const { return m_model; }
    ResultView *resultView() const { return m_resultView; }
    MessagesPane *messages() const { return m_messages; }
    EditorLinter *linter() const { return m_lint; }
    ProblemsView *problemsView() const { return m_problems; }
    QTabWidget *outputTabs() const { return m_outputTabs; }
    QSplitter *splitter() const { return m_splitter; }
    QPushButton *runButton() const { return m_runButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QLabel *rowCountLabel() const { return m_rowCountLabel; }
    QLabel *elapsedLabel() const { return m_elapsedLabel; }
    QLabel *connectionLabel() const { return m_connectionLabel; }

    bool isRunning() const { return m_running; }
    bool isAwaitingConfirmation() const { return m_confirming; }

    // The file this console edits; empty for a scratch console.
    QString filePath() const { return m_filePath; }
    bool loadFile(const QString &path, QString *error = nullptr);
    bool saveFile(const QString &path, QString *error = nullptr);
    // A file's edits, or a console's text typed since it opened (blank text is nothing to lose).
    bool isModified() const override;
    QString title() const; // file name, or the scratch title

    QString documentName() const override;
    bool hasFile() const override { return !m_filePath.isEmpty(); }
    bool saveDocument(const QString &path, QString *error) override;
    // The statement Run would start with (the selection's first, or the one under the cursor)
    // and its character offset in the editor; empty with *problem set when there is none.
    QString currentStatement(int *start = nullptr, QString *problem = nullptr) const;
    void setScratchTitle(const QString &title);

    // "12,345" in the user's locale, always with group separators (the C locale omits them).
    static QString formatCount(qint64 count);
    static QString formatElapsed(qint64 ms);

public slots:
    void run();
    void cancel();

signals:
    void runningChanged(bool running);
    // After the last statement of a Run: ok is false on an error, a cancel or a refusal.
    void executionFinished(bool ok);
    void statementFailed(const DbError &error); // server or client error, not a cancel
    void titleChanged();
    // A statement of this console made a schema change visible to other sessions (a CREATE,
    // ALTER, DROP … in autocommit, or the COMMIT of a transaction that held one).
    void schemaChanged();

private:
    struct PendingStatement
    {
        int start = 0; // character offset of the statement in the editor
        QString text;
    };

    QList<PendingStatement> statementsToRun(QString *problem) const;
    void startExecution(const QList<PendingStatement> &statements);
    void runNext();
    void finishExecution(bool ok);
    void onColumns(quint64 requestId, const QList<ColumnInfo> &columns);
    void onRows(quint64 requestId, const RowBatch &rows);
    void onFinished(quint64 requestId, const QueryOutcome &outcome);
    void onFailed(quint64 requestId, const DbError &error);
    void onNotice(const Notice &notice, quint64 requestId);
    void onOpenFailed(const DbError &error);
    void updateButtons();
    void updateConnectionLabel();
    void updateRowCount();
    void updateElapsed();
    QString databaseName() const;

    QPointer<ConnectionWorker> m_worker;
    QList<QMetaObject::Connection> m_workerConnections;
    ConnectionProfile m_profile;

    SqlEditor *m_editor = nullptr;
    QSplitter *m_splitter = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_rowCountLabel = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QTabWidget *m_outputTabs = nullptr;
    ResultTableModel *m_model = nullptr;
    ResultView *m_resultView = nullptr;
    MessagesPane *m_messages = nullptr;
    EditorLinter *m_lint = nullptr; // lints the editor while typing
    ProblemsView *m_problems = nullptr;
    QTimer *m_ticker = nullptr;

    QString m_filePath;
    QString m_scratchTitle;

    bool m_running = false;
    SchemaChangeTracker m_schemaChanges; // of the current session
    bool m_confirming = false;
    bool m_cancelRequested = false;
    bool m_fittedColumns = false;
    quint64 m_requestId = 0;
    PendingStatement m_current;
    QList<PendingStatement> m_queue;
    QElapsedTimer m_runTimer;
};
