#pragma once

#include "explain/plan.h"

#include <QList>
#include <QString>

// The project's own plans in tests/data/plans, taken from a PostgreSQL 15 sandbox by
// tests/data/plans/regenerate.sh (the queries are beside each plan as NAME.query.sql).
namespace PlanFixtures {

struct Entry
{
    QString file;
    QString format; // "text" or "json"
    int nodes = 0;  // counted by regenerate.sh without a plan parser
    QString style;  // raw, aligned, ascii-frame, unicode-frame
};

// The folder; always present in a checkout.
QString directory();
QString path(const QString &name);
// A plan file's text; empty (with a warning) when it cannot be read.
QString read(const QString &name);
// read() then PlanCorpus::parse(): a parse failure is logged, the checks that follow fail.
Plan load(const QString &name);
// INDEX.tsv, one entry per plan file.
QList<Entry> index();

// Node counts taken from the text alone, as a second opinion that shares no code with the
// parser: JSON counts "Node Type" keys, text counts "->" arrows plus the root.
int countJsonNodeTypes(const QString &text);
int countTextArrows(const QString &text);

// The id of the first node shown as `type` (and with that alias, when given); -1 if none.
int findNode(const Plan &plan, const QString &type, const QString &alias = {});

// Every input cut off at ~150 places and scrambled 150 times (8 printable characters each, from
// a generator seeded with `seed`) must parse to a plan or fail with a message. Returns what went
// wrong, or an empty string; some mangled inputs must parse and some fail, or the inputs were
// not what the caller meant.
QString parseMangled(const QStringList &inputs, quint32 seed);

} // namespace PlanFixtures
