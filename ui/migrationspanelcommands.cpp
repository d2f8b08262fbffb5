// MigrationsPanel's commands: refresh, apply, dry run and roll back — each asked first where it
// changes the database, then started on the panel's session — and stopping a run.

#include "migrationspanel.h"

#include "db/connectionworker.h"
#include "migrationview/migrationjob.h"
#include "migrationview/migrationlistmodel.h"
#include "migrationview/lockreportmodel.h"
#include "productionguard.h"
#include "runconfirmation.h"

#include <QAction>
#include <QPointer>
#include <QProgressBar>
#include <QTabWidget>

// ---- commands ----

void MigrationsPanel::refresh()
{
    if (isBusy() || m_confirming) {
        m_refreshAfterRun = true; // e.g. the folder changed under a run
        return;
    }
    m_statusProblem.clear();
    if (!canRun()) {
        updateSummary();
        updateActions();
        return;
    }
    start(Run::Status, {}, {});
}

void MigrationsPanel::apply()
{
    if (!canRun())
        return;
    const int pending = m_model->pendingCount();
    QList<RunConfirmation::Script> scripts;
    for (const MigrationStatusEntry &entry : m_model->entries()) {
        if (entry.needsRun() && entry.migration)
            scripts << RunConfirmation::describe(label(entry.version, entry.description),
                                                 *entry.migration,
                                                 false);
    }
    const Confirmation confirmation{
        tr("Apply %n migration(s) to %1?", nullptr, pending).arg(databaseName()),
        tr("Apply %n Migration(s)", nullptr, pending),
        scripts,
        false};
    confirmThenStart(Run::Migrate,
                     {},
                     tr("Applying %n migration(s) to %1", nullptr, pending).arg(databaseName()),
                     {tr("apply %n migration(s)", nullptr, pending)},
                     confirmation);
}

void MigrationsPanel::dryRun()
{
    if (!canRun())
        return;
    MigrationRunOptions options;
    options.dryRun = true;
    // Nothing to confirm unless on production: the dry run rolls back whatever it did.
    confirmThenStart(Run::DryRun,
                     options,
                     tr("Dry run of %n migration(s) on %1", nullptr, m_model->pendingCount())
                         .arg(databaseName()),
                     {tr("a dry run takes the same locks as the real run until it rolls back")},
                     std::nullopt);
}

void MigrationsPanel::rollbackLast()
{
    if (!canRun())
        return;
    const int row = lastAppliedRow(m_model->entries());
    if (row < 0)
        return;
    const MigrationStatusEntry entry = m_model->entry(row);
    if (!entry.migration)
        return;
    MigrationRunOptions options;
    options.steps = 1;
    const QString name = label(entry.version, entry.description);
    const Confirmation confirmation{tr("Roll back %1 on %2?").arg(name, databaseName()),
                                    tr("Roll Back %1").arg(name),
                                    {RunConfirmation::describe(name, *entry.migration, true)},
                                    true};
    confirmThenStart(Run::Rollback,
                     options,
                     tr("Rolling back %1 on %2").arg(name, databaseName()),
                     {tr("roll back %1").arg(name)},
                     confirmation);
}

void MigrationsPanel::confirmThenStart(Run run,
                                       const MigrationRunOptions &options,
                                       const QString &title,
                                       const QStringList &reasons,
                                       const std::optional<Confirmation> &confirmation)
{
    if (!confirmation) {
        guardThenStart(run, options, title, reasons);
        return;
    }
    m_confirming = true;
    updateActions();
    QPointer<MigrationsPanel> self(this);
    RunConfirmation::ask(this,
                         confirmation->question,
                         confirmation->action,
                         confirmation->scripts,
                         confirmation->destructive,
                         [self, run, options, title, reasons](bool ok) {
                             if (!self)
                                 return;
                             self->m_confirming = false;
                             if (!ok) {
                                 self->m_log->append(tr("Not run: cancelled."),
                                                     MigrationLogView::Kind::Detail);
                                 self->updateActions();
                                 return;
                             }
                             self->guardThenStart(run, options, title, reasons);
                         });
}

// A production database also wants its name typed, on top of any confirmation.
void MigrationsPanel::guardThenStart(Run run,
                                     const MigrationRunOptions &options,
                                     const QString &title,
                                     const QStringList &reasons)
{
    if (!canRun()) {
        updateActions();
        return;
    }
    if (!m_profile.production) {
        start(run, options, title);
        return;
    }
    m_confirming = true;
    updateActions();
    QPointer<MigrationsPanel> self(this);
    const QString database = databaseName();
    ProductionGuard::confirm(this, database, reasons, [self, run, options, title, database](bool ok) {
        if (!self)
            return;
        self->m_confirming = false;
        if (ok && self->canRun()) {
            self->start(run, options, title);
            return;
        }
        self->m_log
            ->append(tr("Not run: the database name was not confirmed (this is the production "
                        "database \"%1\").")
                         .arg(database),
                     MigrationLogView::Kind::Error);
        self->updateActions();
    });
}

void MigrationsPanel::start(Run run, const MigrationRunOptions &options, const QString &title)
{
    m_run = run;
    m_timer.start();
    m_started = QDateTime::currentDateTimeUtc();
    m_finished = 0;
    m_total = run == Run::Migrate ? m_model->pendingCount() : run == Run::Rollback ? 1 : 0;
    m_cancelAction->setText(tr("Cancel"));
    m_cancelAction->setToolTip(tr("Stop after the current statement; a migration in a "
                                  "transaction rolls back. Press again to cancel the statement "
                                  "itself."));
    // A status read is quick and says so in the summary; the bar keeps the last run's outcome.
    if (run != Run::Status) {
        m_progress->show();
        m_progress->setRange(0, m_total > 0 ? m_total * 100 : 0); // 0..0: busy indicator
        m_progress->setValue(0);
        setProgressText(run == Run::DryRun ? tr("Dry run…") : tr("Starting…"));
        m_progress->setToolTip(QString());
        m_log->append(QString());
        m_log->append(title + QStringLiteral(" …"));
        if (run == Run::DryRun) {
            m_lockModel->clear();
            m_tabs->setTabEnabled(LockTab, false);
        }
        m_tabs->setCurrentIndex(LogTab);
    }
    updateSummary();
    updateActions();
    emit busyChanged(true);

    const MigrationJob::Kind kind = run == Run::Migrate    ? MigrationJob::Kind::Migrate
                                    : run == Run::DryRun   ? MigrationJob::Kind::DryRun
                                    : run == Run::Rollback ? MigrationJob::Kind::Rollback
                                                           : MigrationJob::Kind::Status;
    m_job = new MigrationJob(m_worker, m_folder, kind, options, this);
    connect(m_job, &MigrationJob::progress, this, &MigrationsPanel::onEvent);
    connect(m_job, &MigrationJob::notice, this, &MigrationsPanel::onNotice);
    connect(m_job, &MigrationJob::finished, this, [this, run](const MigrationRunResult &result) {
        onFinished(run, result);
    });
    connect(m_job, &MigrationJob::failed, this, [this, run](const DbError &error) {
        onFailed(run, error);
    });
    m_job->start();
}

void MigrationsPanel::stop()
{
    if (!m_job || m_job->stopRequested())
        return;
    m_job->stop();
    m_log->append(
        tr("Stopping after the current statement… (Cancel again to cancel the statement now)"),
        MigrationLogView::Kind::Notice);
    m_cancelAction->setText(tr("Cancel Now"));
    m_cancelAction->setToolTip(tr("Cancel the statement that runs now"));
    setProgressText(tr("Stopping after the current statement…"));
}

void MigrationsPanel::cancelNow()
{
    if (!m_job)
        return;
    m_job->cancelNow();
    m_log->append(tr("Cancelling the running statement…"), MigrationLogView::Kind::Notice);
    m_cancelAction->setEnabled(false);
    m_cancelNowAction->setEnabled(false);
}

