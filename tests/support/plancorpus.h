#pragma once

#include "explain/plan.h"

#include <QString>

// Third-party plans (from pev2) in $SLIPWAY_CORPUS/plans, indexed by INDEX.tsv.
namespace PlanCorpus {

// The plans folder; empty with *error set when SLIPWAY_CORPUS is unset or has no plans index.
QString directory(QString *error);
// The path of one plan file in it.
QString path(const QString &name);
// A plan file's text; empty when it cannot be read.
QString read(const QString &name);
// Parses plan text; a failure is reported with qWarning and gives what was parsed, so the
// test's own checks then fail with the reason already in the log.
Plan parse(const QString &text, const QString &origin = {});
// read() then parse().
Plan load(const QString &name);

} // namespace PlanCorpus
