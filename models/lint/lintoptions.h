#pragma once

#include <QSet>
#include <QString>

// How to lint: the PostgreSQL version whose behaviour applies, whether the migration tool wraps
// each file in a transaction, rules to leave out, and the size below which lock findings on a
// table are only warnings (when table sizes are known).
struct LintOptions
{
    static constexpr int DefaultPgVersion = 15;
    static constexpr int MinPgVersion = 11;
    static constexpr int MaxPgVersion = 17;

    int pgVersion = DefaultPgVersion; // major version, 11 … 17
    bool assumeInTransaction = false;
    QSet<QString> excludedRules;
    qint64 impactRowThreshold = 10000;
};
