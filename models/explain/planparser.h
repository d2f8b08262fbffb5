#pragma once

#include "plan.h"
#include "planparseerror.h"

#include <QString>

// Reads EXPLAIN output in any shape people have it — JSON or text, bare or pasted from psql,
// pgAdmin, DBeaver or a terminal — into a Plan. Never throws; bad input gives an error that
// names the line and what was expected. Pure function; thread-safe.
class PlanParser
{
public:
    static bool parse(const QString &input, Plan *plan, PlanParseError *error);
};
