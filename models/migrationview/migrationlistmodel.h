#pragma once

#include "migrations/migrationstatus.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QString>

// The migrations of a folder as the history table sees them: version, description, state (with its
// colour as decoration), when it was installed, how long it took, and whether it can be rolled back.
// Replaced wholesale after every status read or run; while a run is going, one row can be marked
// as the one running (the progress text replaces its state). GUI thread only.
class MigrationListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        VersionColumn,
        DescriptionColumn,
        StateColumn,
        InstalledColumn,
        DurationColumn,
        RollbackColumn,
        ColumnCount
    };
    enum Role {
        StateRole = Qt::UserRole + 1, // MigrationStatusEntry::State as int
        StateNameRole,                // "applied", "pending", … (stable, for tests and scripts)
        UpPathRole,                   // the up script's file, empty for a missing file
        DownPathRole,                 // the down script's file, empty without a rollback
        RunningRole,                  // bool: the row the current run is working on
    };

    explicit MigrationListModel(QObject *parent = nullptr);

    void setEntries(const QList<MigrationStatusEntry> &entries);
    const QList<MigrationStatusEntry> &entries() const { return m_entries; }
    MigrationStatusEntry entry(int row) const { return m_entries.value(row); }
    int rowOfVersion(const QString &version) const; // -1 when absent
    int countInState(MigrationStatusEntry::State state) const;
    int pendingCount() const; // entries that migrate would run

    // Marks the row of `version` as running with `progress` shown in the State column; an empty
    // version clears the mark.
    void setRunning(const QString &version, const QString &progress);
    QString runningVersion() const { return m_running; }
    // What a finished migration looks like until the next status read brings the real history
    // row: applied (with its duration and the local time), or pending again after a rollback.
    void markFinished(const QString &version, bool rolledBack, qint64 elapsedMs);

    static QColor stateColour(MigrationStatusEntry::State state);
    // "12 ms", "3.4 s", "2 min 05 s"
    static QString formatDuration(qint64 ms);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const MigrationStatusEntry &entry, int column) const;
    QString stateText(const MigrationStatusEntry &entry) const;
    QString toolTip(const MigrationStatusEntry &entry) const;

    QList<MigrationStatusEntry> m_entries;
    QString m_running;
    QString m_progress;
};
