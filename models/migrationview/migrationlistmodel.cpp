#include "migrationlistmodel.h"

#include "semanticcolors.h"

#include <QDateTime>
#include <QDir>
#include <QFont>
#include <QRegularExpression>

#include <algorithm>

namespace {
using State = MigrationStatusEntry::State;

// The server prints timestamptz with microseconds and the zone ("2025-05-01 12:34:56.789+00");
// seconds are enough in a list, the tooltip keeps the full value.
QString shortTimestamp(const QString &installedOn)
{
    static const QRegularExpression head(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d"));
    const QRegularExpressionMatch match = head.match(installedOn);
    return match.hasMatch() ? match.captured(0) : installedOn;
}
} // namespace

MigrationListModel::MigrationListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void MigrationListModel::setEntries(const QList<MigrationStatusEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    m_running.clear();
    m_progress.clear();
    endResetModel();
}

int MigrationListModel::rowOfVersion(const QString &version) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).version == version)
            return row;
    }
    return -1;
}

int MigrationListModel::countInState(State state) const
{
    return int(std::count_if(m_entries.cbegin(),
                             m_entries.cend(),
                             [state](const MigrationStatusEntry &e) { return e.state == state; }));
}

int MigrationListModel::pendingCount() const
{
    return int(std::count_if(m_entries.cbegin(),
                             m_entries.cend(),
                             [](const MigrationStatusEntry &e) { return e.needsRun(); }));
}

void MigrationListModel::setRunning(const QString &version, const QString &progress)
{
    const int before = m_running.isEmpty() ? -1 : rowOfVersion(m_running);
    m_running = version;
    m_progress = progress;
    const int after = version.isEmpty() ? -1 : rowOfVersion(version);
    for (int row : {before, after}) {
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void MigrationListModel::markFinished(const QString &version, bool rolledBack, qint64 elapsedMs)
{
    const int row = rowOfVersion(version);
    if (row < 0)
        return;
    MigrationStatusEntry &entry = m_entries[row];
    if (rolledBack) {
        entry.state = State::Pending;
        entry.history.reset();
    } else {
        HistoryRow history = entry.history.value_or(HistoryRow());
        history.version = entry.version;
        history.description = entry.description;
        history.success = true;
        history.executionMs = elapsedMs;
        history.installedOn = QDateTime::currentDateTime().toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        entry.history = history;
        entry.state = State::Applied;
    }
    if (m_running == version) {
        m_running.clear();
        m_progress.clear();
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QColor MigrationListModel::stateColour(State state)
{
    switch (state) {
    case State::Applied:
        return QColor(0x1a, 0x7f, 0x37);
    case State::Pending:
        return QColor(0x6a, 0x73, 0x7d);
    case State::Failed:
        return SemanticColors::color(SemanticColors::Role::Error);
    case State::ChecksumMismatch:
    case State::OutOfOrder:
        return QColor(0xb3, 0x6b, 0x00);
    case State::MissingFile:
        return QColor(0x8c, 0x3d, 0x9e);
    case State::BelowBaseline:
        return QColor(0xa0, 0xa7, 0xb0);
    case State::Baseline:
        return QColor(0x1f, 0x5f, 0xbf);
    }
    return {};
}

QString MigrationListModel::formatDuration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 2 : 1);
    const qint64 seconds = ms / 1000;
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

int MigrationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int MigrationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MigrationListModel::stateText(const MigrationStatusEntry &entry) const
{
    if (!m_running.isEmpty() && entry.version == m_running)
        return m_progress.isEmpty() ? tr("Running…") : m_progress;
    QString text = MigrationStatusEntry::stateTitle(entry.state);
    if (entry.state == State::Failed && entry.history && entry.history->statementsTotal > 0)
        text = tr("%1 (%2 of %3)")
                   .arg(text)
                   .arg(qMax(0, entry.history->statementsDone))
                   .arg(entry.history->statementsTotal);
    return text;
}

QVariant MigrationListModel::display(const MigrationStatusEntry &entry, int column) const
{
    switch (column) {
    case VersionColumn:
        return entry.version.isEmpty() ? tr("R") : entry.version;
    case DescriptionColumn:
        return entry.description;
    case StateColumn:
        return stateText(entry);
    case InstalledColumn:
        return entry.history && entry.state != State::Pending
                   ? shortTimestamp(entry.history->installedOn)
                   : QString();
    case DurationColumn:
        return entry.history && entry.state != State::Pending && entry.state != State::Baseline
                   ? formatDuration(entry.history->executionMs)
                   : QString();
    case RollbackColumn:
        if (entry.state == State::Baseline)
            return QString();
        return entry.migration && entry.migration->hasRollback() ? tr("yes") : tr("no");
    default:
        break;
    }
    return {};
}

QString MigrationListModel::toolTip(const MigrationStatusEntry &entry) const
{
    QString why;
    switch (entry.state) {
    case State::Applied:
        why = entry.history ? tr("Applied on %1 by %2 in %3.")
                                  .arg(entry.history->installedOn,
                                       entry.history->installedBy,
                                       formatDuration(entry.history->executionMs))
                            : tr("Applied.");
        break;
    case State::Pending:
        why = tr("Not applied yet; Apply runs it.");
        break;
    case State::Failed:
        why = tr("Stopped part-way outside a transaction; Apply resumes it at the statement that "
                 "did not finish.");
        break;
    case State::ChecksumMismatch:
        why = tr("The file changed after it was applied. Restore it, or review the change and run "
                 "slipway-cli repair.");
        break;
    case State::MissingFile:
        why = tr("Recorded in the history as %1, but the file is no longer in the folder.")
                  .arg(entry.history ? entry.history->script : QString());
        break;
    case State::OutOfOrder:
        why = tr("Pending, but older than the newest applied migration. Apply refuses it unless "
                 "out-of-order runs are allowed (slipway-cli migrate --allow-out-of-order).");
        break;
    case State::BelowBaseline:
        why = tr("Older than the baseline; it never runs on this database.");
        break;
    case State::Baseline:
        why = tr("The baseline: everything up to this version counts as applied.");
        break;
    }
    QString tip = QStringLiteral("<b>%1</b><br>%2")
                      .arg(MigrationStatusEntry::stateTitle(entry.state).toHtmlEscaped(),
                           why.toHtmlEscaped());
    if (entry.migration) {
        tip += QStringLiteral("<br><br>")
               + QDir::toNativeSeparators(entry.migration->upPath).toHtmlEscaped();
        if (entry.migration->hasRollback() && entry.migration->downPath != entry.migration->upPath)
            tip += QStringLiteral("<br>")
                   + QDir::toNativeSeparators(entry.migration->downPath).toHtmlEscaped();
    }
    return tip;
}

QVariant MigrationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MigrationStatusEntry &entry = m_entries.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, column);
    case Qt::ToolTipRole:
        return toolTip(entry);
    case Qt::DecorationRole:
        // A plain colour; the panel's delegate paints a proper icon from StateRole/RunningRole.
        return column == StateColumn ? QVariant(stateColour(entry.state)) : QVariant();
    case Qt::ForegroundRole:
        if (entry.state == State::BelowBaseline)
            return stateColour(entry.state);
        if (column == StateColumn && entry.state != State::Applied && entry.state != State::Pending)
            return stateColour(entry.state);
        return {};
    case Qt::FontRole:
        if (!m_running.isEmpty() && entry.version == m_running) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (column == RollbackColumn)
            return int(Qt::AlignHCenter | Qt::AlignVCenter);
        return {};
    case StateRole:
        return int(entry.state);
    case RunningRole:
        return !m_running.isEmpty() && entry.version == m_running;
    case StateNameRole:
        return MigrationStatusEntry::stateName(entry.state);
    case UpPathRole:
        return entry.migration ? entry.migration->upPath : QString();
    case DownPathRole:
        return entry.migration ? entry.migration->downPath : QString();
    default:
        break;
    }
    return {};
}

QVariant MigrationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole && section == DurationColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case DescriptionColumn:
        return tr("Description");
    case StateColumn:
        return tr("State");
    case InstalledColumn:
        return tr("Installed on");
    case DurationColumn:
        return tr("Duration");
    case RollbackColumn:
        return tr("Rollback");
    default:
        break;
    }
    return {};
}
