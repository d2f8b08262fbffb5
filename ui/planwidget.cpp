#include "planwidget.h"

#include "plandetailspanel.h"
#include "planscene.h"
#include "planview.h"

#include "explain/planadvisor.h"
#include "explain/planexporter.h"
#include "explain/plannodesmodel.h"
#include "explain/planparser.h"
#include "explain/planstatsmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QTableView *makeTable(QWidget *parent, QAbstractItemModel *model, int sortColumn)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole);
    auto *table = new QTableView(parent);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, Qt::DescendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    table->setFrameShape(QFrame::NoFrame);
    return table;
}

QString zoomText(double zoom)
{
    return PlanWidget::tr("%1 %", "zoom level").arg(QLocale().toString(qRound(zoom * 100)));
}

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

PlanWidget::PlanWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("planWidget"));
    setAcceptDrops(true);
    m_title = tr("Plan");

    m_scene = new PlanScene(this);
    m_view = new PlanView(this);
    m_view->setPlanScene(m_scene);
    m_details = new PlanDetailsPanel(this);

    auto *pictureAndTables = new QSplitter(Qt::Vertical, this);
    pictureAndTables->addWidget(m_view);
    pictureAndTables->addWidget(createBottomTabs());
    pictureAndTables->setStretchFactor(0, 3);
    pictureAndTables->setStretchFactor(1, 1);
    pictureAndTables->setSizes({640, 170});
    pictureAndTables->setChildrenCollapsible(false);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("planSplitter"));
    split->addWidget(pictureAndTables);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 340});

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(createToolBar());
    contentLayout->addWidget(split, 1);

    m_placeholder = new QLabel(
        tr("Paste a plan (Ctrl+V) — EXPLAIN output in JSON or text, as psql, pgAdmin "
           "or DBeaver show it — or drop a plan file here.\nIn an SQL console, F7 "
           "explains the statement under the cursor and Shift+F7 runs EXPLAIN ANALYZE."),
        this);
    m_placeholder->setObjectName(QStringLiteral("planPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setContentsMargins(40, 40, 40, 40);
    m_placeholder->setEnabled(false);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    auto *paste = new QAction(tr("Paste Plan"), this);
    paste->setShortcut(QKeySequence::Paste);
    paste->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(paste, &QAction::triggered, this, &PlanWidget::pasteFromClipboard);
    addAction(paste);

    connect(m_scene, &PlanScene::nodeSelected, this, [this](int node) {
        m_details->showNode(node);
        emit nodeSelected(node);
    });
}

PlanWidget::~PlanWidget()
{
    // The scene and the models read m_plan and m_metrics; they go before the members do.
    m_scene->setPlan(nullptr, nullptr);
    m_nodesModel->setPlan(nullptr, nullptr);
    m_statsModel->setPlan(nullptr, nullptr);
}

QWidget *PlanWidget::createToolBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("planBar"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(6);
    m_summary = new QLabel(bar);
    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary, 1);

    layout->addWidget(new QLabel(tr("Colour by"), bar));
    m_heat = new QComboBox(bar);
    m_heat->setObjectName(QStringLiteral("heatChooser"));
    for (PlanHeat::Metric metric :
         {PlanHeat::Time, PlanHeat::Rows, PlanHeat::Cost, PlanHeat::Buffers})
        m_heat->addItem(PlanHeat::label(metric), int(metric));
    connect(m_heat, &QComboBox::currentIndexChanged, this, [this] {
        m_scene->setHeat(PlanHeat::Metric(m_heat->currentData().toInt()));
    });
    layout->addWidget(m_heat);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("planSearch"));
    m_search->setPlaceholderText(tr("Find node or table…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_matches = m_scene->highlight(text);
        m_matchIndex = -1;
    });
    connect(m_search, &QLineEdit::returnPressed, this, &PlanWidget::findNext);
    layout->addWidget(m_search);

    m_zoom = new QLabel(bar);
    m_zoom->setObjectName(QStringLiteral("planZoom"));
    m_zoom->setToolTip(tr("Zoom: the mouse wheel or + and − zoom, 0 fits the plan to the pane"));
    m_zoom->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Wide enough for the widest level, so that the bar does not shift while zooming.
    m_zoom->setMinimumWidth(m_zoom->fontMetrics().horizontalAdvance(zoomText(3.0)));
    connect(m_view, &PlanView::zoomChanged, this, [this] {
        m_zoom->setText(zoomText(m_view->zoom()));
    });
    m_zoom->setText(zoomText(m_view->zoom()));
    layout->addWidget(m_zoom);

    // Checked while the picture follows the pane's size; a zoom or pan by hand releases it.
    auto *fit = toolButton(bar,
                           tr("Fit"),
                           tr("Fit the plan to the pane and keep it fitted when the pane is "
                              "resized, until you zoom or move it (0)"));
    fit->setObjectName(QStringLiteral("planFit"));
    fit->setCheckable(true);
    fit->setChecked(m_view->autoFit());
    connect(fit, &QToolButton::clicked, this, [this, fit] {
        m_view->fitToView();
        fit->setChecked(true); // a click on the checked button fits again, it does not release
    });
    connect(m_view, &PlanView::autoFitChanged, fit, &QToolButton::setChecked);
    auto *actual = toolButton(bar, tr("100 %"), tr("Actual size"));
    actual->setObjectName(QStringLiteral("planActualSize"));
    connect(actual, &QToolButton::clicked, m_view, &PlanView::resetZoom);
    auto *expand = toolButton(bar,
                              tr("Expand all"),
                              tr("Show collapsed nodes and every node of grouped siblings"));
    connect(expand, &QToolButton::clicked, m_scene, &PlanScene::expandAll);
    auto *exportButton = toolButton(bar, tr("Export…"), tr("Save the picture as SVG or PNG"));
    connect(exportButton, &QToolButton::clicked, this, &PlanWidget::showExportDialog);
    layout->addWidget(fit);
    layout->addWidget(actual);
    layout->addWidget(expand);
    layout->addWidget(exportButton);
    return bar;
}

QWidget *PlanWidget::createBottomTabs()
{
    m_bottomTabs = new QTabWidget(this);
    m_bottomTabs->setObjectName(QStringLiteral("planTabs"));
    m_bottomTabs->setDocumentMode(true);

    m_nodesModel = new PlanNodesModel(this);
    m_grid = makeTable(this, m_nodesModel, PlanNodesModel::SelfTime);
    m_grid->setObjectName(QStringLiteral("planGrid"));
    connect(m_grid->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    selectNode(current.data(PlanNodesModel::NodeIdRole).toInt());
            });
    m_bottomTabs->addTab(m_grid, tr("Nodes"));

    auto *stats = new QWidget(this);
    auto *statsLayout = new QVBoxLayout(stats);
    statsLayout->setContentsMargins(0, 4, 0, 0);
    m_statsGrouping = new QComboBox(stats);
    m_statsGrouping->addItem(tr("Per table"));
    m_statsGrouping->addItem(tr("Per node type"));
    m_statsModel = new PlanStatsModel(this);
    connect(m_statsGrouping, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_statsModel->setGrouping(index == 0 ? PlanStatsModel::Grouping::ByTable
                                             : PlanStatsModel::Grouping::ByNodeType);
    });
    m_stats = makeTable(stats, m_statsModel, PlanStatsModel::SelfTime);
    m_stats->setObjectName(QStringLiteral("planStats"));
    auto *groupingRow = new QHBoxLayout;
    groupingRow->setContentsMargins(6, 0, 6, 0);
    groupingRow->addWidget(m_statsGrouping);
    groupingRow->addStretch(1);
    statsLayout->addLayout(groupingRow);
    statsLayout->addWidget(m_stats, 1);
    m_bottomTabs->addTab(stats, tr("Statistics"));

    m_findingsList = new QListWidget(this);
    m_findingsList->setObjectName(QStringLiteral("planFindings"));
    m_findingsList->setWordWrap(true);
    m_findingsList->setFrameShape(QFrame::NoFrame);
    connect(m_findingsList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_findings.size())
            selectNode(m_findings.at(row).node);
    });
    m_bottomTabs->addTab(m_findingsList, tr("Findings"));

    m_sourceView = new QPlainTextEdit(this);
    m_sourceView->setObjectName(QStringLiteral("planSource"));
    m_sourceView->setReadOnly(true);
    m_sourceView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sourceView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sourceView->setFrameShape(QFrame::NoFrame);
    m_bottomTabs->addTab(m_sourceView, tr("Source"));
    return m_bottomTabs;
}

bool PlanWidget::loadText(const QString &text, QString *error)
{
    Plan plan;
    PlanParseError parseError;
    if (!PlanParser::parse(text, &plan, &parseError)) {
        if (error)
            *error = parseError.toString();
        return false;
    }
    // Views referring to the old plan let go of it before it is replaced.
    m_scene->setPlan(nullptr, nullptr);
    m_nodesModel->setPlan(nullptr, nullptr);
    m_statsModel->setPlan(nullptr, nullptr);
    m_plan = std::move(plan);
    m_metrics = PlanMetrics::compute(m_plan);
    m_findings = PlanAdvisor::findings(m_plan, m_metrics);
    m_source = text;
    showPlan();
    return true;
}

bool PlanWidget::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    if (!loadText(QString::fromUtf8(file.readAll()), error))
        return false;
    setTitle(QFileInfo(path).fileName());
    return true;
}

void PlanWidget::showPlan()
{
    m_scene->setPlan(&m_plan, &m_metrics);
    m_nodesModel->setPlan(&m_plan, &m_metrics);
    m_statsModel->setPlan(&m_plan, &m_metrics);
    m_details->setPlan(&m_plan, &m_metrics, m_findings);
    m_findingsList->clear();
    for (const PlanFinding &finding : std::as_const(m_findings)) {
        auto *item = new QListWidgetItem(finding.sql.isEmpty()
                                             ? finding.message
                                             : finding.message + QLatin1Char('\n') + finding.sql,
                                         m_findingsList);
        item->setToolTip(item->text());
    }
    m_bottomTabs->setTabText(2,
                             m_findings.isEmpty() ? tr("Findings")
                                                  : tr("Findings (%1)").arg(m_findings.size()));
    m_sourceView->setPlainText(m_source);
    m_grid->resizeColumnsToContents();
    m_grid->horizontalHeader()->setSectionResizeMode(PlanNodesModel::Target,
                                                     QHeaderView::Interactive);
    m_grid->setColumnWidth(PlanNodesModel::Target,
                           std::min(m_grid->columnWidth(PlanNodesModel::Target), 260));
    m_stats->resizeColumnsToContents();
    m_stack->setCurrentIndex(1);
    updateSummary();
    m_view->fitToView();
    if (!m_search->text().isEmpty())
        m_matches = m_scene->highlight(m_search->text());
}

void PlanWidget::updateSummary()
{
    QStringList parts;
    if (m_plan.executionTime() >= 0)
        parts << tr("<b>Execution</b> %1 ms").arg(QLocale().toString(m_plan.executionTime(), 'f', 3));
    if (m_plan.planningTime() >= 0)
        parts << tr("<b>Planning</b> %1 ms").arg(QLocale().toString(m_plan.planningTime(), 'f', 3));
    if (!m_plan.hasActuals())
        parts << tr("estimates only (no ANALYZE)");
    parts << (m_plan.size() == 1 ? tr("1 node")
                                 : tr("%1 nodes").arg(QLocale().toString(m_plan.size())));
    QString text = parts.join(QStringLiteral(" &nbsp;·&nbsp; "));
    if (!m_note.isEmpty())
        text += QStringLiteral(" &nbsp;<span style=\"color:#9a6700\">%1</span>")
                    .arg(m_note.toHtmlEscaped());
    m_summary->setText(text);
}

void PlanWidget::setTitle(const QString &title)
{
    m_title = title;
    emit titleChanged();
}

void PlanWidget::setNote(const QString &note)
{
    m_note = note;
    updateSummary();
}

void PlanWidget::selectNode(int node)
{
    m_scene->selectNode(node);
    m_view->centerOnNode(node);
    m_details->showNode(node);
}

void PlanWidget::findNext()
{
    if (m_matches.isEmpty())
        return;
    m_matchIndex = (m_matchIndex + 1) % int(m_matches.size());
    selectNode(m_matches.at(m_matchIndex));
}

void PlanWidget::pasteFromClipboard()
{
    const QString text = QApplication::clipboard()->text();
    QString error;
    if (!loadText(text, &error))
        QMessageBox::warning(this,
                             tr("Paste Plan"),
                             tr("The clipboard does not hold a plan Slipway can read:\n%1")
                                 .arg(error));
}

bool PlanWidget::exportPicture(const QString &path, QString *error)
{
    const PlanExporter exporter(m_plan, m_metrics, m_scene->heat());
    const QByteArray data = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)
                                ? exporter.svg()
                                : exporter.png();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void PlanWidget::showExportDialog()
{
    if (!hasPlan())
        return;
    auto *dialog = new QFileDialog(this, tr("Export Plan Picture"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("SVG picture (*.svg)"), tr("PNG image (*.png)")});
    dialog->setDefaultSuffix(QStringLiteral("svg"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!exportPicture(path, &error))
            QMessageBox::warning(this,
                                 tr("Export Plan Picture"),
                                 tr("Could not save %1: %2").arg(path, error));
    });
    dialog->open();
}

void PlanWidget::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void PlanWidget::dropEvent(QDropEvent *event)
{
    QString error;
    bool loaded = false;
    const QMimeData *mime = event->mimeData();
    if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile())
        loaded = loadFile(mime->urls().first().toLocalFile(), &error);
    else if (mime->hasText())
        loaded = loadText(mime->text(), &error);
    if (loaded)
        event->acceptProposedAction();
    else
        QMessageBox::warning(this,
                             tr("Open Plan"),
                             tr("This is not a plan Slipway can read:\n%1").arg(error));
}
