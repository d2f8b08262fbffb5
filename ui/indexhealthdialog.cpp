#include "indexhealthdialog.h"

#include "db/connectionworker.h"
#include "schema/indexhealthcheck.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

IndexHealthDialog::IndexHealthDialog(ConnectionWorker *worker, QWidget *parent)
    : QDialog(parent)
    , m_worker(worker)
{
    setObjectName(QStringLiteral("indexHealthDialog"));
    setWindowTitle(tr("Index Health"));
    resize(900, 560);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("healthStatus"));
    m_status->setWordWrap(true);

    m_view = new QTreeWidget(this);
    m_view->setObjectName(QStringLiteral("healthFindings"));
    m_view->setHeaderLabels({tr("Problem"), tr("Object"), tr("Size"), tr("Detail")});
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    m_fix = new QPlainTextEdit(this);
    m_fix->setObjectName(QStringLiteral("healthFix"));
    m_fix->setReadOnly(true);
    m_fix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_fix);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_openFix = buttons->addButton(tr("Open Fix in Editor"), QDialogButtonBox::ActionRole);
    m_openFix->setObjectName(QStringLiteral("openFix"));
    m_openAll = buttons->addButton(tr("Open All Fixes"), QDialogButtonBox::ActionRole);
    m_openAll->setObjectName(QStringLiteral("openAllFixes"));
    m_again = buttons->addButton(tr("Check Again"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_openFix, &QPushButton::clicked, this, &IndexHealthDialog::openSelected);
    connect(m_openAll, &QPushButton::clicked, this, &IndexHealthDialog::openAll);
    connect(m_again, &QPushButton::clicked, this, &IndexHealthDialog::check);
    connect(m_view, &QTreeWidget::currentItemChanged, this, &IndexHealthDialog::showSelected);
    connect(m_view, &QTreeWidget::itemActivated, this, &IndexHealthDialog::openSelected);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    check();
}

void IndexHealthDialog::check()
{
    m_findings.clear();
    m_period = {};
    showFindings();
    if (!m_worker || m_worker->engine() != Connection::Engine::PostgreSQL) {
        m_status->setText(tr("Index health needs a PostgreSQL connection."));
        return;
    }
    m_checking = true;
    m_again->setEnabled(false);
    m_status->setText(tr("Checking indexes…"));
    using Outcome = std::pair<QList<HealthFinding>, StatisticsPeriod>;
    m_worker->call<Outcome>(
        this,
        [](Connection &connection) {
            IndexHealthCheck check(connection);
            QList<HealthFinding> findings = check.run();
            return Outcome(std::move(findings), check.statisticsPeriod());
        },
        [this](Outcome outcome) {
            m_checking = false;
            m_again->setEnabled(true);
            m_findings = outcome.first;
            m_period = outcome.second;
            showFindings();
            const qsizetype found = m_findings.size();
            const QString summary
                = found == 0 ? tr("No problems found.")
                  : found == 1
                      ? tr("1 problem found. The fixes open in an editor tab; nothing runs by "
                           "itself.")
                      : tr("%n problems found. The fixes open in an editor tab; nothing runs by "
                           "itself.",
                           nullptr,
                           int(found));
            // Unused indexes are judged from counters: say over which period.
            m_status->setText(summary + u'\n' + m_period.describe());
            emit checked();
        },
        [this](const DbError &error) {
            m_checking = false;
            m_again->setEnabled(true);
            m_status->setText(tr("The check failed: %1").arg(error.message));
            emit checked();
        });
}

void IndexHealthDialog::showFindings()
{
    m_view->clear();
    for (const HealthFinding &finding : std::as_const(m_findings)) {
        const QString label = HealthFinding::kindLabel(finding.kind);
        auto *item = new QTreeWidgetItem(
            {finding.weak ? tr("%1 (weak evidence)").arg(label) : label,
             finding.object,
             finding.sizeBytes >= 0 ? QLocale().formattedDataSize(finding.sizeBytes) : QString(),
             finding.detail});
        item->setToolTip(3, finding.detail);
        m_view->addTopLevelItem(item);
    }
    if (m_view->topLevelItemCount() > 0)
        m_view->setCurrentItem(m_view->topLevelItem(0));
    showSelected();
}

void IndexHealthDialog::showSelected()
{
    const int row = m_view->currentItem() ? m_view->indexOfTopLevelItem(m_view->currentItem()) : -1;
    m_fix->setPlainText(
        row >= 0
            ? QStringLiteral("-- %1\n%2").arg(m_findings.at(row).detail, m_findings.at(row).fix)
            : QString());
    m_openFix->setEnabled(row >= 0);
    m_openAll->setEnabled(!m_findings.isEmpty());
}

void IndexHealthDialog::openSelected()
{
    const int row = m_view->currentItem() ? m_view->indexOfTopLevelItem(m_view->currentItem()) : -1;
    if (row < 0)
        return;
    const HealthFinding &finding = m_findings.at(row);
    emit sqlRequested(tr("Fix %1").arg(finding.object),
                      QStringLiteral("-- %1\n%2\n").arg(finding.detail, finding.fix),
                      false);
}

void IndexHealthDialog::openAll()
{
    QStringList parts;
    for (const HealthFinding &finding : std::as_const(m_findings))
        parts << QStringLiteral("-- %1: %2\n%3")
                     .arg(HealthFinding::kindLabel(finding.kind), finding.detail, finding.fix);
    emit sqlRequested(tr("Index health fixes"), parts.join(QStringLiteral("\n\n")) + u'\n', false);
}
