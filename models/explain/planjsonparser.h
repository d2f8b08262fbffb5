#pragma once

#include "planinput.h"

#include <QCoreApplication>

class Plan;
class PlanParseError;
class QByteArray;

// Builds a Plan from EXPLAIN (FORMAT JSON) output: the usual one-element array, a bare
// {"Plan": …} object, or a single node object. Every property is kept; "Plans" become the
// node's children. Syntax errors and nodes without "Node Type" are reported with the line
// (in the original input) where they occur. Text after the JSON document is ignored with a
// warning. Pure function; thread-safe.
class PlanJsonParser
{
    Q_DECLARE_TR_FUNCTIONS(PlanJsonParser)

public:
    static bool parse(const PlanInput &input, Plan *plan, PlanParseError *error);
    // The fast path for a bare JSON document (what EXPLAIN returns): no cleaning, no line
    // numbers. False on any problem; parse() then says where it is.
    static bool parseDocument(const QByteArray &utf8, Plan *plan, PlanParseError *error);
};
