#pragma once

#include "db/connectionprofile.h"
#include "db/dberror.h"
#include "migrationlogview.h"
#include "migrations/migrationrun.h"
#include "runconfirmation.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <optional>

class ConnectionWorker;
class LockReportModel;
class MigrationJob;
class MigrationListModel;
class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;

// The Migrations panel: the folder's migrations with their state in the connected database, and
// Refresh, Apply, Dry run, Roll back last and Cancel over the migration engine. Every engine call
// is a MigrationJob on the connection's worker thread; its progress events and notices feed the
// progress bar, the running row and the live log. A dry run fills the lock report. Opening a
// script is left to the window (scriptRequested, migrationRequested). GUI thread only.
class MigrationsPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Run { None, Status, Migrate, DryRun, Rollback };
    enum OutputTab { LogTab, LockTab };

    explicit MigrationsPanel(QWidget *parent = nullptr);

    void setFolder(const QString &directory); // reads the status when connected
    QString folder() const { return m_folder; }
    // nullptr empties the list. Called again after a reconnect, it reads the status afresh.
    void setConnection(ConnectionWorker *worker, const ConnectionProfile &profile = {});

    void refresh();
    void apply();        // migrate: every pending migration
    void dryRun();       // migrate --dry-run: run in a rolled-back transaction, report locks
    void rollbackLast(); // rollback --steps 1
    void stop();         // after the current statement (a transaction in progress rolls back)
    void cancelNow();    // stop, and cancel the statement that runs now
    bool isBusy() const { return m_run != Run::None; }
    Run currentRun() const { return m_run; }
    MigrationRunResult lastResult() const { return m_lastResult; }
    // How the last run ended, as its outcome line in the log is coloured (the worst of a dry
    // run's passed / failed / not rehearsed).
    MigrationLogView::Kind lastOutcomeKind() const { return m_lastOutcomeKind; }

    MigrationListModel *model() const { return m_model; }
    LockReportModel *lockModel() const { return m_lockModel; }
    QTableView *listView() const { return m_list; }
    QTableView *lockView() const { return m_lockView; }
    MigrationLogView *log() const { return m_log; }
    QProgressBar *progressBar() const { return m_progress; }
    QTabWidget *outputTabs() const { return m_tabs; }
    QLabel *summaryLabel() const { return m_summary; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *applyAction() const { return m_applyAction; }
    QAction *dryRunAction() const { return m_dryRunAction; }
    QAction *rollbackAction() const { return m_rollbackAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *cancelNowAction() const { return m_cancelNowAction; }

    // The context menu of a row (the caller owns it); actions "openUp", "openDown",
    // "openMigration", "copyVersion".
    QMenu *contextMenu(const QModelIndex &index, QWidget *parent);

    QSize sizeHint() const override; // what a bottom dock starts with

signals:
    // Open this file in an editor, at `line` (1-based) when it is > 0.
    void scriptRequested(const QString &path, int line);
    // Open the migration's up and down scripts side by side.
    void migrationRequested(const QString &upPath);
    void statusLoaded();
    void runFinished(bool ok);
    void busyChanged(bool busy);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void start(Run run, const MigrationRunOptions &options, const QString &title);
    // What the confirmation of a change shows (RunConfirmation).
    struct Confirmation
    {
        QString question;
        QString action;
        QList<RunConfirmation::Script> scripts;
        bool destructive = false;
    };
    void confirmThenStart(Run run,
                          const MigrationRunOptions &options,
                          const QString &title,
                          const QStringList &reasons,
                          const std::optional<Confirmation> &confirmation);
    void guardThenStart(Run run,
                        const MigrationRunOptions &options,
                        const QString &title,
                        const QStringList &reasons);
    void onEvent(const MigrationEvent &event);
    void onNotice(const Notice &notice);
    void onFinished(Run run, const MigrationRunResult &result);
    void onFailed(Run run, const DbError &error);
    // The newest applied migration, which "Roll Back Last" undoes (the engine's choice).
    static int lastAppliedRow(const QList<MigrationStatusEntry> &entries);
    static QString label(const QString &version, const QString &description);
    void recordAudit(Run run, const MigrationRunResult &result);
    void noticeHistoryChange(const QList<MigrationStatusEntry> &status);
    void finishRun(bool ok, const QString &brief, const QString &outcome);
    void updateActions();
    void updateSummary();
    void setProgressText(const QString &text);
    void openScript(const QModelIndex &index, bool down);
    void openLockRow(const QModelIndex &index);
    QString databaseName() const;
    bool canRun() const;

    QString m_folder;
    QPointer<ConnectionWorker> m_worker;
    QMetaObject::Connection m_workerOpened;
    ConnectionProfile m_profile;
    Run m_run = Run::None;
    bool m_confirming = false;
    bool m_refreshAfterRun = false;
    QPointer<MigrationJob> m_job; // a child; the run in progress
    MigrationRunResult m_lastResult;
    MigrationLogView::Kind m_lastOutcomeKind = MigrationLogView::Kind::Info;
    QElapsedTimer m_timer;
    QDateTime m_started; // of the run in progress, for the audit trail
    QStringList m_seenHistory; // target, folder and applied rows of the last status read
    int m_total = 0;    // migrations this run will go through (0: unknown, busy indicator)
    int m_finished = 0; // of those, finished
    QString m_statusProblem;
    QString m_toolHistory; // "dbmate's schema_migrations" when not Slipway's own table
    QLabel *m_toolBadge = nullptr; // the tool's icon; its tooltip names the table
    QString m_toolNotice;  // the tool's word on its whole history (Liquibase's lock row held)

    MigrationListModel *m_model = nullptr;
    LockReportModel *m_lockModel = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_list = nullptr;
    QTabWidget *m_tabs = nullptr;
    MigrationLogView *m_log = nullptr;
    QTableView *m_lockView = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_dryRunAction = nullptr;
    QAction *m_rollbackAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_cancelNowAction = nullptr;
};
