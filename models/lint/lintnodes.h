#pragma once

#include "sql/pgnode.h"

#include <QString>
#include <QStringList>

// Small readers of PostgreSQL parse-tree shapes shared by the rule families and the state
// tracker, so each shape is decoded in one place.
namespace LintNodes {

QString relationName(const PgNode &rangeVar); // relname, as the grammar folded it
bool isTemporary(const PgNode &rangeVar);     // relpersistence 't'
// Column names a node refers to (ColumnRef, IndexElem names), lower case as parsed.
QStringList referencedColumns(const PgNode &node);
// For CHECK (col IS NOT NULL): col; empty otherwise.
QString notNullCheckColumn(const PgNode &constraint);
// The ColumnDef's constraints of a kind ("CONSTR_NOTNULL", "CONSTR_DEFAULT", …); null if none.
PgNode columnConstraint(const PgNode &columnDef, const char *contype);
// Statements that take locks on schema objects and so can queue behind other sessions: DDL,
// maintenance and LOCK. Queries, data changes, SET, transaction control and the like are not.
bool isSchemaChange(std::string_view statementType);
// CREATE INDEX, DROP INDEX and REINDEX with CONCURRENTLY: their SHARE UPDATE EXCLUSIVE lock lets
// reads and writes of the table go on, however long they wait or run.
bool isConcurrentIndexChange(const PgNode &statement);
// Text of a name list ([{"String": …}, …]) joined with dots.
QString dottedName(const PgNode &names);

} // namespace LintNodes
