#pragma once

#include <QString>

// The statement a dry run executes in place of one PostgreSQL refuses inside a transaction block,
// so that it is still tried against the real schema inside the dry run's transaction: CREATE
// INDEX CONCURRENTLY becomes CREATE INDEX, DROP INDEX CONCURRENTLY becomes DROP INDEX, REINDEX
// (CONCURRENTLY) INDEX/TABLE becomes REINDEX, DETACH PARTITION … CONCURRENTLY becomes DETACH
// PARTITION. The equivalent fails where the real statement would (a missing table, a duplicate
// name, a bad column) but takes stronger locks; callers report the real statement's lock.
// Thread-safe.
namespace DryRunEquivalent {
// `reason` is StatementKind::nonTransactionalReason of the statement. Empty when there is no
// equivalent that runs in a transaction (VACUUM, CREATE DATABASE, REINDEX SCHEMA …) or when the
// rewritten text would not parse as a statement that runs in one.
QString of(const QString &sql, const QString &reason);

// The lock mode (as pg_locks names it) the real statement takes on each relation the equivalent
// locked; empty when there is no equivalent for `reason`.
QString realLockMode(const QString &reason);
} // namespace DryRunEquivalent
