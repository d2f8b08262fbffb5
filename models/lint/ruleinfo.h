#pragma once

#include "finding.h"

#include <QString>

// What Slipway knows about one rule, shown in the editor's tooltips, the findings list and
// `slipway-cli lint --explain RULE`. Texts are translated when the catalogue is built.
struct RuleInfo
{
    // Locking: takes a lock that blocks reads or writes (or rewrites the table) for as long as
    // the table is big; downgraded to a warning on small tables when connected.
    // Breaking: removes or renames what running code uses, or loses data.
    // Transaction: how statements are grouped into transactions.
    // Style: habits that avoid later trouble (types, re-runnable scripts, timeouts).
    // Performance: safe to run, but what it builds rarely pays for itself (an index the planner
    // will barely use); no lock beyond the statement's own.
    enum class Category { Locking, Breaking, Transaction, Style, Performance };

    QString id;
    Finding::Severity severity = Finding::Severity::Error;
    Category category = Category::Locking;
    QString summary;         // one line, the default message
    QString lock;            // the lock PostgreSQL takes, or what happens instead
    QString why;             // why it is dangerous
    QString safeAlternative; // what to write instead
};
