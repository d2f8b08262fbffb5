#pragma once

#include "migration.h"
#include "schemahistory.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class MigrationFolder;

// Where one migration stands, from the folder and the history table together.
struct MigrationStatusEntry
{
    enum class State {
        Applied,
        Pending,
        Failed,           // a non-transactional migration stopped part-way; migrate resumes it
        ChecksumMismatch, // applied, but the file changed since
        MissingFile,      // recorded, but no longer in the folder
        OutOfOrder,       // pending, yet older than the newest applied migration
        BelowBaseline,    // older than the baseline; never run here
        Baseline,         // the baseline row itself
    };

    State state = State::Pending;
    std::optional<Migration> migration; // absent for MissingFile and Baseline
    std::optional<HistoryRow> history;  // the latest row for it, if any
    QString version;                    // as written in the file name (or the history row)
    QString description;
    QString checksum; // of the file today; empty for MissingFile

    static QString stateName(State state);  // applied, pending, failed, checksum_mismatch, …
    static QString stateTitle(State state); // translated, for the GUI
    bool needsRun() const
    {
        return state == State::Pending || state == State::Failed || state == State::OutOfOrder;
    }
};

// Computes every migration's state. The folder's checksums are read by the caller (they need the
// files) and passed by Migration::key().
class MigrationStatus
{
    Q_DECLARE_TR_FUNCTIONS(MigrationStatus)

public:
    static QList<MigrationStatusEntry> compute(const QList<Migration> &migrations,
                                               const QHash<QString, QString> &checksumByKey,
                                               const QList<HistoryRow> &history);
    // The checksum of every migration (of its whole file for dbmate), by Migration::key(); errors
    // name the file. `checksum`: the history table's own (HistoryStore::checksum); Slipway's
    // SHA-256 of the file when unset. Each file is read once however many migrations it holds.
    static QHash<QString, QString> checksums(
        const QList<Migration> &migrations,
        QStringList *errors,
        const std::function<QString(const Migration &, const QByteArray &)> &checksum = {});
};
