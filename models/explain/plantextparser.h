#pragma once

#include "planinput.h"

#include <QCoreApplication>

class Plan;
class PlanParseError;

// Builds a Plan from EXPLAIN's text format (the lines PlanInput kept). The tree comes from the
// indentation: "->" opens a child of the nearest node to its left, "InitPlan 1 (returns $0)",
// "SubPlan 2" and "CTE x" headers name the children below them, property lines belong to the
// node above, "Worker N:" lines open that worker's block, and the lines after the tree
// (planning and execution time, triggers, JIT, settings) fill the plan's top level. The
// result carries the same properties PostgreSQL's JSON format gives for the same plan,
// including the defaults the text format leaves out. Pure function; thread-safe.
class PlanTextParser
{
    Q_DECLARE_TR_FUNCTIONS(PlanTextParser)

public:
    static bool parse(const PlanInput &input, Plan *plan, PlanParseError *error);
};
