#include "plandetailspanel.h"

#include "explain/plan.h"
#include "explain/plankeys.h"
#include "explain/planmetrics.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString grouped(double value)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return locale.toString(qint64(value));
    QString text = locale.toString(value, 'f', 3);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    return text;
}

QString milliseconds(double ms)
{
    return QLocale().toString(ms, 'f', 3) + QStringLiteral(" ms");
}

// The fields people look for first come first; the rest follow in alphabetical order.
int fieldRank(const QString &key)
{
    static const QStringList order{
        QStringLiteral("Node Type"),
        QStringLiteral("Strategy"),
        QStringLiteral("Partial Mode"),
        QStringLiteral("Operation"),
        QStringLiteral("Join Type"),
        QStringLiteral("Parent Relationship"),
        QStringLiteral("Subplan Name"),
        QStringLiteral("Relation Name"),
        QStringLiteral("Schema"),
        QStringLiteral("Alias"),
        QStringLiteral("Index Name"),
        QStringLiteral("Scan Direction"),
        QStringLiteral("CTE Name"),
        QStringLiteral("Function Name"),
        QStringLiteral("Startup Cost"),
        QStringLiteral("Total Cost"),
        QStringLiteral("Plan Rows"),
        QStringLiteral("Plan Width"),
        QStringLiteral("Actual Startup Time"),
        QStringLiteral("Actual Total Time"),
        QStringLiteral("Actual Rows"),
        QStringLiteral("Actual Loops"),
        QStringLiteral("Index Cond"),
        QStringLiteral("Recheck Cond"),
        QStringLiteral("Hash Cond"),
        QStringLiteral("Merge Cond"),
        QStringLiteral("Join Filter"),
        QStringLiteral("Filter"),
        QStringLiteral("Rows Removed by Filter"),
    };
    const qsizetype at = order.indexOf(key);
    return at < 0 ? int(order.size()) : int(at);
}

} // namespace

PlanDetailsPanel::PlanDetailsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("planDetails"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle = new QLabel(this);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setWordWrap(true);
    QPalette dim = m_subtitle->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    m_subtitle->setPalette(dim);

    // Findings read as sentences, so they wrap here instead of being cut off in the tree.
    m_findingsLabel = new QLabel(this);
    m_findingsLabel->setObjectName(QStringLiteral("detailsFindings"));
    m_findingsLabel->setTextFormat(Qt::RichText);
    m_findingsLabel->setWordWrap(true);
    m_findingsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findingsLabel->setStyleSheet(
        QStringLiteral("QLabel#detailsFindings { background: #fff8e5; border: 1px solid #f0d890;"
                       " border-radius: 4px; padding: 6px; }"));
    m_findingsLabel->hide();

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("detailsTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->setColumnWidth(0, 190);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("Copy"), m_tree);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &PlanDetailsPanel::copySelection);
    m_tree->addAction(copy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(4);
    layout->addWidget(m_findingsLabel);
    layout->addWidget(m_tree, 1);
    showNode(-1);
}

void PlanDetailsPanel::setPlan(const Plan *plan,
                               const PlanMetrics *metrics,
                               const QList<PlanFinding> &findings)
{
    m_plan = plan;
    m_metrics = metrics;
    m_findings = findings;
    showNode(-1);
}

QTreeWidgetItem *PlanDetailsPanel::section(const QString &title)
{
    auto *item = new QTreeWidgetItem(m_tree, {title});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

void PlanDetailsPanel::addRow(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {name, value});
    item->setToolTip(1, value);
}

void PlanDetailsPanel::addJson(QTreeWidgetItem *parent, const QString &name, const QJsonValue &value)
{
    // Zero block counts and I/O times are noise; psql's text output leaves them out too.
    const bool counter = name.endsWith(QLatin1String(" Blocks"))
                         || (name.contains(QLatin1String("I/O"))
                             && name.endsWith(QLatin1String(" Time")));
    if (counter && value.isDouble() && value.toDouble() == 0)
        return;
    if (value.isObject()) {
        auto *item = new QTreeWidgetItem(parent, {name});
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addJson(item, it.key(), it.value());
        item->setExpanded(true);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        bool scalars = true;
        QStringList texts;
        for (const QJsonValue &element : array) {
            scalars = scalars && !element.isObject() && !element.isArray();
            texts << element.toVariant().toString();
        }
        if (scalars && array.size() <= 1) {
            addRow(parent, name, texts.join(QStringLiteral(", ")));
            return;
        }
        auto *item = new QTreeWidgetItem(parent,
                                         {name,
                                          scalars ? texts.join(QStringLiteral(", ")) : QString()});
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue element = array.at(i);
            QString label = QStringLiteral("%1").arg(i + 1);
            if (element.isObject() && element.toObject().contains(PlanKey::WorkerNumber))
                label = tr("Worker %1").arg(element.toObject().value(PlanKey::WorkerNumber).toInt());
            addJson(item, label, element);
        }
        item->setExpanded(!scalars);
    } else if (value.isBool()) {
        addRow(parent, name, value.toBool() ? tr("true") : tr("false"));
    } else if (value.isDouble()) {
        addRow(parent, name, grouped(value.toDouble()));
    } else {
        addRow(parent, name, value.toVariant().toString());
    }
}

void PlanDetailsPanel::showFindings(const QList<PlanFinding> &findings)
{
    QStringList items;
    for (const PlanFinding &finding : findings) {
        QString item = finding.message.toHtmlEscaped();
        if (!finding.sql.isEmpty())
            item += QStringLiteral("<br><code>%1</code>").arg(finding.sql.toHtmlEscaped());
        items << item;
    }
    m_findingsLabel->setText(items.join(QStringLiteral("<br><br>")));
    m_findingsLabel->setVisible(!items.isEmpty());
}

void PlanDetailsPanel::showSummary()
{
    m_title->setText(tr("Plan"));
    if (!m_plan || m_plan->isEmpty()) {
        m_subtitle->setText(tr("No plan loaded."));
        showFindings({});
        return;
    }
    m_subtitle->setText(tr("Click a node to see all its fields."));
    QTreeWidgetItem *overview = section(tr("Overview"));
    if (m_plan->executionTime() >= 0)
        addRow(overview, tr("Execution time"), milliseconds(m_plan->executionTime()));
    if (m_plan->planningTime() >= 0)
        addRow(overview, tr("Planning time"), milliseconds(m_plan->planningTime()));
    addRow(overview, tr("Nodes"), grouped(m_plan->size()));
    showFindings(m_findings);
    const QJsonObject top = m_plan->properties();
    if (!top.isEmpty()) {
        QTreeWidgetItem *fields = section(tr("Statement"));
        for (auto it = top.begin(); it != top.end(); ++it)
            addJson(fields, it.key(), it.value());
    }
}

void PlanDetailsPanel::showNode(int node)
{
    m_node = node;
    m_tree->clear();
    if (node < 0 || !m_plan || node >= m_plan->size()) {
        m_node = -1;
        showSummary();
        return;
    }
    const PlanNode &n = m_plan->node(node);
    const PlanMetrics::Node &m = m_metrics->node(node);
    m_title->setText(n.displayName());
    QStringList subtitle;
    if (!n.subplanName().isEmpty())
        subtitle << n.subplanName();
    if (!n.target().isEmpty())
        subtitle << n.target();
    if (m_metrics->hasTiming())
        subtitle << tr("%1 % of the time").arg(QLocale().toString(m.percent, 'f', 1));
    m_subtitle->setText(subtitle.join(QStringLiteral(" · ")));

    QList<PlanFinding> mine;
    for (const PlanFinding &finding : std::as_const(m_findings)) {
        if (finding.node == node)
            mine.append(finding);
    }
    showFindings(mine);

    QTreeWidgetItem *figures = section(tr("Figures"));
    if (n.neverExecuted()) {
        addRow(figures, tr("Executed"), tr("never"));
    } else if (m_metrics->hasTiming()) {
        addRow(figures, tr("Self time"), milliseconds(m.exclusiveMs));
        addRow(figures, tr("Total time"), milliseconds(m.inclusiveMs));
        addRow(figures,
               tr("Share of execution"),
               QLocale().toString(m.percent, 'f', 1) + QStringLiteral(" %"));
        if (m.processes > 1)
            addRow(figures,
                   tr("Processes"),
                   tr("%1 (leader and workers; times are per process)").arg(m.processes));
    }
    if (n.hasActuals() && !n.neverExecuted()) {
        addRow(figures, tr("Rows per loop"), grouped(n.actualRows()));
        addRow(figures, tr("Loops"), grouped(n.actualLoops()));
        addRow(figures, tr("Rows in all"), grouped(m.totalRows));
    }
    if (n.hasCosts())
        addRow(figures, tr("Estimated rows"), grouped(n.planRows()));
    if (m.estimate == PlanMetrics::Estimate::Under || m.estimate == PlanMetrics::Estimate::Over) {
        addRow(figures,
               tr("Misestimate"),
               (m.estimate == PlanMetrics::Estimate::Under ? tr("%1× more rows than estimated")
                                                           : tr("%1× fewer rows than estimated"))
                   .arg(QLocale().toString(m.misestimate, 'f', 2)));
    }
    if (n.hasCosts())
        addRow(figures, tr("Self cost"), QLocale().toString(m.exclusiveCost, 'f', 2));
    if (!n.buffers().isEmpty()) {
        auto *buffers = new QTreeWidgetItem(figures,
                                            {tr("Exclusive buffers"),
                                             grouped(m.exclusiveBuffers.total())});
        for (int c = 0; c < PlanBuffers::CounterCount; ++c) {
            const double value = m.exclusiveBuffers.value(PlanBuffers::Counter(c));
            if (value > 0)
                addRow(buffers, PlanBuffers::key(PlanBuffers::Counter(c)), grouped(value));
        }
        buffers->setExpanded(true);
    }

    QTreeWidgetItem *fields = section(tr("All fields"));
    const QJsonObject properties = n.properties();
    QStringList keys = properties.keys();
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const int ra = fieldRank(a);
        const int rb = fieldRank(b);
        return ra != rb ? ra < rb : a < b;
    });
    for (const QString &key : std::as_const(keys))
        addJson(fields, key, properties.value(key));
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(0, std::clamp(m_tree->columnWidth(0), 140, 240));
}

QString PlanDetailsPanel::valueOf(const QString &field) const
{
    QList<QTreeWidgetItem *> stack;
    for (int i = m_tree->topLevelItemCount() - 1; i >= 0; --i)
        stack.append(m_tree->topLevelItem(i));
    while (!stack.isEmpty()) {
        QTreeWidgetItem *item = stack.takeLast();
        if (item->text(0) == field)
            return item->text(1);
        for (int i = item->childCount() - 1; i >= 0; --i)
            stack.append(item->child(i));
    }
    return {};
}

void PlanDetailsPanel::copySelection()
{
    QStringList lines;
    for (QTreeWidgetItem *item : m_tree->selectedItems())
        lines << (item->text(1).isEmpty() ? item->text(0)
                                          : item->text(0) + QLatin1Char('\t') + item->text(1));
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}
