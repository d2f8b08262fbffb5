#pragma once

#include <QLatin1String>

// Property names of PostgreSQL's EXPLAIN (FORMAT JSON). Every parser stores what it reads under
// these names, whatever the input format, so the rest of the code knows one vocabulary.
namespace PlanKey {
inline constexpr QLatin1String Plan("Plan");
inline constexpr QLatin1String Plans("Plans");
inline constexpr QLatin1String NodeType("Node Type");
inline constexpr QLatin1String Strategy("Strategy");
inline constexpr QLatin1String PartialMode("Partial Mode");
inline constexpr QLatin1String Operation("Operation");
inline constexpr QLatin1String ParentRelationship("Parent Relationship");
inline constexpr QLatin1String SubplanName("Subplan Name");
inline constexpr QLatin1String CustomPlanProvider("Custom Plan Provider");
inline constexpr QLatin1String ParallelAware("Parallel Aware");
inline constexpr QLatin1String AsyncCapable("Async Capable");
inline constexpr QLatin1String JoinType("Join Type");
inline constexpr QLatin1String Command("Command");
inline constexpr QLatin1String RelationName("Relation Name");
inline constexpr QLatin1String Schema("Schema");
inline constexpr QLatin1String Alias("Alias");
inline constexpr QLatin1String IndexName("Index Name");
inline constexpr QLatin1String ScanDirection("Scan Direction");
inline constexpr QLatin1String FunctionName("Function Name");
inline constexpr QLatin1String TableFunctionName("Table Function Name");
inline constexpr QLatin1String CteName("CTE Name");
inline constexpr QLatin1String TuplestoreName("Tuplestore Name");
inline constexpr QLatin1String StartupCost("Startup Cost");
inline constexpr QLatin1String TotalCost("Total Cost");
inline constexpr QLatin1String PlanRows("Plan Rows");
inline constexpr QLatin1String PlanWidth("Plan Width");
inline constexpr QLatin1String ActualStartupTime("Actual Startup Time");
inline constexpr QLatin1String ActualTotalTime("Actual Total Time");
inline constexpr QLatin1String ActualRows("Actual Rows");
inline constexpr QLatin1String ActualLoops("Actual Loops");
inline constexpr QLatin1String WorkersPlanned("Workers Planned");
inline constexpr QLatin1String WorkersLaunched("Workers Launched");
inline constexpr QLatin1String Workers("Workers");
inline constexpr QLatin1String WorkerNumber("Worker Number");
inline constexpr QLatin1String Filter("Filter");
inline constexpr QLatin1String RowsRemovedByFilter("Rows Removed by Filter");
inline constexpr QLatin1String RowsRemovedByIndexRecheck("Rows Removed by Index Recheck");
inline constexpr QLatin1String RowsRemovedByJoinFilter("Rows Removed by Join Filter");
inline constexpr QLatin1String HeapFetches("Heap Fetches");
inline constexpr QLatin1String SortMethod("Sort Method");
inline constexpr QLatin1String SortSpaceUsed("Sort Space Used");
inline constexpr QLatin1String SortSpaceType("Sort Space Type");
inline constexpr QLatin1String HashBatches("Hash Batches");
inline constexpr QLatin1String OriginalHashBatches("Original Hash Batches");
inline constexpr QLatin1String HashAggBatches("HashAgg Batches");
inline constexpr QLatin1String DiskUsage("Disk Usage");
inline constexpr QLatin1String PeakMemoryUsage("Peak Memory Usage");
inline constexpr QLatin1String Output("Output");

// Top level of a plan document.
inline constexpr QLatin1String PlanningTime("Planning Time");
inline constexpr QLatin1String ExecutionTime("Execution Time");
inline constexpr QLatin1String TotalRuntime("Total Runtime"); // PostgreSQL 9.3 and older
inline constexpr QLatin1String Triggers("Triggers");
inline constexpr QLatin1String Jit("JIT");
inline constexpr QLatin1String Settings("Settings");
inline constexpr QLatin1String Planning("Planning");
} // namespace PlanKey
