#include "deploypages.h"

#include "semanticcolors.h"

#include "deployworker.h"
#include "lintacceptdialog.h"
#include "deploywizard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
enum Column { ItemColumn, StatusColumn, ProgressColumn, SummaryColumn, TimeColumn };
const int IdRole = Qt::UserRole;

QString statusLabel(CheckResult::Status status)
{
    switch (status) {
    case CheckResult::Status::NotRun:
        return DeployChecksPage::tr("not run");
    case CheckResult::Status::Running:
        return DeployChecksPage::tr("running…");
    case CheckResult::Status::Passed:
        return DeployChecksPage::tr("passed");
    case CheckResult::Status::Warning:
        return DeployChecksPage::tr("warning");
    case CheckResult::Status::Failed:
        return DeployChecksPage::tr("FAILED");
    case CheckResult::Status::Cancelled:
        return DeployChecksPage::tr("cancelled");
    }
    return {};
}

QColor statusColour(CheckResult::Status status)
{
    switch (status) {
    case CheckResult::Status::Passed:
        return SemanticColors::color(SemanticColors::Role::Success);
    case CheckResult::Status::Warning:
        return SemanticColors::color(SemanticColors::Role::Warning);
    case CheckResult::Status::Failed:
    case CheckResult::Status::Cancelled:
        return SemanticColors::color(SemanticColors::Role::Error);
    default:
        return SemanticColors::color(SemanticColors::Role::Muted);
    }
}
} // namespace

DeployChecksPage::DeployChecksPage(ChecklistItem::Phase phase)
    : m_phase(phase)
{
    const bool verify = phase == ChecklistItem::Phase::Verify;
    setTitle(verify ? tr("Verify") : tr("Automated checks"));
    setSubTitle(verify ? tr("After the migrations: verify scripts, ANALYZE of the touched tables, and the last sign-offs.")
                       : tr("Each check proves its box and leaves evidence. Select a check to read it."));
    m_items = new QTreeWidget;
    m_items->setObjectName(QStringLiteral("items"));
    m_items->setRootIsDecorated(false);
    m_items->setHeaderLabels({tr("Check"), tr("Status"), tr("Progress"), tr("Result"), tr("ms")});
    m_items->header()->setSectionResizeMode(SummaryColumn, QHeaderView::Stretch);
    m_evidence = new QTextBrowser;
    m_evidence->setObjectName(QStringLiteral("evidence"));
    m_evidence->setOpenExternalLinks(false);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_step = new QLabel;
    m_runAll = new QPushButton(tr("Run all"));
    m_runAll->setObjectName(QStringLiteral("runAll"));
    m_rerun = new QPushButton(tr("Run selected again"));
    m_rerun->setObjectName(QStringLiteral("rerun"));
    m_accept = new QPushButton(tr("Accept a lint finding…"));
    m_accept->setObjectName(QStringLiteral("acceptLint"));
    m_accept->setToolTip(tr("Sign off an error-level finding with a reason; the report lists it"));
    m_accept->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setEnabled(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runAll);
    buttons->addWidget(m_rerun);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_items);
    splitter->addWidget(m_evidence);
    if (verify) {
        m_signOffs = new SignOffList({ChecklistItem::Phase::Verify});
        splitter->addWidget(m_signOffs);
    }
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_step);
    layout->addWidget(splitter, 1);

    connect(m_runAll, &QPushButton::clicked, this, &DeployChecksPage::runAll);
    connect(m_rerun, &QPushButton::clicked, this, &DeployChecksPage::rerunSelected);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        deployWizard()->worker()->stop();
        m_step->setText(tr("Cancelling…"));
    });
    connect(m_items, &QTreeWidget::currentItemChanged, this, &DeployChecksPage::showEvidence);
    connect(m_accept, &QPushButton::clicked, this, &DeployChecksPage::acceptLint);
}

DeployWizard *DeployChecksPage::deployWizard() const
{
    return qobject_cast<DeployWizard *>(wizard());
}

QList<ChecklistItem::Phase> DeployChecksPage::phases() const
{
    if (m_phase == ChecklistItem::Phase::Verify)
        return {ChecklistItem::Phase::Verify};
    return {ChecklistItem::Phase::Prepare, ChecklistItem::Phase::Execute};
}

void DeployChecksPage::initializePage()
{
    DeployWorker *worker = deployWizard()->worker();
    if (!m_connected) {
        connect(worker, &DeployWorker::itemStarted, this, &DeployChecksPage::onStarted);
        connect(worker, &DeployWorker::itemFinished, this, &DeployChecksPage::onFinished);
        connect(worker, &DeployWorker::progress, this, &DeployChecksPage::onProgress);
        connect(worker, &DeployWorker::busyChanged, this, [this](bool busy) {
            if (!busy && m_running)
                setRunning(false);
        });
        m_connected = true;
    }
    if (m_signOffs)
        m_signOffs->load(deployWizard());
    refresh();
    // Nothing checked yet: start at once; what ran before (a resumed deploy) stays as it was.
    bool anyRun = false;
    for (const ChecklistItem &item : deployWizard()->session().checklist().items()) {
        if (!item.isManual() && phases().contains(item.phase)
            && deployWizard()->session().result(item.id).status != CheckResult::Status::NotRun)
            anyRun = true;
    }
    if (!anyRun && m_items->topLevelItemCount() > 0)
        runAll();
}

void DeployChecksPage::refresh()
{
    m_itemProgress = nullptr; // clear() below deletes it with its row
    const QString selected = m_items->currentItem() ? m_items->currentItem()->data(ItemColumn, IdRole).toString() : QString();
    m_items->clear();
    const DeploySession &session = deployWizard()->session();
    for (const ChecklistItem &item : session.checklist().items()) {
        if (item.isManual() || !phases().contains(item.phase))
            continue;
        const CheckResult result = session.result(item.id);
        auto *row = new QTreeWidgetItem(m_items);
        row->setData(ItemColumn, IdRole, item.id);
        row->setText(ItemColumn, item.title);
        row->setToolTip(ItemColumn, item.help);
        const bool waiting = m_running && m_queued.contains(item.id);
        row->setText(StatusColumn, waiting ? tr("waiting") : statusLabel(result.status));
        if (m_running && item.id == m_runningItem) {
            // The running check's own bar; an empty range says "busy" for a step of unknown length.
            m_itemProgress = new QProgressBar;
            m_itemProgress->setObjectName(QStringLiteral("itemProgress"));
            m_itemProgress->setRange(0, 0);
            m_items->setItemWidget(row, ProgressColumn, m_itemProgress);
        }
        row->setForeground(StatusColumn, statusColour(result.status));
        row->setText(SummaryColumn, result.summary);
        row->setToolTip(SummaryColumn, result.summary);
        row->setText(TimeColumn, result.elapsedMs > 0 ? QString::number(result.elapsedMs) : QString());
        if (item.id == selected)
            m_items->setCurrentItem(row);
    }
    m_items->resizeColumnToContents(ItemColumn);
    m_items->resizeColumnToContents(StatusColumn);
    if (!m_items->currentItem() && m_items->topLevelItemCount() > 0)
        m_items->setCurrentItem(m_items->topLevelItem(0));
    showEvidence();
}

void DeployChecksPage::showEvidence()
{
    QTreeWidgetItem *row = m_items->currentItem();
    if (!row) {
        m_evidence->clear();
        return;
    }
    const QString id = row->data(ItemColumn, IdRole).toString();
    const CheckResult result = deployWizard()->session().result(id);
    const ChecklistItem *item = deployWizard()->session().checklist().item(id);
    m_accept->setVisible(item && item->kind == QLatin1String("lint-clean") && !result.openSignOffKeys.isEmpty());
    m_evidence->setMarkdown(result.evidence.isEmpty() ? result.summary : QStringLiteral("**%1**\n\n%2").arg(result.summary, result.evidence));
}

void DeployChecksPage::setRunning(bool running)
{
    m_running = running;
    m_runAll->setEnabled(!running);
    m_rerun->setEnabled(!running);
    m_cancel->setEnabled(running);
    if (!running) {
        m_queued.clear();
        m_runningItem.clear();
        m_step->setText(tr("Done."));
        m_progress->setRange(0, 100);
        m_progress->setValue(100);
        // A check cut short by closing or cancelling is not a result.
        DeploySession &session = deployWizard()->session();
        for (const ChecklistItem &item : session.checklist().items()) {
            if (session.result(item.id).status == CheckResult::Status::Running)
                session.setResult(item.id, {});
        }
        refresh();
        deployWizard()->saveState();
    }
    emit completeChanged();
}

void DeployChecksPage::runAll()
{
    DeploySession &session = deployWizard()->session();
    m_queued.clear();
    for (const ChecklistItem &item : session.checklist().items()) {
        if (!item.isManual() && phases().contains(item.phase)) {
            session.setResult(item.id, {});
            m_queued << item.id;
        }
    }
    m_runTotal = int(m_queued.size());
    m_runDone = 0;
    setRunning(true);
    showOverallProgress();
    refresh();
    deployWizard()->worker()->runPhases(session, phases());
}

void DeployChecksPage::showOverallProgress()
{
    m_progress->setRange(0, qMax(1, m_runTotal));
    m_progress->setValue(m_runDone);
}

void DeployChecksPage::onStarted(const QString &itemId)
{
    if (!m_running || !deployWizard()->session().checklist().item(itemId))
        return;
    m_queued.removeAll(itemId);
    m_runningItem = itemId;
    CheckResult running;
    running.status = CheckResult::Status::Running;
    deployWizard()->session().setResult(itemId, running);
    refresh();
}

void DeployChecksPage::onProgress(const QString &step, int percent)
{
    if (!m_running)
        return;
    m_step->setText(step);
    if (m_itemProgress) {
        m_itemProgress->setRange(0, percent < 0 ? 0 : 100);
        m_itemProgress->setValue(qMax(0, percent));
    }
}

void DeployChecksPage::rerunSelected()
{
    QTreeWidgetItem *row = m_items->currentItem();
    if (!row)
        return;
    const QString id = row->data(ItemColumn, IdRole).toString();
    m_queued = {id};
    m_runTotal = 1;
    m_runDone = 0;
    setRunning(true);
    showOverallProgress();
    refresh();
    deployWizard()->worker()->runItem(deployWizard()->session(), id);
}

void DeployChecksPage::onFinished(const QString &itemId, const CheckResult &result)
{
    if (!deployWizard()->session().checklist().item(itemId))
        return;
    deployWizard()->session().setResult(itemId, result);
    deployWizard()->saveState();
    if (itemId == m_runningItem)
        m_runningItem.clear();
    ++m_runDone;
    showOverallProgress();
    refresh();
}

void DeployChecksPage::acceptLint()
{
    QTreeWidgetItem *row = m_items->currentItem();
    if (!row)
        return;
    const QString id = row->data(ItemColumn, IdRole).toString();
    auto *dialog = new LintAcceptDialog(deployWizard()->session().result(id).openSignOffKeys, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        deployWizard()->session().signLint(dialog->key(), dialog->signOff());
        rerunSelected(); // the check reads the sign-offs again
    });
    dialog->open();
}

bool DeployChecksPage::isComplete() const
{
    return !m_running;
}
