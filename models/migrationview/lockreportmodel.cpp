#include "lockreportmodel.h"

#include "semanticcolors.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace {
bool changesData(const QString &sql)
{
    static const QRegularExpression
        dml(QStringLiteral(
                "^\\s*(?:--[^\\n]*\\n\\s*)*(?:WITH|INSERT|UPDATE|DELETE|MERGE|COPY|SELECT)\\b"),
            QRegularExpression::CaseInsensitiveOption);
    return dml.match(sql).hasMatch();
}
} // namespace

LockReportModel::LockReportModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LockReportModel::setStatements(const QList<DryRunStatement> &statements)
{
    beginResetModel();
    m_statements = statements;
    m_rows.clear();
    for (int s = 0; s < m_statements.size(); ++s) {
        const int locks = int(m_statements.at(s).locks.size());
        if (locks == 0)
            m_rows.append({s, -1});
        for (int l = 0; l < locks; ++l)
            m_rows.append({s, l});
    }
    endResetModel();
}

bool LockReportModel::blocksReads(const QString &lockMode)
{
    return lockMode.compare(QLatin1String("AccessExclusiveLock"), Qt::CaseInsensitive) == 0;
}

int LockReportModel::exclusiveCount() const
{
    int count = 0;
    for (int row = 0; row < m_rows.size(); ++row)
        count += blocksReads(lockModeAt(row)) ? 1 : 0;
    return count;
}

int LockReportModel::failedCount() const
{
    return int(std::count_if(m_statements.cbegin(),
                             m_statements.cend(),
                             [](const DryRunStatement &s) { return s.failed; }));
}

DryRunStatement LockReportModel::statementAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_statements.at(m_rows.at(row).statement);
}

QString LockReportModel::lockModeAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).lock < 0)
        return {};
    return m_statements.at(m_rows.at(row).statement).locks.at(m_rows.at(row).lock).second;
}

QString LockReportModel::relationAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).lock < 0)
        return {};
    return m_statements.at(m_rows.at(row).statement).locks.at(m_rows.at(row).lock).first;
}

int LockReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LockReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockReportModel::display(const Row &row, int column) const
{
    const DryRunStatement &statement = m_statements.at(row.statement);
    // Later locks of the same statement repeat nothing but the lock itself.
    const bool first = row.lock <= 0;
    switch (column) {
    case LocationColumn:
        // The file name, not its folder: the column is narrow and every row shares the folder
        // (the tooltip and FileRole have the whole path).
        return first ? QStringLiteral("%1:%2")
                           .arg(QFileInfo(statement.file).fileName())
                           .arg(statement.line)
                     : QString();
    case TimeColumn:
        if (!first || !statement.wasRun())
            return QString();
        return tr("%1 ms").arg(statement.elapsedMs);
    case RowsColumn:
        // DDL reports 0 rows, which says nothing; a data change of 0 rows does.
        if (!first || statement.rowsAffected < 0
            || (statement.rowsAffected == 0 && !changesData(statement.sql)))
            return QString();
        return QString::number(statement.rowsAffected);
    case RelationColumn:
        return row.lock >= 0 ? statement.locks.at(row.lock).first : QString();
    case LockColumn:
        // The mode alone keeps the column narrow; "held from earlier" goes to the note.
        return row.lock >= 0 ? statement.locks.at(row.lock).second.section(QLatin1Char(' '), 0, 0)
                             : QString();
    case NoteColumn: {
        const bool held = row.lock >= 0
                          && statement.locks.at(row.lock).second.contains(QLatin1Char(' '));
        const QString heldNote = held ? tr("held from an earlier statement of the dry run; the "
                                           "real run takes it again")
                                      : QString();
        if (!first)
            return heldNote;
        if (statement.failed)
            return tr("Failed: %1").arg(statement.note.section(QLatin1Char('\n'), 0, 0));
        return statement.note.isEmpty() ? heldNote : statement.note.section(QLatin1Char('\n'), 0, 0);
    }
    default:
        break;
    }
    return {};
}

QVariant LockReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const DryRunStatement &statement = m_statements.at(row.statement);
    const bool exclusive = row.lock >= 0 && blocksReads(statement.locks.at(row.lock).second);
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<p>%1:%2</p><pre>%3</pre>")
                          .arg(QDir::toNativeSeparators(statement.file).toHtmlEscaped())
                          .arg(statement.line)
                          .arg(statement.sql.trimmed().toHtmlEscaped());
        if (!statement.note.isEmpty())
            tip += QStringLiteral("<p>%1</p>")
                       .arg(statement.note.toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                   QLatin1String("<br>")));
        if (exclusive)
            tip += QStringLiteral("<p>%1</p>")
                       .arg(tr("ACCESS EXCLUSIVE blocks every read and write of %1 until the "
                               "transaction commits.")
                                .arg(statement.locks.at(row.lock).first)
                                .toHtmlEscaped());
        return tip;
    }
    case Qt::ForegroundRole:
        if (statement.failed)
            return SemanticColors::color(SemanticColors::Role::Error);
        if (exclusive && index.column() == LockColumn)
            return QColor(0xb0, 0x1a, 0x28);
        if (statement.rehearsal == DryRunStatement::Rehearsal::NotRehearsed)
            return SemanticColors::color(SemanticColors::Role::Warning);
        if (!statement.wasRun())
            return SemanticColors::color(SemanticColors::Role::Muted);
        return {};
    case Qt::BackgroundRole:
        if (exclusive)
            return QColor(0xfd, 0xec, 0xee);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn || index.column() == RowsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FileRole:
        return statement.file;
    case LineRole:
        return statement.line;
    case SqlRole:
        return statement.sql;
    case BlocksReadsRole:
        return exclusive;
    default:
        break;
    }
    return {};
}

QVariant LockReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole && (section == TimeColumn || section == RowsColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LocationColumn:
        return tr("Statement");
    case TimeColumn:
        return tr("Time");
    case RowsColumn:
        return tr("Rows");
    case RelationColumn:
        return tr("Relation");
    case LockColumn:
        return tr("Lock");
    case NoteColumn:
        return tr("Note");
    default:
        break;
    }
    return {};
}
