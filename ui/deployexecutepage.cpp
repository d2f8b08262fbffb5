#include "deploypages.h"

#include "db/conninfo.h"
#include "deploy/deployworkdirectory.h"
#include "deployworker.h"
#include "deploywizard.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

// ---- execute ----

DeployExecutePage::DeployExecutePage()
{
    setTitle(tr("Execute"));
    setSubTitle(tr("Applies the pending migrations. Cancel stops after the statement that is running; a migration "
                   "that runs in a transaction is then rolled back whole."));
    m_confirm = new QLineEdit;
    m_confirm->setObjectName(QStringLiteral("confirmDatabase"));
    m_apply = new QPushButton(tr("Apply migrations"));
    m_apply->setObjectName(QStringLiteral("apply"));
    m_cancel = new QPushButton(tr("Cancel after this statement"));
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar;
    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Production: type the database name to confirm:"), m_confirm);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_log, 1);
    connect(m_confirm, &QLineEdit::textChanged, this, [this] { m_apply->setEnabled(confirmed()); });
    connect(m_apply, &QPushButton::clicked, this, &DeployExecutePage::apply);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        deployWizard()->worker()->stop();
        m_log->appendPlainText(tr("Stopping after the current statement…"));
    });
}

DeployWizard *DeployExecutePage::deployWizard() const
{
    return qobject_cast<DeployWizard *>(wizard());
}

bool DeployExecutePage::confirmed() const
{
    const DeployTarget &target = deployWizard()->session().target();
    if (!target.production)
        return true;
    ConnInfo parsed;
    QString error;
    ConnInfo::parse(target.conninfo, &parsed, &error);
    return !m_confirm->text().isEmpty() && m_confirm->text() == parsed.databaseName();
}

void DeployExecutePage::initializePage()
{
    const bool production = deployWizard()->session().target().production;
    m_confirm->setVisible(production);
    if (auto *form = qobject_cast<QFormLayout *>(static_cast<QVBoxLayout *>(layout())->itemAt(0)->layout()))
        form->setRowVisible(0, production);
    const DeployExecution &execution = deployWizard()->execution();
    m_apply->setEnabled(confirmed() && execution.outcome != DeployExecution::Outcome::Applied);
    if (!m_connected) {
        DeployWorker *worker = deployWizard()->worker();
        connect(worker, &DeployWorker::migrationEvent, this, [this](const MigrationEvent &event) {
            if (!event.message.isEmpty() && event.kind != MigrationEvent::Kind::StatementFinished)
                m_log->appendPlainText(event.message);
            if (event.kind == MigrationEvent::Kind::MigrationFinished)
                m_progress->setValue(++m_done);
        });
        connect(worker, &DeployWorker::applied, this, [this](const DeployExecution &done) {
            deployWizard()->setExecution(done);
            m_cancel->setEnabled(false);
            m_log->appendPlainText(done.outcome == DeployExecution::Outcome::Applied
                                       ? tr("Applied %n migration(s).", nullptr, int(done.applied.size()))
                                       : done.message);
            m_apply->setEnabled(done.outcome != DeployExecution::Outcome::Applied && confirmed());
            emit completeChanged();
        });
        m_connected = true;
    }
}

void DeployExecutePage::apply()
{
    if (!confirmed())
        return;
    m_done = 0;
    m_progress->setRange(0, 0);
    m_apply->setEnabled(false);
    m_cancel->setEnabled(true);
    m_log->appendPlainText(tr("Applying to %1…").arg(deployWizard()->session().target().displayName));
    // A known count of migrations gives a real progress bar; otherwise it stays busy.
    const int pending = DeployChecks::pendingCount(deployWizard()->knowledge());
    if (pending > 0)
        m_progress->setRange(0, pending);
    deployWizard()->worker()->apply();
}

bool DeployExecutePage::isComplete() const
{
    return deployWizard() && deployWizard()->execution().outcome == DeployExecution::Outcome::Applied;
}

// ---- report ----

DeployReportPage::DeployReportPage()
{
    setTitle(tr("Report"));
    setSubTitle(tr("Recorded in the audit log. Save it as Markdown, HTML or PDF for the change record."));
    m_report = new QTextBrowser;
    m_report->setObjectName(QStringLiteral("report"));
    m_audit = new QLabel;
    auto *save = new QPushButton(tr("Save report…"));
    save->setObjectName(QStringLiteral("saveReport"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_audit, 1);
    row->addWidget(save);
    // The deploy's dump and rehearsal server stay until the user says (they may want to look).
    m_work = new QLabel;
    m_work->setObjectName(QStringLiteral("workDirectory"));
    m_work->setWordWrap(true);
    m_work->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_removeWork = new QPushButton(tr("Remove Them"));
    m_removeWork->setObjectName(QStringLiteral("removeWork"));
    auto *workRow = new QHBoxLayout;
    workRow->addWidget(m_work, 1);
    workRow->addWidget(m_removeWork);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addLayout(workRow);
    layout->addWidget(m_report, 1);
    connect(m_removeWork, &QPushButton::clicked, this, [this] {
        auto *deploy = qobject_cast<DeployWizard *>(wizard());
        QString error;
        const bool removed = deploy->removeWork(&error);
        m_work->setText(removed ? tr("Removed the dump and the rehearsal server.") : error);
        m_removeWork->setEnabled(!removed);
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save report"), QDir::homePath() + QStringLiteral("/deploy-report.pdf"),
                                                          tr("PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"));
        QString error;
        if (!path.isEmpty() && !saveReport(path, &error))
            m_audit->setText(error);
    });
}

void DeployReportPage::initializePage()
{
    auto *deploy = qobject_cast<DeployWizard *>(wizard());
    const qint64 id = deploy->recordAudit(true);
    m_audit->setText(id > 0 ? tr("Recorded as deploy #%1 in the audit log.").arg(id) : tr("The audit log could not be written."));
    m_report->setMarkdown(deploy->report());
    const bool work = QFileInfo(deploy->workDirectory()).isDir();
    m_work->setText(work ? tr("Kept for this deploy: %1.")
                               .arg(DeployWorkDirectory::describe(deploy->workDirectory()))
                         : tr("This deploy kept no dump or rehearsal server."));
    m_removeWork->setEnabled(work);
}

bool DeployReportPage::saveReport(const QString &path, QString *error)
{
    return DeployReport::write(path, qobject_cast<DeployWizard *>(wizard())->report(), error);
}
