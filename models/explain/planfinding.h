#pragma once

#include <QString>

// One thing worth a look in a plan, found by PlanAdvisor: which node, what is wrong in one line,
// and when there is one, the SQL that would help (an index, a setting).
struct PlanFinding
{
    enum class Kind { HeaviestNode, Misestimate, DiskSpill, FilterRemovesMost, IndexSuggestion };

    Kind kind = Kind::HeaviestNode;
    int node = -1;
    QString message;
    QString sql; // empty when there is nothing to run
};
