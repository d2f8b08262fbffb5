#include "lintmodel.h"

#include <algorithm>

LintModel::LintModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LintModel::setFindings(const QList<Finding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

int LintModel::errorCount() const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(), [](const Finding &f) {
        return f.isError();
    }));
}

int LintModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int LintModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LintModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const Finding &finding = m_findings.at(index.row());
    if (role == SeverityRole)
        return int(finding.severity);
    if (role == Qt::ToolTipRole)
        return finding.impact.isEmpty() ? finding.message
                                        : finding.message + QLatin1Char('\n') + finding.impact;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return finding.isError() ? tr("Error") : tr("Warning");
    case LineColumn:
        return finding.line;
    case RuleColumn:
        return finding.rule;
    case MessageColumn:
        return finding.message;
    default:
        return {};
    }
}

QVariant LintModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case LineColumn:
        return tr("Line");
    case RuleColumn:
        return tr("Rule");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}
