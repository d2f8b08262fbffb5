#include "resultview.h"

#include "db/resulttablemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

#include <climits>

namespace {

QString tsvCell(QString text)
{
    if (text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n'))
        || text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('"'))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

ResultView::ResultView(QWidget *parent)
    : QTableView(parent)
{
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setCornerButtonEnabled(true);
    setShowGrid(true);
    setGridStyle(Qt::SolidLine);

    // Fixed row heights are what keeps a million-row result cheap: the view computes the
    // scroll range by multiplication instead of asking every row for its size.
    const int rowHeight = fontMetrics().height() + 6;
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(rowHeight);
    verticalHeader()->setMinimumSectionSize(rowHeight);
    verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setMinimumSectionSize(40);
}

void ResultView::fitColumnsToContents(int sampleRows)
{
    QAbstractItemModel *m = model();
    if (!m)
        return;
    const QFontMetrics metrics = fontMetrics();
    const QFontMetrics headerMetrics = horizontalHeader()->fontMetrics();
    const int padding = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 12;
    const int maxWidth = qMax(160, viewport()->width() / 2);
    const int rows = qMin(m->rowCount(), sampleRows);
    for (int column = 0; column < m->columnCount(); ++column) {
        const QString header = m->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        int width = headerMetrics.horizontalAdvance(header) + padding + 8;
        for (int row = 0; row < rows; ++row) {
            const QString text = m->index(row, column).data(Qt::DisplayRole).toString();
            // Measuring a huge cell is wasted work: it will be elided anyway.
            width = qMax(width, metrics.horizontalAdvance(text.left(120)) + padding);
            if (width >= maxWidth)
                break;
        }
        setColumnWidth(column, qBound(60, width, maxWidth));
    }
}

QString ResultView::selectionAsTsv(bool withHeaders) const
{
    const QAbstractItemModel *m = model();
    if (!m || !selectionModel() || !selectionModel()->hasSelection())
        return {};
    // Work on selection ranges, not selectedIndexes(): a select-all on a million rows would
    // otherwise build millions of indexes first.
    const QItemSelection selection = selectionModel()->selection();
    int top = INT_MAX, bottom = -1, left = INT_MAX, right = -1;
    for (const QItemSelectionRange &range : selection) {
        top = qMin(top, range.top());
        bottom = qMax(bottom, range.bottom());
        left = qMin(left, range.left());
        right = qMax(right, range.right());
    }
    if (bottom < 0)
        return {};
    const bool rectangular = selection.size() == 1;
    const auto *results = qobject_cast<const ResultTableModel *>(m);
    auto cellText = [&](int row, int column) {
        // NULL copies as an empty cell, not as the word the grid shows.
        if (results)
            return results->text(row, column);
        return m->index(row, column).data(Qt::DisplayRole).toString();
    };

    QString out;
    if (withHeaders) {
        for (int column = left; column <= right; ++column) {
            if (column > left)
                out += QLatin1Char('\t');
            out += tsvCell(m->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        }
        out += QLatin1Char('\n');
    }
    for (int row = top; row <= bottom; ++row) {
        for (int column = left; column <= right; ++column) {
            if (column > left)
                out += QLatin1Char('\t');
            if (rectangular || selection.contains(m->index(row, column)))
                out += tsvCell(cellText(row, column));
        }
        out += QLatin1Char('\n');
    }
    return out;
}

void ResultView::copySelection(bool withHeaders)
{
    const QString text = selectionAsTsv(withHeaders);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ResultView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void ResultView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("Copy"), this, [this] { copySelection(false); });
    copy->setShortcut(QKeySequence::Copy);
    menu.addAction(tr("Copy with Headers"), this, [this] { copySelection(true); });
    menu.addSeparator();
    menu.addAction(tr("Select All"), this, [this] { selectAll(); });
    const bool hasSelection = selectionModel() && selectionModel()->hasSelection();
    const auto actions = menu.actions();
    actions.at(0)->setEnabled(hasSelection);
    actions.at(1)->setEnabled(hasSelection);
    menu.exec(event->globalPos());
}
