#pragma once

#include "migrations/migrationtool.h"

#include <QSet>
#include <QString>

#include <optional>

// How to lint: the PostgreSQL version whose behaviour applies, whether the migration tool wraps
// each file in a transaction, rules to leave out, the size below which lock findings on a table
// are only warnings (when table sizes are known), and the tool that runs a folder's migrations.
struct LintOptions
{
    static constexpr int DefaultPgVersion = 15;
    static constexpr int MinPgVersion = 11;
    static constexpr int MaxPgVersion = 17;

    int pgVersion = DefaultPgVersion; // major version, 11 … 17
    bool assumeInTransaction = false;
    QSet<QString> excludedRules;
    qint64 impactRowThreshold = 10000;
    // The tool that runs the migrations of a folder in CI and production (slipway.json "tool");
    // unset: the tool the folder's layout belongs to (MigrationTools::forFolder). Files of a
    // folder are linted as that tool runs them (ToolTransaction); plain scripts are not affected.
    std::optional<MigrationTool> tool;
};
