#include "plancomparewidget.h"

#include "plannodeitem.h"
#include "planscene.h"
#include "planview.h"

#include "explain/plandiffmodel.h"
#include "explain/planparser.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QString figure(double value, bool timed)
{
    return timed ? QLocale().toString(value, 'f', 3) + QStringLiteral(" ms")
                 : QLocale().toString(value, 'f', 2);
}

QWidget *labelled(QWidget *parent, QLabel *label, QWidget *content)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    label->setContentsMargins(8, 4, 8, 4);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

PlanCompareWidget::PlanCompareWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("planCompare"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(10, 6, 10, 6);

    m_beforeScene = new PlanScene(this);
    m_afterScene = new PlanScene(this);
    m_beforeView = new PlanView(this);
    m_afterView = new PlanView(this);
    m_beforeView->setPlanScene(m_beforeScene);
    m_afterView->setPlanScene(m_afterScene);
    m_beforeLabel = new QLabel(this);
    m_afterLabel = new QLabel(this);

    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(labelled(sides, m_beforeLabel, m_beforeView));
    sides->addWidget(labelled(sides, m_afterLabel, m_afterView));

    m_model = new PlanDiffModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(PlanDiffModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PlanDiffModel::Change, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setFrameShape(QFrame::NoFrame);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            [this](const QModelIndex &current) {
                const int after = current.data(PlanDiffModel::AfterNodeRole).toInt();
                const int before = current.data(PlanDiffModel::BeforeNodeRole).toInt();
                if (after >= 0)
                    afterSelected(after);
                else if (before >= 0)
                    beforeSelected(before);
            });

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(sides);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_beforeScene, &PlanScene::nodeSelected, this, &PlanCompareWidget::beforeSelected);
    connect(m_afterScene, &PlanScene::nodeSelected, this, &PlanCompareWidget::afterSelected);
}

PlanCompareWidget::~PlanCompareWidget()
{
    m_beforeScene->setPlan(nullptr, nullptr);
    m_afterScene->setPlan(nullptr, nullptr);
    m_model->setDiff(nullptr, nullptr, {});
}

QString PlanCompareWidget::title() const
{
    return tr("%1 ↔ %2").arg(m_beforeTitle, m_afterTitle);
}

bool PlanCompareWidget::loadTexts(const QString &before, const QString &after, QString *error)
{
    Plan first;
    Plan second;
    PlanParseError parseError;
    if (!PlanParser::parse(before, &first, &parseError)) {
        if (error)
            *error = tr("before: %1").arg(parseError.toString());
        return false;
    }
    if (!PlanParser::parse(after, &second, &parseError)) {
        if (error)
            *error = tr("after: %1").arg(parseError.toString());
        return false;
    }
    setPlans(first, tr("Before"), second, tr("After"));
    return true;
}

void PlanCompareWidget::setPlans(const Plan &before,
                                 const QString &beforeTitle,
                                 const Plan &after,
                                 const QString &afterTitle)
{
    m_beforeScene->setPlan(nullptr, nullptr);
    m_afterScene->setPlan(nullptr, nullptr);
    m_model->setDiff(nullptr, nullptr, {});
    m_before = before;
    m_after = after;
    m_beforeTitle = beforeTitle;
    m_afterTitle = afterTitle;
    m_beforeMetrics = PlanMetrics::compute(m_before);
    m_afterMetrics = PlanMetrics::compute(m_after);
    m_diff = PlanDiff::compare(m_before, m_beforeMetrics, m_after, m_afterMetrics);
    showDiff();
}

void PlanCompareWidget::showDiff()
{
    m_beforeScene->setPlan(&m_before, &m_beforeMetrics);
    m_afterScene->setPlan(&m_after, &m_afterMetrics);
    m_model->setDiff(&m_before, &m_after, m_diff);
    m_beforeLabel->setText(tr("Before: %1").arg(m_beforeTitle));
    m_afterLabel->setText(tr("After: %1").arg(m_afterTitle));

    const bool timed = m_diff.timed();
    QString text = timed ? tr("<b>Execution</b> %1 → %2")
                               .arg(figure(m_diff.beforeTotal(), true),
                                    figure(m_diff.afterTotal(), true))
                         : tr("<b>Estimated cost</b> %1 → %2")
                               .arg(figure(m_diff.beforeTotal(), false),
                                    figure(m_diff.afterTotal(), false));
    const double speedup = m_diff.speedup();
    if (speedup >= 1)
        text += tr(" &nbsp;<span style=\"color:#1a7f37\"><b>%1× faster</b></span>")
                    .arg(QLocale().toString(speedup, 'f', 2));
    else if (speedup > 0)
        text += tr(" &nbsp;<span style=\"color:#c91d2e\"><b>%1× slower</b></span>")
                    .arg(QLocale().toString(1 / speedup, 'f', 2));
    if (m_diff.beforeBuffers() > 0 || m_diff.afterBuffers() > 0) {
        QLocale locale;
        text += tr(" &nbsp;·&nbsp; buffers %1 → %2")
                    .arg(locale.toString(qint64(m_diff.beforeBuffers())),
                         locale.toString(qint64(m_diff.afterBuffers())));
    }
    const QList<PlanDiff::Entry> worse = m_diff.worse();
    if (!worse.isEmpty()) {
        QStringList names;
        for (const PlanDiff::Entry &entry : worse.mid(0, 3))
            names << m_after.node(entry.after).displayName().toHtmlEscaped();
        text += tr("<br>Worse: %1").arg(names.join(QStringLiteral(", ")));
    }
    m_summary->setText(text);
    m_table->resizeColumnsToContents();
    m_beforeView->fitToView();
    m_afterView->fitToView();
}

void PlanCompareWidget::beforeSelected(int node)
{
    if (m_syncing)
        return;
    m_syncing = true;
    const int match = node < 0 ? -1 : m_diff.matchOfBefore(node);
    m_beforeScene->selectNode(node);
    m_afterScene->selectNode(match);
    if (match >= 0)
        m_afterView->centerOnNode(match);
    m_syncing = false;
}

void PlanCompareWidget::afterSelected(int node)
{
    if (m_syncing)
        return;
    m_syncing = true;
    const int match = node < 0 ? -1 : m_diff.matchOfAfter(node);
    m_afterScene->selectNode(node);
    m_beforeScene->selectNode(match);
    if (match >= 0)
        m_beforeView->centerOnNode(match);
    m_syncing = false;
}
