#include "checklistitemmodel.h"

#include <QSet>

#include <algorithm>

namespace {

const QString &manualKind()
{
    static const QString kind = QStringLiteral("manual");
    return kind;
}

// Accepts the machine name ("verify") that EditRole hands out, or the enum's int.
bool toPhase(const QVariant &value, ChecklistItem::Phase *phase)
{
    if (value.typeId() == QMetaType::QString) {
        for (int p = 0; p <= int(ChecklistItem::Phase::Verify); ++p) {
            if (ChecklistItem::phaseName(ChecklistItem::Phase(p)) == value.toString()) {
                *phase = ChecklistItem::Phase(p);
                return true;
            }
        }
        return false;
    }
    bool ok = false;
    const int p = value.toInt(&ok);
    if (!ok || p < 0 || p > int(ChecklistItem::Phase::Verify))
        return false;
    *phase = ChecklistItem::Phase(p);
    return true;
}

bool validKind(const QString &kind)
{
    return kind == manualKind() || Checklist::automatedKinds().contains(kind);
}

QString uniqueIdAmong(const QString &base, const QSet<QString> &used)
{
    if (!used.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(base).arg(n);
        if (!used.contains(candidate))
            return candidate;
    }
}

QSet<QString> idsOf(const QList<ChecklistItem> &items)
{
    QSet<QString> ids;
    for (const ChecklistItem &item : items)
        ids.insert(item.id);
    return ids;
}

} // namespace

ChecklistItemModel::ChecklistItemModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ChecklistItemModel::setItems(const QList<ChecklistItem> &items)
{
    beginResetModel();
    m_items = items;
    m_distinctSigner = QList<bool>(m_items.size(), false);
    endResetModel();
}

QStringList ChecklistItemModel::distinctSigners() const
{
    QStringList ids;
    for (qsizetype row = 0; row < m_items.size(); ++row) {
        if (m_distinctSigner.at(row))
            ids << m_items.at(row).id;
    }
    return ids;
}

void ChecklistItemModel::setDistinctSigners(const QStringList &ids)
{
    for (qsizetype row = 0; row < m_items.size(); ++row)
        m_distinctSigner[row] = m_items.at(row).isManual() && ids.contains(m_items.at(row).id);
    if (!m_items.isEmpty())
        emit dataChanged(index(0, DistinctSignerColumn),
                         index(rowCount() - 1, DistinctSignerColumn));
}

void ChecklistItemModel::setDistinctSignersEditable(bool editable)
{
    m_distinctSignersEditable = editable;
    if (!m_items.isEmpty())
        emit dataChanged(index(0, DistinctSignerColumn),
                         index(rowCount() - 1, DistinctSignerColumn));
}

ChecklistItem ChecklistItemModel::item(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : ChecklistItem();
}

int ChecklistItemModel::insertItem(int row, const ChecklistItem &item)
{
    row = std::clamp(row, 0, int(m_items.size()));
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    m_distinctSigner.insert(row, false);
    endInsertRows();
    return row;
}

bool ChecklistItemModel::moveItemUp(int row)
{
    return row > 0 && row < m_items.size() && moveRows({}, row, 1, {}, row - 1);
}

bool ChecklistItemModel::moveItemDown(int row)
{
    // moveRows counts the destination before the move: below the next row is row + 2.
    return row >= 0 && row + 1 < m_items.size() && moveRows({}, row, 1, {}, row + 2);
}

ChecklistItem ChecklistItemModel::newManualItem() const
{
    ChecklistItem item;
    item.id = uniqueId(QStringLiteral("sign-off"));
    item.title = tr("New sign-off");
    item.kind = manualKind();
    return item;
}

ChecklistItem ChecklistItemModel::newAutomatedItem(const QString &kind) const
{
    // The pre-migration template has one item of every automated kind; borrowing its wording
    // keeps a new item and the shipped templates from drifting apart.
    QString error;
    const Checklist reference = Checklist::fromTemplate(QStringLiteral("pre-migration"), &error);
    ChecklistItem item;
    for (const ChecklistItem &candidate : reference.items()) {
        if (candidate.kind == kind) {
            item = candidate;
            break;
        }
    }
    if (item.kind.isEmpty()) {
        item.id = kind;
        item.title = kindLabel(kind);
        item.kind = kind;
        if (kind == QLatin1String("verify"))
            item.phase = ChecklistItem::Phase::Verify;
    }
    item.id = uniqueId(item.id);
    return item;
}

QStringList ChecklistItemModel::unusedAutomatedKinds() const
{
    QStringList kinds;
    for (const QString &kind : Checklist::automatedKinds()) {
        const bool used = std::any_of(m_items.cbegin(),
                                      m_items.cend(),
                                      [&](const ChecklistItem &item) { return item.kind == kind; });
        if (!used)
            kinds << kind;
    }
    return kinds;
}

QString ChecklistItemModel::uniqueId(const QString &base) const
{
    return uniqueIdAmong(base, idsOf(m_items));
}

QString ChecklistItemModel::phaseLabel(ChecklistItem::Phase phase)
{
    switch (phase) {
    case ChecklistItem::Phase::Prepare:
        return tr("Prepare");
    case ChecklistItem::Phase::Execute:
        return tr("Execute");
    case ChecklistItem::Phase::Verify:
        return tr("Verify");
    }
    return {};
}

QString ChecklistItemModel::kindLabel(const QString &kind)
{
    if (kind == manualKind())
        return tr("Manual sign-off");
    if (kind == QLatin1String("pending"))
        return tr("Pending migrations");
    if (kind == QLatin1String("lint-clean"))
        return tr("Lint clean");
    if (kind == QLatin1String("backup"))
        return tr("Backup and restore");
    if (kind == QLatin1String("rehearsal"))
        return tr("Rollback rehearsal");
    if (kind == QLatin1String("impact"))
        return tr("Impact assessment");
    if (kind == QLatin1String("verify"))
        return tr("Verify scripts");
    return kind;
}

int ChecklistItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ChecklistItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecklistItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChecklistItem &item = m_items.at(index.row());
    switch (role) {
    case HelpRole:
        return item.help;
    case PhaseRole:
        return int(item.phase);
    case KindRole:
        return item.kind;
    case Qt::ToolTipRole:
        return item.help.isEmpty() ? QVariant() : QVariant(item.help);
    case Qt::CheckStateRole:
        if (index.column() == RequiredColumn)
            return item.required ? Qt::Checked : Qt::Unchecked;
        if (index.column() == BlockingColumn)
            return item.blocking ? Qt::Checked : Qt::Unchecked;
        // An automated check has no signer: no box at all rather than one that means nothing.
        if (index.column() == DistinctSignerColumn && item.isManual())
            return m_distinctSigner.at(index.row()) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::DisplayRole:
    case Qt::EditRole:
        break;
    default:
        return {};
    }
    const bool edit = role == Qt::EditRole;
    switch (index.column()) {
    case TitleColumn:
        return item.title;
    case IdColumn:
        return item.id;
    case PhaseColumn:
        return edit ? ChecklistItem::phaseName(item.phase) : phaseLabel(item.phase);
    case KindColumn:
        return edit ? item.kind : kindLabel(item.kind);
    default:
        return {}; // the flags are check boxes only
    }
}

bool ChecklistItemModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() == DistinctSignerColumn && role == Qt::CheckStateRole) {
        if (!(flags(index) & Qt::ItemIsUserCheckable))
            return false;
        const bool marked = value.toInt() == Qt::Checked;
        if (m_distinctSigner.at(index.row()) != marked) {
            m_distinctSigner[index.row()] = marked;
            emit dataChanged(index, index);
        }
        return true;
    }
    ChecklistItem item = m_items.at(index.row());
    if (!setField(item, index.column(), value, role))
        return false;
    const ChecklistItem &old = m_items.at(index.row());
    if (item.id == old.id && item.title == old.title && item.help == old.help
        && item.phase == old.phase && item.kind == old.kind && item.required == old.required
        && item.blocking == old.blocking)
        return true;
    m_items[index.row()] = item;
    // Only a manual item is signed: a mark left on a check would be refused when read back.
    if (!item.isManual())
        m_distinctSigner[index.row()] = false;
    // Help, phase and kind are visible through roles of every column (tooltip, custom roles).
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

bool ChecklistItemModel::setField(ChecklistItem &item, int column, const QVariant &value, int role)
{
    switch (role) {
    case HelpRole:
        item.help = value.toString();
        return true;
    case PhaseRole:
        return toPhase(value, &item.phase);
    case KindRole:
        if (!validKind(value.toString()))
            return false;
        item.kind = value.toString();
        return true;
    case Qt::CheckStateRole:
        if (column == RequiredColumn)
            item.required = value.toInt() == Qt::Checked;
        else if (column == BlockingColumn)
            item.blocking = value.toInt() == Qt::Checked;
        else
            return false;
        return true;
    case Qt::EditRole:
        break;
    default:
        return false;
    }
    switch (column) {
    case TitleColumn:
        item.title = value.toString();
        return true;
    case IdColumn:
        // The file reader trims ids, so a stray space would only make the saved file differ.
        item.id = value.toString().trimmed();
        return true;
    case PhaseColumn:
        return toPhase(value, &item.phase);
    case KindColumn:
        if (!validKind(value.toString()))
            return false;
        item.kind = value.toString();
        return true;
    default:
        return false;
    }
}

Qt::ItemFlags ChecklistItemModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return flags;
    flags |= Qt::ItemNeverHasChildren;
    if (index.column() == RequiredColumn || index.column() == BlockingColumn)
        return flags | Qt::ItemIsUserCheckable;
    if (index.column() == DistinctSignerColumn) {
        if (!m_items.at(index.row()).isManual())
            return flags; // no box to tick
        // Shown greyed out when it cannot change, so that the marks still read.
        flags.setFlag(Qt::ItemIsUserCheckable, m_distinctSignersEditable);
        flags.setFlag(Qt::ItemIsEnabled, m_distinctSignersEditable);
        return flags;
    }
    return flags | Qt::ItemIsEditable;
}

QVariant ChecklistItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TitleColumn:
            return tr("Title");
        case IdColumn:
            return tr("Id");
        case PhaseColumn:
            return tr("Phase");
        case KindColumn:
            return tr("Check");
        case RequiredColumn:
            return tr("Required");
        case BlockingColumn:
            return tr("Blocking");
        case DistinctSignerColumn:
            return tr("Four eyes");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn:
            return tr("Names the item in sign-offs, the saved deploy state and the report");
        case KindColumn:
            return tr("A manual sign-off, or the automated check that proves the item");
        case RequiredColumn:
            return tr("Must pass, or be signed off, before the deploy can go ahead");
        case BlockingColumn:
            return tr("For an optional item: once it has run, a failure means no-go, not just a warning in the report");
        case DistinctSignerColumn:
            return tr("Requires a different person from the other marked items: one name on two of "
                      "them is a no-go");
        }
    }
    return {};
}

bool ChecklistItemModel::insertRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || row > m_items.size() || count <= 0)
        return false;
    QSet<QString> used = idsOf(m_items);
    QList<ChecklistItem> added;
    for (int i = 0; i < count; ++i) {
        ChecklistItem item = newManualItem();
        item.id = uniqueIdAmong(QStringLiteral("sign-off"), used);
        used.insert(item.id);
        added << item;
    }
    beginInsertRows(parent, row, row + count - 1);
    for (int i = 0; i < count; ++i) {
        m_items.insert(row + i, added.at(i));
        m_distinctSigner.insert(row + i, false);
    }
    endInsertRows();
    return true;
}

bool ChecklistItemModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_items.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_items.remove(row, count);
    m_distinctSigner.remove(row, count);
    endRemoveRows();
    return true;
}

bool ChecklistItemModel::moveRows(const QModelIndex &sourceParent,
                                  int sourceRow,
                                  int count,
                                  const QModelIndex &destinationParent,
                                  int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > m_items.size() || destinationChild < 0
        || destinationChild > m_items.size())
        return false;
    // beginMoveRows refuses moves onto themselves (destination inside or right after the block).
    if (!beginMoveRows(sourceParent,
                       sourceRow,
                       sourceRow + count - 1,
                       destinationParent,
                       destinationChild))
        return false;
    const QList<ChecklistItem> moved = m_items.mid(sourceRow, count);
    const QList<bool> movedMarks = m_distinctSigner.mid(sourceRow, count);
    m_items.remove(sourceRow, count);
    m_distinctSigner.remove(sourceRow, count);
    const int insertAt = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i) {
        m_items.insert(insertAt + i, moved.at(i));
        m_distinctSigner.insert(insertAt + i, movedMarks.at(i));
    }
    endMoveRows();
    return true;
}
