#include "plandiffmodel.h"

#include "semanticcolors.h"

#include "plan.h"

#include <QColor>

PlanDiffModel::PlanDiffModel(QObject *parent)
    : PlanTableModel(ColumnCount, parent)
{}

void PlanDiffModel::setDiff(const Plan *before, const Plan *after, const PlanDiff &diff)
{
    beginResetModel();
    m_before = before;
    m_after = after;
    m_diff = diff;
    endResetModel();
}

int PlanDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_after ? 0 : int(m_diff.entries().size());
}

QString PlanDiffModel::label(const PlanDiff::Entry &entry) const
{
    const PlanNode &node = entry.after >= 0 ? m_after->node(entry.after)
                                            : m_before->node(entry.before);
    QString text = node.displayName();
    if (!node.target().isEmpty())
        text += QLatin1Char(' ') + node.target();
    if (entry.before < 0)
        text += tr(" (new)");
    else if (entry.after < 0)
        text += tr(" (gone)");
    else if (m_before->node(entry.before).displayName() != node.displayName())
        text += tr(" (was %1)").arg(m_before->node(entry.before).displayName());
    return text;
}

QVariant PlanDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_after || index.row() >= m_diff.entries().size()
        || index.column() >= ColumnCount)
        return {};
    const PlanDiff::Entry &entry = m_diff.entries().at(index.row());
    const int column = index.column();
    if (role == BeforeNodeRole)
        return entry.before;
    if (role == AfterNodeRole)
        return entry.after;
    if (role == SortRole) {
        switch (column) {
        case Node:
            return label(entry);
        case Before:
            return entry.beforeMs;
        case After:
            return entry.afterMs;
        case Change:
            return entry.deltaMs();
        case BeforeBuffers:
            return entry.beforeBuffers;
        case AfterBuffers:
            return entry.afterBuffers;
        case BeforeRows:
            return entry.beforeRows;
        case AfterRows:
            return entry.afterRows;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return alignment(column == Node);
    if (role == Qt::ForegroundRole && column == Change) {
        const double noticeable = m_diff.timed() ? 0.1 : 1.0;
        if (entry.deltaMs() > noticeable)
            return SemanticColors::color(SemanticColors::Role::Error);
        if (entry.deltaMs() < -noticeable)
            return QColor(0x1a, 0x7f, 0x37);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const int decimals = m_diff.timed() ? 3 : 2;
    switch (column) {
    case Node:
        return label(entry);
    case Before:
        return entry.before < 0 ? QString() : QLocale().toString(entry.beforeMs, 'f', decimals);
    case After:
        return entry.after < 0 ? QString() : QLocale().toString(entry.afterMs, 'f', decimals);
    case Change:
        return (entry.deltaMs() > 0 ? QStringLiteral("+") : QString())
               + QLocale().toString(entry.deltaMs(), 'f', decimals);
    case BeforeBuffers:
        return entry.before < 0 ? QString() : grouped(entry.beforeBuffers);
    case AfterBuffers:
        return entry.after < 0 ? QString() : grouped(entry.afterBuffers);
    case BeforeRows:
        return entry.before < 0 ? QString() : grouped(entry.beforeRows);
    case AfterRows:
        return entry.after < 0 ? QString() : grouped(entry.afterRows);
    default:
        return {};
    }
}

QString PlanDiffModel::columnTitle(int section) const
{
    const bool timed = m_diff.timed();
    switch (section) {
    case Node:
        return tr("Node");
    case Before:
        return timed ? tr("Before ms") : tr("Before cost");
    case After:
        return timed ? tr("After ms") : tr("After cost");
    case Change:
        return tr("Change");
    case BeforeBuffers:
        return tr("Buffers before");
    case AfterBuffers:
        return tr("Buffers after");
    case BeforeRows:
        return tr("Rows before");
    case AfterRows:
        return tr("Rows after");
    default:
        return {};
    }
}
