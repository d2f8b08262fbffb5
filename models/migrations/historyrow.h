#pragma once

#include <QString>

// One row of a migration history table, in Slipway's terms whoever's table it comes from.
struct HistoryRow
{
    int rank = 0;    // installed_rank
    QString version; // empty for repeatable migrations
    QString description;
    QString type;   // "SQL", "BASELINE"
    QString script; // file name relative to the migration folder
    // Empty when the table is a tool's that keeps none and Slipway did not apply the migration:
    // then there is nothing to compare the file with.
    QString checksum;
    QString installedBy;
    QString installedOn; // as the server prints it
    qint64 executionMs = 0;
    bool success = true;
    // Non-transactional migrations only: how many statements have run, of how many (-1 = n/a).
    int statementsDone = -1;
    int statementsTotal = -1;

    // What the tool itself would say of this row, in its own words ("dirty"), when that is more
    // than applied.
    QString toolState;

    bool isBaseline() const { return type == QLatin1String("BASELINE"); }
};
