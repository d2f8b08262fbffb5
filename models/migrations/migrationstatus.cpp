#include "migrationstatus.h"

#include "liquibasechangeset.h"

#include "migrationscript.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <numeric>

QString MigrationStatusEntry::stateName(State state)
{
    switch (state) {
    case State::Applied:
        return QStringLiteral("applied");
    case State::Pending:
        return QStringLiteral("pending");
    case State::Failed:
        return QStringLiteral("failed");
    case State::ChecksumMismatch:
        return QStringLiteral("checksum_mismatch");
    case State::MissingFile:
        return QStringLiteral("missing_file");
    case State::OutOfOrder:
        return QStringLiteral("out_of_order");
    case State::BelowBaseline:
        return QStringLiteral("below_baseline");
    case State::Baseline:
        return QStringLiteral("baseline");
    }
    return {};
}

QString MigrationStatusEntry::stateTitle(State state)
{
    switch (state) {
    case State::Applied:
        return MigrationStatus::tr("Applied");
    case State::Pending:
        return MigrationStatus::tr("Pending");
    case State::Failed:
        return MigrationStatus::tr("Failed part-way");
    case State::ChecksumMismatch:
        return MigrationStatus::tr("Changed since applied");
    case State::MissingFile:
        return MigrationStatus::tr("File missing");
    case State::OutOfOrder:
        return MigrationStatus::tr("Pending, out of order");
    case State::BelowBaseline:
        return MigrationStatus::tr("Below baseline");
    case State::Baseline:
        return MigrationStatus::tr("Baseline");
    }
    return {};
}

QHash<QString, QString> MigrationStatus::checksums(
    const QList<Migration> &migrations,
    QStringList *errors,
    const std::function<QString(const Migration &, const QByteArray &)> &checksum)
{
    QHash<QString, QString> result;
    QString lastPath; // a Liquibase changelog's changesets follow each other
    QByteArray content;
    for (const Migration &migration : migrations) {
        if (migration.upPath != lastPath) {
            QFile file(migration.upPath);
            lastPath = migration.upPath;
            content.clear();
            if (!file.open(QIODevice::ReadOnly)) {
                if (errors)
                    *errors << tr("%1: cannot read: %2")
                                   .arg(QDir::toNativeSeparators(migration.upPath),
                                        file.errorString());
                lastPath.clear();
                continue;
            }
            content = file.readAll();
        }
        result.insert(migration.key(),
                      checksum ? checksum(migration, content) : MigrationScript::checksum(content));
    }
    return result;
}

QList<MigrationStatusEntry> MigrationStatus::compute(const QList<Migration> &migrations,
                                                     const QHash<QString, QString> &checksumByKey,
                                                     const QList<HistoryRow> &history)
{
    // The latest row per version (normalised) and per repeatable description.
    QHash<QString, HistoryRow> byVersion;
    QHash<QString, HistoryRow> byRepeatable;
    std::optional<HistoryRow> baseline;
    MigrationVersion newestApplied;
    for (const HistoryRow &row : history) {
        if (row.isBaseline()) {
            baseline = row;
        } else if (row.version.isEmpty()) {
            byRepeatable.insert(row.description, row);
            continue;
        } else {
            MigrationVersion version;
            if (MigrationVersion::parse(row.version, &version))
                byVersion.insert(version.normalized(), row);
        }
        MigrationVersion version;
        if (row.success && MigrationVersion::parse(row.version, &version)
            && (newestApplied.isNull() || newestApplied < version))
            newestApplied = version;
    }
    // Drizzle orders by the journal's time, not by the number: the newest applied one's time.
    qint64 newestAppliedAtMs = 0;
    for (const Migration &migration : migrations) {
        if (migration.isRepeatable() || migration.createdAtMs <= 0)
            continue;
        const auto row = byVersion.constFind(migration.version.normalized());
        if (row != byVersion.cend() && row->success)
            newestAppliedAtMs = qMax(newestAppliedAtMs, migration.createdAtMs);
    }
    MigrationVersion baselineVersion;
    if (baseline)
        MigrationVersion::parse(baseline->version, &baselineVersion);

    QList<MigrationStatusEntry> versioned;
    QList<MigrationStatusEntry> repeatable;
    QSet<QString> seenVersions;
    QSet<QString> seenRepeatables;
    using State = MigrationStatusEntry::State;
    for (const Migration &migration : migrations) {
        MigrationStatusEntry entry;
        entry.migration = migration;
        entry.version = migration.version.text();
        entry.description = migration.description;
        entry.checksum = checksumByKey.value(migration.key());
        if (migration.isRepeatable()) {
            seenRepeatables.insert(migration.description);
            if (byRepeatable.contains(migration.description)) {
                entry.history = byRepeatable.value(migration.description);
                entry.state = entry.history->success && entry.history->checksum == entry.checksum
                                  ? State::Applied
                                  : State::Pending;
            }
            repeatable << entry;
            continue;
        }
        const QString key = migration.version.normalized();
        seenVersions.insert(key);
        if (byVersion.contains(key)) {
            entry.history = byVersion.value(key);
            const bool changed = !entry.history->checksum.isEmpty()
                                 && entry.history->checksum != entry.checksum;
            if (!entry.history->success)
                entry.state = State::Failed;
            // Liquibase runs these again: runAlways on every update, runOnChange once changed.
            else if (migration.changeSet
                     && (migration.changeSet->runAlways
                         || (migration.changeSet->runOnChange && changed)))
                entry.state = State::Pending;
            // A tool's table without Slipway's note of the file: nothing to compare with.
            else if (changed)
                entry.state = State::ChecksumMismatch;
            else
                entry.state = State::Applied;
        } else if (!baselineVersion.isNull() && !(baselineVersion < migration.version)) {
            entry.state = State::BelowBaseline;
        } else if (migration.changeSet) {
            // Liquibase runs every changeset not yet run, wherever it stands in the changelogs.
        } else if (!newestApplied.isNull() && migration.version < newestApplied) {
            entry.state = State::OutOfOrder;
        } else if (migration.createdAtMs > 0 && migration.createdAtMs < newestAppliedAtMs) {
            // Drizzle's migrator runs only what is newer than its newest row: this one it would
            // skip without a word.
            entry.state = State::OutOfOrder;
        }
        versioned << entry;
    }
    auto fromHistory = [](const HistoryRow &row, State state) {
        MigrationStatusEntry entry;
        entry.state = state;
        entry.history = row;
        entry.version = row.version;
        entry.description = row.description;
        return entry;
    };
    for (auto it = byVersion.cbegin(); it != byVersion.cend(); ++it) {
        if (!seenVersions.contains(it.key()))
            versioned << fromHistory(it.value(), State::MissingFile);
    }
    if (baseline)
        versioned << fromHistory(*baseline, State::Baseline);
    for (auto it = byRepeatable.cbegin(); it != byRepeatable.cend(); ++it) {
        if (!seenRepeatables.contains(it.key()))
            repeatable << fromHistory(it.value(), State::MissingFile);
    }
    // Each version parsed once and the positions sorted, the entries moved once into place:
    // parsing both sides of every comparison and swapping whole entries (a migration and a
    // history row each) was most of the cost for a folder of a thousand.
    QList<MigrationVersion> parsed(versioned.size());
    for (qsizetype i = 0; i < versioned.size(); ++i)
        MigrationVersion::parse(versioned.at(i).version, &parsed[i]);
    QList<qsizetype> order(versioned.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(), [&parsed](qsizetype a, qsizetype b) {
        return parsed.at(a) < parsed.at(b);
    });
    QList<MigrationStatusEntry> sorted;
    sorted.reserve(versioned.size() + repeatable.size());
    for (qsizetype i : std::as_const(order))
        sorted << std::move(versioned[i]);
    for (MigrationStatusEntry &entry : repeatable)
        sorted << std::move(entry);
    return sorted;
}
