#include "migrationspanel.h"

#include "semanticcolors.h"

#include "migrationlogview.h"
#include "migrationstatedelegate.h"
#include "migrationtoolicon.h"
#include "productionguard.h"
#include "runconfirmation.h"
#include "themedicon.h"

#include "db/connectionworker.h"
#include "db/conninfo.h"
#include "db/databasechanges.h"
#include "deploy/migrationaudit.h"
#include "migrationview/lockreportmodel.h"
#include "migrationview/migrationjob.h"
#include "migrationview/migrationlistmodel.h"
#include "migrations/liquibasechangeset.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QResizeEvent>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

using State = MigrationStatusEntry::State;

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

} // namespace

// The newest applied migration: the one "Roll back last" undoes. Mirrors the engine's choice
// (newest version with a successful history row that is applied, changed or missing).
int MigrationsPanel::lastAppliedRow(const QList<MigrationStatusEntry> &entries)
{
    for (int row = int(entries.size()) - 1; row >= 0; --row) {
        const MigrationStatusEntry &entry = entries.at(row);
        if (!entry.version.isEmpty() && entry.history && entry.history->success
            && (entry.state == State::Applied || entry.state == State::ChecksumMismatch
                || entry.state == State::MissingFile))
            return row;
    }
    return -1;
}

QString MigrationsPanel::label(const QString &version, const QString &description)
{
    return QStringLiteral("%1 %2").arg(version.isEmpty() ? QStringLiteral("R") : version,
                                       description);
}

MigrationsPanel::MigrationsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("migrationsPanel"));
    m_model = new MigrationListModel(this);
    m_lockModel = new LockReportModel(this);
    createActions();
    createWidgets();
    updateSummary();
    updateActions();
}

void MigrationsPanel::createActions()
{
    m_refreshAction = new QAction(themedIcon("view-refresh", QStyle::SP_BrowserReload, style()),
                                  tr("Refresh"),
                                  this);
    m_refreshAction->setObjectName(QStringLiteral("refreshMigrations"));
    m_refreshAction->setToolTip(tr("Read the folder and the history table again"));
    connect(m_refreshAction, &QAction::triggered, this, &MigrationsPanel::refresh);

    m_applyAction = new QAction(themedIcon("media-playback-start", QStyle::SP_MediaPlay, style()),
                                tr("Apply"),
                                this);
    m_applyAction->setObjectName(QStringLiteral("applyMigrations"));
    connect(m_applyAction, &QAction::triggered, this, &MigrationsPanel::apply);

    m_dryRunAction = new QAction(themedIcon("system-search",
                                            QStyle::SP_FileDialogContentsView,
                                            style()),
                                 tr("Dry Run"),
                                 this);
    m_dryRunAction->setObjectName(QStringLiteral("dryRunMigrations"));
    m_dryRunAction->setToolTip(tr("Run the pending migrations in a transaction that is rolled "
                                  "back, and report the locks each statement takes"));
    connect(m_dryRunAction, &QAction::triggered, this, &MigrationsPanel::dryRun);

    m_rollbackAction = new QAction(themedIcon("edit-undo", QStyle::SP_ArrowBack, style()),
                                   tr("Roll Back Last"),
                                   this);
    m_rollbackAction->setObjectName(QStringLiteral("rollbackMigration"));
    connect(m_rollbackAction, &QAction::triggered, this, &MigrationsPanel::rollbackLast);

    m_cancelAction = new QAction(themedIcon("process-stop", QStyle::SP_BrowserStop, style()),
                                 tr("Cancel"),
                                 this);
    m_cancelAction->setObjectName(QStringLiteral("cancelMigrations"));
    // First press: stop between statements; the second one does not wait any more.
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        if (m_job && m_job->stopRequested())
            cancelNow();
        else
            stop();
    });
    m_cancelNowAction = new QAction(tr("Cancel the Running Statement Now"), this);
    m_cancelNowAction->setObjectName(QStringLiteral("cancelMigrationsNow"));
    m_cancelNowAction->setToolTip(tr("Ask the server to cancel the statement that runs now; a "
                                     "migration in a transaction rolls back"));
    connect(m_cancelNowAction, &QAction::triggered, this, &MigrationsPanel::cancelNow);
}

void MigrationsPanel::createWidgets()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("migrationsToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_applyAction);
    bar->addAction(m_dryRunAction);
    bar->addAction(m_rollbackAction);
    bar->addSeparator();
    m_cancelButton = new QToolButton(bar);
    m_cancelButton->setObjectName(QStringLiteral("cancelMigrationsButton"));
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelButton->setDefaultAction(m_cancelAction);
    auto *cancelMenu = new QMenu(m_cancelButton);
    cancelMenu->addAction(m_cancelNowAction);
    m_cancelButton->setMenu(cancelMenu);
    m_cancelButton->setPopupMode(QToolButton::MenuButtonPopup);
    bar->addWidget(m_cancelButton);
    layout->addWidget(bar);

    auto *status = new QWidget(this);
    auto *statusLayout = new QHBoxLayout(status);
    statusLayout->setContentsMargins(6, 0, 6, 0);
    // Whose history table the folder's migrations are recorded in, once a status has said.
    m_toolBadge = new QLabel(status);
    m_toolBadge->setObjectName(QStringLiteral("migrationToolBadge"));
    m_toolBadge->hide();
    statusLayout->addWidget(m_toolBadge);
    m_summary = new QLabel(status);
    m_summary->setObjectName(QStringLiteral("migrationSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_progress = new QProgressBar(status);
    m_progress->setObjectName(QStringLiteral("migrationProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_progress->setMinimumWidth(220);
    m_progress->hide(); // until the first run: an empty bar looks like an input field
    statusLayout->addWidget(m_summary, 3);
    statusLayout->addWidget(m_progress, 2);
    layout->addWidget(status);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);

    m_list = makeTable(m_model, m_splitter);
    m_list->setObjectName(QStringLiteral("migrationList"));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_list->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MigrationListModel::DescriptionColumn, QHeaderView::Stretch);
    m_list->setItemDelegateForColumn(MigrationListModel::StateColumn,
                                     new MigrationStateDelegate(m_list));
    connect(m_list, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        openScript(index, false);
    });
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_list->indexAt(pos);
        if (!index.isValid())
            return;
        std::unique_ptr<QMenu> menu(contextMenu(index, this));
        menu->exec(m_list->viewport()->mapToGlobal(pos));
    });

    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(QStringLiteral("migrationOutput"));
    m_tabs->setDocumentMode(true);
    m_log = new MigrationLogView(m_tabs);
    m_log->setObjectName(QStringLiteral("migrationLog"));
    m_log->setPlaceholderText(tr("What Apply, Dry Run and Roll Back do shows here as it happens."));
    m_tabs->addTab(m_log, tr("Log"));

    m_lockView = makeTable(m_lockModel, m_tabs);
    m_lockView->setObjectName(QStringLiteral("lockReport"));
    QHeaderView *lockHeader = m_lockView->horizontalHeader();
    lockHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A long file name must not push Relation and Lock out of a narrow dock: the location column
    // has a fixed share and elides in the middle (the line number stays visible).
    lockHeader->setSectionResizeMode(LockReportModel::LocationColumn, QHeaderView::Interactive);
    lockHeader->resizeSection(LockReportModel::LocationColumn, 110);
    m_lockView->setTextElideMode(Qt::ElideMiddle);
    lockHeader->setSectionResizeMode(LockReportModel::NoteColumn, QHeaderView::Stretch);
    connect(m_lockView, &QTableView::doubleClicked, this, &MigrationsPanel::openLockRow);
    m_tabs->addTab(m_lockView, tr("Lock Report"));
    m_tabs->setTabEnabled(LockTab, false);
    m_tabs->setTabToolTip(LockTab, tr("Filled by a dry run"));

    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_tabs);
    // Equal shares: after a dry run the lock report is read as much as the list.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);
}

QSize MigrationsPanel::sizeHint() const
{
    return {900, 260};
}

void MigrationsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // In a wide, low bottom dock the list and the log sit side by side; in a tall one, stacked.
    const Qt::Orientation wanted = event->size().width() > 2 * event->size().height()
                                       ? Qt::Horizontal
                                       : Qt::Vertical;
    if (m_splitter->orientation() != wanted)
        m_splitter->setOrientation(wanted);
}

// ---- folder and connection ----

void MigrationsPanel::setFolder(const QString &directory)
{
    const QString folder = directory.isEmpty() ? QString() : QDir(directory).absolutePath();
    if (folder == m_folder)
        return;
    m_folder = folder;
    m_progress->hide(); // the last outcome was about another folder
    m_lockModel->clear();
    m_tabs->setTabEnabled(LockTab, false);
    m_model->setEntries({});
    refresh();
}

void MigrationsPanel::setConnection(ConnectionWorker *worker, const ConnectionProfile &profile)
{
    if (isBusy()) {
        // The old run belongs to the old connection: forget it (it still stops on its own).
        if (m_job) {
            m_job->disconnect(this);
            m_job->stop();
            m_job->deleteLater();
            m_job = nullptr;
        }
        m_log->append(tr("The connection changed; the run in progress no longer reports here."),
                      MigrationLogView::Kind::Error);
        m_run = Run::None;
        emit busyChanged(false);
    }
    disconnect(m_workerOpened);
    m_worker = worker;
    m_profile = profile;
    // The window hands over a session that may still be opening: read the status once it is.
    if (worker && !worker->isOpen())
        m_workerOpened = connect(worker, &ConnectionWorker::opened, this, &MigrationsPanel::refresh);
    m_progress->hide();
    m_model->setEntries({});
    m_lockModel->clear();
    m_tabs->setTabEnabled(LockTab, false);
    refresh();
}

bool MigrationsPanel::canRun() const
{
    return !m_folder.isEmpty() && m_worker && m_worker->isOpen() && !isBusy() && !m_confirming;
}

QString MigrationsPanel::databaseName() const
{
    if (m_worker && !m_worker->serverInfo().database.isEmpty())
        return m_worker->serverInfo().database;
    ConnInfo info;
    QString error;
    if (ConnInfo::parse(m_profile.conninfo, &info, &error)
        && !info.value(QStringLiteral("dbname")).isEmpty())
        return info.value(QStringLiteral("dbname"));
    return m_profile.name;
}

// ---- progress ----

void MigrationsPanel::setProgressText(const QString &text)
{
    // QProgressBar expands %p, %v and %m in its format; a description is shown as written.
    QString format = text;
    format.replace(QLatin1Char('%'), QChar(0xFF05));
    m_progress->setFormat(format);
}

void MigrationsPanel::onEvent(const MigrationEvent &event)
{
    const QString name = label(event.version, event.description);
    const QString ofTotal
        = m_total > 1 ? tr(" · migration %1 of %2").arg(qMin(m_finished + 1, m_total)).arg(m_total)
                      : QString();
    switch (event.kind) {
    case MigrationEvent::Kind::Log:
        m_log->append(event.message);
        break;
    case MigrationEvent::Kind::MigrationStarted: {
        m_log->append(event.message);
        m_model->setRunning(event.version, tr("Running…"));
        const int row = m_model->rowOfVersion(event.version);
        if (row >= 0)
            m_list->scrollTo(m_model->index(row, 0));
        if (m_total > 0)
            m_progress->setValue(qMin(m_finished, m_total) * 100);
        setProgressText(name + ofTotal);
        break;
    }
    case MigrationEvent::Kind::StatementFinished: {
        const int count = qMax(1, event.statementCount);
        m_log->append(tr("  statement %1 of %2 done in %3")
                          .arg(event.statementIndex)
                          .arg(event.statementCount)
                          .arg(MigrationListModel::formatDuration(event.elapsedMs)),
                      MigrationLogView::Kind::Detail);
        m_model->setRunning(event.version, tr("Running %1/%2").arg(event.statementIndex).arg(count));
        if (m_total > 0)
            m_progress->setValue(qMin(m_finished, m_total - 1) * 100
                                 + event.statementIndex * 100 / count);
        setProgressText(tr("%1 — statement %2 of %3").arg(name).arg(event.statementIndex).arg(count)
                        + ofTotal);
        break;
    }
    case MigrationEvent::Kind::MigrationFinished:
        ++m_finished;
        m_log->append(tr("%1 done in %2")
                          .arg(name, MigrationListModel::formatDuration(event.elapsedMs)),
                      MigrationLogView::Kind::Success);
        // The row turns green (or back to pending) now; the real history row comes with the result.
        m_model->markFinished(event.version, m_run == Run::Rollback, event.elapsedMs);
        if (m_total > 0)
            m_progress->setValue(qMin(m_finished, m_total) * 100);
        break;
    case MigrationEvent::Kind::MigrationFailed:
        m_log->append(event.message, MigrationLogView::Kind::Error);
        m_model->setRunning({}, {});
        break;
    }
}

void MigrationsPanel::onNotice(const Notice &notice)
{
    if (m_run == Run::Status)
        return;
    m_log->append(QStringLiteral("%1: %2").arg(notice.severity.isEmpty() ? QStringLiteral("NOTICE")
                                                                         : notice.severity,
                                               notice.message),
                  MigrationLogView::Kind::Notice);
}

void MigrationsPanel::onFinished(Run run, const MigrationRunResult &result)
{
    if (!result.historyTable.isEmpty())
        m_toolHistory = result.tool == MigrationTool::Slipway
                            ? QString()
                            : tr("%1's %2").arg(MigrationTools::title(result.tool),
                                                result.historyTable);
    if (!result.historyTable.isEmpty()) {
        m_toolNotice = result.toolNotice;
        const int size = m_summary->fontMetrics().height();
        m_toolBadge->setPixmap(MigrationToolIcon::icon(result.tool).pixmap(size, size));
        m_toolBadge->setToolTip(tr("Recorded in %1's %2")
                                    .arg(MigrationTools::title(result.tool), result.historyTable));
        m_toolBadge->show();
    }
    m_lastResult = result;
    m_model->setRunning({}, {});
    const bool ok = result.ok();
    if (run == Run::Status) {
        m_model->setEntries(result.status);
        if (ok)
            noticeHistoryChange(result.status);
        if (!ok) {
            m_statusProblem = result.message;
            m_log->append(result.message, MigrationLogView::Kind::Error);
        }
        finishRun(ok, {}, {});
        emit statusLoaded();
        return;
    }
    // A run that stopped before reading the history (e.g. the runner lock) has no status.
    const bool reread = result.status.isEmpty();
    if (!reread)
        m_model->setEntries(result.status);

    // The bar gets a few words; the log (and the bar's tooltip) the whole sentence.
    QString outcome;
    QString brief;
    const int done = int(result.done.size());
    switch (result.outcome) {
    case MigrationRunResult::Outcome::Ok:
        if (run == Run::DryRun) {
            brief = tr("Dry run finished"); // replaced by the figures below
        } else if (done == 0) {
            outcome = run == Run::Rollback ? tr("Nothing to roll back.")
                                           : tr("The database is up to date.");
            brief = outcome;
        } else {
            const QString took = MigrationListModel::formatDuration(m_timer.elapsed());
            outcome = run == Run::Rollback
                          ? tr("Rolled back %1 in %2.")
                                .arg(result.done.join(QStringLiteral(", ")), took)
                          : tr("Applied %n migration(s) in %1.", nullptr, done).arg(took);
            brief = run == Run::Rollback ? tr("Rolled back %n migration(s)", nullptr, done)
                                         : tr("Applied %n migration(s)", nullptr, done);
        }
        break;
    case MigrationRunResult::Outcome::Cancelled:
        outcome = tr("Stopped on request.");
        brief = tr("Stopped on request");
        break;
    case MigrationRunResult::Outcome::LockTimeout:
        outcome = tr("Another migration run holds the lock.");
        brief = tr("Locked by another run");
        break;
    case MigrationRunResult::Outcome::InputError:
    case MigrationRunResult::Outcome::Failed:
        outcome = run == Run::DryRun ? tr("The dry run found problems; nothing was changed.")
                                     : tr("Failed; see the log.");
        brief = run == Run::DryRun ? tr("Dry run found problems") : tr("Failed");
        break;
    }
    MigrationLogView::Kind kind = ok ? MigrationLogView::Kind::Success
                                     : MigrationLogView::Kind::Error;
    const bool dryRunRan = run == Run::DryRun
                           && (ok || result.cause == MigrationRunResult::Cause::DryRunFailed);
    if (dryRunRan) {
        // Passed, failed and not rehearsed, coloured by the worst of them.
        const DryRunSummary summary = DryRunSummary::of(result.dryRun);
        brief = tr("Dry run: %1 passed · %2 failed · %3 not rehearsed")
                    .arg(summary.passed)
                    .arg(summary.failed)
                    .arg(summary.notRehearsed.size());
        outcome = tr("Dry run: %n statement(s) passed", nullptr, summary.passed) + QLatin1String(", ")
                  + tr("%n failed", nullptr, summary.failed) + QLatin1String(", ")
                  + tr("%n not rehearsed", nullptr, int(summary.notRehearsed.size()))
                  + QLatin1String("; ") + tr("nothing was changed.");
        for (const QString &statement : summary.notRehearsed)
            outcome += QLatin1Char('\n') + tr("Not rehearsed: %1").arg(statement);
        if (!summary.notRehearsed.isEmpty())
            outcome += QLatin1Char('\n')
                       + tr("The deploy wizard's rehearsal on a restored copy runs them.");
        if (summary.failed == 0 && !summary.notRehearsed.isEmpty())
            kind = MigrationLogView::Kind::Warning;
    }
    if (run == Run::DryRun) {
        m_lockModel->setStatements(result.dryRun);
        m_tabs->setTabEnabled(LockTab, true);
        if (!result.dryRun.isEmpty())
            m_tabs->setCurrentIndex(LockTab);
        if (const int exclusive = m_lockModel->exclusiveCount())
            outcome += QLatin1Char(' ') + tr("%n ACCESS EXCLUSIVE lock(s).", nullptr, exclusive);
    }
    if (run == Run::Migrate || run == Run::Rollback) {
        recordAudit(run, result);
        // Whatever ran, even part of a failed migration, may have changed the schema.
        if (!result.done.isEmpty() || result.outcome == MigrationRunResult::Outcome::Failed
            || result.outcome == MigrationRunResult::Outcome::Cancelled)
            DatabaseChanges::instance()->announce(m_profile.targetKey(),
                                                  DatabaseChanges::Source::Migrations,
                                                  this);
        if (!reread)
            noticeHistoryChange(result.status);
    }
    // A failed migration already logged the same message with its MigrationFailed event.
    if (!ok && !result.message.isEmpty()
        && result.cause != MigrationRunResult::Cause::MigrationFailed)
        m_log->append(result.message, MigrationLogView::Kind::Error);
    m_log->append(outcome, kind);
    if (!ok)
        m_tabs->setCurrentIndex(LogTab);
    m_lastOutcomeKind = kind;
    QPalette palette = m_progress->palette();
    const QColor text = kind == MigrationLogView::Kind::Warning
                            ? SemanticColors::color(SemanticColors::Role::Warning, palette)
                        : kind == MigrationLogView::Kind::Error
                            ? SemanticColors::color(SemanticColors::Role::Error, palette)
                            : this->palette().color(QPalette::Text);
    palette.setColor(QPalette::Text, text);
    m_progress->setPalette(palette);
    finishRun(ok, brief, outcome);
    emit runFinished(ok);
    if (reread)
        refresh();
}

void MigrationsPanel::onFailed(Run run, const DbError &error)
{
    m_model->setRunning({}, {});
    m_log->append(error.toDisplayString(), MigrationLogView::Kind::Error);
    if (run == Run::Status) {
        m_statusProblem = error.message.section(QLatin1Char('\n'), 0, 0);
        finishRun(false, {}, {});
        emit statusLoaded();
        return;
    }
    const QString outcome = tr("Failed: %1").arg(error.message.section(QLatin1Char('\n'), 0, 0));
    m_tabs->setCurrentIndex(LogTab);
    finishRun(false, tr("Failed"), outcome);
    emit runFinished(false);
}

// A status read that finds the history of this database and folder different from the last
// read saw a change made elsewhere (the CLI, another window): the other views hear of it.
void MigrationsPanel::noticeHistoryChange(const QList<MigrationStatusEntry> &status)
{
    QStringList applied{m_profile.targetKey(), m_folder};
    for (const MigrationStatusEntry &entry : status) {
        if (entry.history)
            applied << entry.version + QLatin1Char(' ') + MigrationStatusEntry::stateName(entry.state)
                           + QLatin1Char(' ') + entry.history->installedOn;
    }
    const bool sameTarget = m_seenHistory.mid(0, 2) == applied.mid(0, 2);
    const bool changed = sameTarget && m_seenHistory != applied;
    m_seenHistory = applied;
    if (changed && m_run == Run::Status)
        DatabaseChanges::instance()->announce(m_profile.targetKey(),
                                              DatabaseChanges::Source::StatusRead,
                                              this);
}

void MigrationsPanel::recordAudit(Run run, const MigrationRunResult &result)
{
    const MigrationAudit::Run audited{run == Run::Rollback ? QStringLiteral("rollback")
                                                           : QStringLiteral("migrate"),
                                      QStringLiteral("slipway"),
                                      m_profile.engine == Connection::Engine::SQLite,
                                      m_profile.conninfo,
                                      m_folder,
                                      m_started};
    QString error;
    if (!MigrationAudit::record(audited, result, &error))
        m_log->append(tr("Could not write the audit log: %1").arg(error),
                      MigrationLogView::Kind::Error);
}

void MigrationsPanel::finishRun(bool ok, const QString &brief, const QString &outcome)
{
    const Run run = m_run;
    m_run = Run::None;
    if (m_job) {
        m_job->deleteLater(); // we are in one of its signals
        m_job = nullptr;
    }
    if (run != Run::Status) {
        m_progress->setRange(0, 1);
        m_progress->setValue(ok ? 1 : 0);
        setProgressText(brief);
        m_progress->setToolTip(outcome);
    }
    m_cancelAction->setText(tr("Cancel"));
    updateSummary();
    updateActions();
    emit busyChanged(false);
    if (m_refreshAfterRun) {
        m_refreshAfterRun = false;
        QMetaObject::invokeMethod(this, &MigrationsPanel::refresh, Qt::QueuedConnection);
    }
}

// ---- presentation ----

void MigrationsPanel::updateSummary()
{
    QString text;
    bool problem = false;
    const bool open = m_worker && m_worker->isOpen();
    if (m_folder.isEmpty()) {
        text = tr("Open a migration folder (File ▸ Open Migration Folder…).");
    } else if (!open) {
        text = tr("Connect to a database to see which migrations of %1 are applied.")
                   .arg(QDir(m_folder).dirName());
    } else if (m_run == Run::Status) {
        text = tr("Reading the history of %1…").arg(databaseName());
    } else if (!m_statusProblem.isEmpty()) {
        text = m_statusProblem.section(QLatin1Char('\n'), 0, 1).simplified();
        problem = true;
    } else if (m_model->rowCount() == 0) {
        text = tr("%1: no migrations in %2.").arg(databaseName(), QDir(m_folder).dirName());
    } else {
        QStringList parts;
        const int applied = m_model->countInState(State::Applied);
        const int pending = m_model->pendingCount();
        parts << tr("%n applied", nullptr, applied) << tr("%n pending", nullptr, pending);
        for (State state : {State::Failed, State::ChecksumMismatch, State::MissingFile}) {
            if (const int n = m_model->countInState(state))
                parts << QStringLiteral("%1 %2").arg(n).arg(
                    MigrationStatusEntry::stateTitle(state).toLower());
        }
        if (!m_toolHistory.isEmpty())
            parts << tr("recorded in %1").arg(m_toolHistory);
        // The tool's own word on its history (a lock left behind) leads: it blocks every run.
        if (!m_toolNotice.isEmpty())
            parts.prepend(m_toolNotice.section(QLatin1Char('.'), 0, 0));
        text = tr("%1: %2").arg(databaseName(), parts.join(QStringLiteral(" · ")));
        problem = !m_toolNotice.isEmpty()
                  || m_model->countInState(State::Failed)
                             + m_model->countInState(State::ChecksumMismatch)
                             + m_model->countInState(State::MissingFile)
                         > 0;
    }
    m_summary->setText(text);
    m_summary->setToolTip(!m_statusProblem.isEmpty() ? m_statusProblem
                          : !m_toolNotice.isEmpty()  ? m_toolNotice
                                                     : QDir::toNativeSeparators(m_folder));
    QPalette palette = m_summary->palette();
    palette.setColor(QPalette::WindowText,
                     problem ? SemanticColors::color(SemanticColors::Role::Error, palette)
                             : this->palette().color(QPalette::WindowText));
    m_summary->setPalette(palette);
}

void MigrationsPanel::updateActions()
{
    const bool open = !m_folder.isEmpty() && m_worker && m_worker->isOpen();
    const bool idle = open && !isBusy() && !m_confirming;
    const int pending = m_model->pendingCount();
    m_refreshAction->setEnabled(idle);
    m_applyAction->setEnabled(idle && pending > 0);
    m_applyAction->setToolTip(pending > 0 ? tr("Apply %n pending migration(s)", nullptr, pending)
                                          : tr("Nothing to apply"));
    m_dryRunAction->setEnabled(idle && pending > 0);

    const int last = lastAppliedRow(m_model->entries());
    const MigrationStatusEntry entry = m_model->entry(last);
    const bool hasDown = last >= 0 && entry.migration && entry.migration->hasRollback();
    m_rollbackAction->setEnabled(idle && hasDown);
    if (last < 0)
        m_rollbackAction->setToolTip(tr("Nothing is applied"));
    else if (!hasDown)
        m_rollbackAction->setToolTip(
            tr("%1 has no rollback script").arg(label(entry.version, entry.description)));
    else
        m_rollbackAction->setToolTip(
            tr("Run the rollback script of %1").arg(label(entry.version, entry.description)));

    const bool running = isBusy() && m_run != Run::Status;
    m_cancelAction->setEnabled(running);
    m_cancelNowAction->setEnabled(running);
}

// ---- opening scripts ----

void MigrationsPanel::openScript(const QModelIndex &index, bool down)
{
    if (!index.isValid())
        return;
    const QString path = m_model
                             ->data(index,
                                    down ? MigrationListModel::DownPathRole
                                         : MigrationListModel::UpPathRole)
                             .toString();
    // A Liquibase changeset is a part of its changelog: the file opens at its --changeset line.
    const MigrationStatusEntry &entry = m_model->entry(index.row());
    const int line = entry.migration && entry.migration->changeSet
                         ? entry.migration->changeSet->firstLine
                         : 0;
    if (!path.isEmpty())
        emit scriptRequested(path, line);
}

void MigrationsPanel::openLockRow(const QModelIndex &index)
{
    const QString file = m_lockModel->data(index, LockReportModel::FileRole).toString();
    if (file.isEmpty() || m_folder.isEmpty())
        return;
    emit scriptRequested(QDir(m_folder).filePath(file),
                         m_lockModel->data(index, LockReportModel::LineRole).toInt());
}

QMenu *MigrationsPanel::contextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const QString up = m_model->data(index, MigrationListModel::UpPathRole).toString();
    const QString down = m_model->data(index, MigrationListModel::DownPathRole).toString();
    const QString version = m_model->entry(index.row()).version;

    QAction *openUp = menu->addAction(tr("Open Up Script"), this, [this, index] {
        openScript(index, false);
    });
    openUp->setObjectName(QStringLiteral("openUp"));
    openUp->setEnabled(!up.isEmpty());
    QAction *openDown = menu->addAction(tr("Open Down Script"), this, [this, index] {
        openScript(index, true);
    });
    openDown->setObjectName(QStringLiteral("openDown"));
    openDown->setEnabled(!down.isEmpty());
    QAction *both = menu->addAction(tr("Open Up and Down Side by Side"), this, [this, up] {
        emit migrationRequested(up);
    });
    both->setObjectName(QStringLiteral("openMigration"));
    both->setEnabled(!up.isEmpty());
    menu->addSeparator();
    QAction *copy = menu->addAction(tr("Copy Version"), this, [version] {
        QApplication::clipboard()->setText(version);
    });
    copy->setObjectName(QStringLiteral("copyVersion"));
    copy->setEnabled(!version.isEmpty());
    return menu;
}
