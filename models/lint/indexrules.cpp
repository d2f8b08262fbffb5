#include "indexrules.h"

#include "lintnodes.h"
#include "statementcontext.h"
#include "toolrules.h"

#include "sql/pgoptions.h"
#include "sql/statementkind.h"

namespace {
constexpr char CreateIndex[] = "require-concurrent-index-creation";
constexpr char DropIndex[] = "require-concurrent-index-deletion";
constexpr char Reindex[] = "require-concurrent-reindex";
constexpr char DetachPartition[] = "require-concurrent-partition-detach";
constexpr char ConcurrentInTransaction[] = "ban-concurrent-index-creation-in-transaction";
constexpr char TooManyColumns[] = "index-too-many-columns";

// More key columns than this in a non-unique index rarely narrow a search further
// (strong_migrations' add_index check uses the same limit).
constexpr int MaxUsefulKeyColumns = 3;

// CONCURRENTLY cannot run inside a transaction block. Slipway's engine (and a tool that sends
// the file as one query string) runs a file of a single statement outside one, so that case is
// fine; a tool that wraps every file in BEGIN … COMMIT runs even that one inside (LintState).
bool runsInTransaction(const LintState &state)
{
    return state.refusesNonTransactional();
}

// The message, and for a file of another tool what to do about it under that tool.
QString inTransaction(const StatementContext &context, const QString &message)
{
    return ToolRules::withToolFix(context,
                                  message,
                                  StatementKind::nonTransactionalReason(context.node()));
}

// Of several tables, the one whose lock matters most: the most rows. Empty when a size is
// unknown, so no downgrade is made on a guess.
QString largestTable(const KnownSchema &schema, const QStringList &tables)
{
    QString largest;
    qint64 rows = -1;
    for (const QString &name : tables) {
        const KnownTable *table = schema.table(name);
        if (!table || table->rows < 0)
            return tables.size() == 1 ? name : QString();
        if (table->rows > rows) {
            rows = table->rows;
            largest = name;
        }
    }
    return largest;
}

// GIN, BRIN and bloom indexes serve a condition on any subset of their columns equally well
// (PostgreSQL manual, Multicolumn Indexes), so the leading-column argument does not apply.
bool columnOrderMatters(const QString &accessMethod)
{
    static const QStringList anySubset{QStringLiteral("gin"),
                                       QStringLiteral("brin"),
                                       QStringLiteral("bloom")};
    return !anySubset.contains(accessMethod.toLower());
}

} // namespace

QList<RuleInfo> IndexRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(CreateIndex),
         S::Error,
         C::Locking,
         tr("Creating an index without CONCURRENTLY blocks writes to the table."),
         tr("SHARE lock on the table for the whole build: INSERT, UPDATE and DELETE wait."),
         tr("The build reads the whole table. On a large table that takes minutes, every write "
            "waits for it, and reads queue up behind the waiting writes."),
         tr("CREATE INDEX CONCURRENTLY, in its own migration outside a transaction. If it fails "
            "it leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY and retry.")},
        {QString::fromLatin1(DropIndex),
         S::Error,
         C::Locking,
         tr("Dropping an index without CONCURRENTLY blocks reads and writes of its table."),
         tr("ACCESS EXCLUSIVE lock on the table until the drop commits."),
         tr("The drop waits for every running query on the table, and everything queued behind "
            "it waits too, even plain SELECTs."),
         tr("DROP INDEX CONCURRENTLY IF EXISTS, outside a transaction.")},
        {QString::fromLatin1(Reindex),
         S::Error,
         C::Locking,
         tr("REINDEX without CONCURRENTLY blocks writes and the queries that use the index."),
         tr("SHARE lock on the table and ACCESS EXCLUSIVE on the index being rebuilt."),
         tr("The rebuild takes as long as a fresh index build, and the table cannot be written "
            "meanwhile."),
         tr("REINDEX … CONCURRENTLY (PostgreSQL 12 and later), outside a transaction.")},
        {QString::fromLatin1(DetachPartition),
         S::Error,
         C::Locking,
         tr("Detaching a partition without CONCURRENTLY blocks the partitioned table."),
         tr("ACCESS EXCLUSIVE lock on the parent table."),
         tr("Every query on the partitioned table waits until the detach commits."),
         tr("ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14 and later), outside a "
            "transaction; if interrupted, finish it with DETACH PARTITION … FINALIZE.")},
        {QString::fromLatin1(ConcurrentInTransaction),
         S::Error,
         C::Transaction,
         tr("CONCURRENTLY cannot run inside a transaction block."),
         tr("None: PostgreSQL rejects the statement and the migration fails."),
         tr("A concurrent build commits in several steps of its own, so it refuses to run in a "
            "transaction (ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction "
            "block)."),
         tr("Put the statement in a migration of its own that runs outside a transaction "
            "(first line -- slipway:no-transaction, or dbmate's transaction:false).")},
        {QString::fromLatin1(TooManyColumns),
         S::Warning,
         C::Performance,
         tr("A non-unique index with more than three key columns rarely improves performance."),
         tr("None beyond what CREATE INDEX itself takes (SHARE, or SHARE UPDATE EXCLUSIVE with "
            "CONCURRENTLY): this is advice about the index, not a lock hazard."),
         tr("Each extra column makes the index bigger and slower to maintain on every write, "
            "while rarely narrowing the search: PostgreSQL's planner uses the leading columns, "
            "and a multicolumn B-tree is most useful when the leading columns are selective. "
            "Conditions on the later columns only filter what the leading ones found."),
         tr("Index the two or three most selective columns. To answer queries from the index "
            "alone, add the other columns with INCLUDE (PostgreSQL 11 and later): they are "
            "stored in the index but are not part of the search key.")},
    };
}

void IndexRules::check(const StatementContext &context) const
{
    const PgNode node = context.node();
    const LintState &state = context.state();
    const std::string_view type = context.type();

    if (type == "IndexStmt") {
        const PgNode relation = node.field("relation");
        const QString table = LintNodes::relationName(relation);
        const QString index = node.field("idxname").string();
        const bool concurrent = node.field("concurrent").boolean();
        if (concurrent && runsInTransaction(state)) {
            context.report(ConcurrentInTransaction,
                           inTransaction(context,
                                         tr("CREATE INDEX CONCURRENTLY on %1 runs inside a "
                                            "transaction block; PostgreSQL will reject it.")
                                             .arg(table)),
                           table);
        }
        if (!concurrent && !state.createdInThisMigration(table)
            && !LintNodes::isTemporary(relation)) {
            context.report(CreateIndex,
                           index.isEmpty()
                               ? tr("CREATE INDEX on %1 without CONCURRENTLY blocks writes to %1 "
                                    "while the index is built.")
                                     .arg(table)
                               : tr("CREATE INDEX %1 on %2 without CONCURRENTLY blocks writes to "
                                    "%2 while the index is built.")
                                     .arg(index, table),
                           table);
        }
        // Expressions are key columns too; INCLUDE columns (indexIncludingParams) are not.
        const int keyColumns = node.field("indexParams").size();
        if (!node.field("unique").boolean() && keyColumns > MaxUsefulKeyColumns
            && columnOrderMatters(node.field("accessMethod").string())) {
            context.report(TooManyColumns,
                           index.isEmpty()
                               ? tr("CREATE INDEX on %1 has %2 key columns; a non-unique index "
                                    "with more than three rarely improves performance.")
                                     .arg(table, QString::number(keyColumns))
                               : tr("Index %1 on %2 has %3 key columns; a non-unique index with "
                                    "more than three rarely improves performance.")
                                     .arg(index, table, QString::number(keyColumns)),
                           table);
        }
    } else if (type == "DropStmt" && node.field("removeType").view() == "OBJECT_INDEX") {
        QStringList names;
        QStringList tables; // of the indexes, when every one is known
        bool allKnown = true;
        for (const PgNode &object : node.field("objects").list()) {
            names.append(LintNodes::dottedName(object));
            const QList<PgNode> parts = object.list();
            const QString table = parts.isEmpty()
                                      ? QString()
                                      : state.schema().tableOfIndex(parts.last().string());
            allKnown = allKnown && !table.isEmpty();
            if (!table.isEmpty() && !tables.contains(table))
                tables.append(table);
        }
        const bool concurrent = node.field("concurrent").boolean();
        if (!concurrent) {
            const QString indexes = names.join(QStringLiteral(", "));
            context.report(DropIndex,
                           tables.isEmpty()
                               ? tr("DROP INDEX %1 without CONCURRENTLY locks its table against "
                                    "reads and writes.")
                                     .arg(indexes)
                               : tr("DROP INDEX %1 without CONCURRENTLY locks %2 against reads "
                                    "and writes.")
                                     .arg(indexes, tables.join(QStringLiteral(", "))),
                           allKnown ? largestTable(state.schema(), tables) : QString());
        } else if (runsInTransaction(state)) {
            context.report(ConcurrentInTransaction,
                           inTransaction(context,
                                         tr("DROP INDEX CONCURRENTLY %1 runs inside a transaction "
                                            "block; PostgreSQL will reject it.")
                                             .arg(names.join(QStringLiteral(", ")))));
        }
    } else if (type == "ReindexStmt") {
        const std::string_view kind = node.field("kind").view();
        const QString target = node.has("relation")
                                   ? LintNodes::relationName(node.field("relation"))
                                   : node.field("name").string();
        const bool concurrent = PgOptions::hasOn(node.field("params"), "concurrently");
        if (concurrent && runsInTransaction(state)) {
            context.report(ConcurrentInTransaction,
                           inTransaction(context,
                                         tr("REINDEX CONCURRENTLY %1 runs inside a transaction "
                                            "block; PostgreSQL will reject it.")
                                             .arg(target)));
        } else if (!concurrent && kind != "REINDEX_OBJECT_SYSTEM") {
            // System catalogs cannot be reindexed concurrently at all.
            const QString table = kind == "REINDEX_OBJECT_TABLE" ? target
                                  : kind == "REINDEX_OBJECT_INDEX"
                                      ? state.schema().tableOfIndex(target)
                                      : QString();
            context.report(Reindex,
                           tr("REINDEX %1 without CONCURRENTLY blocks writes while it rebuilds.")
                               .arg(target),
                           table);
        }
    } else if (type == "AlterTableStmt") {
        const QString table = LintNodes::relationName(node.field("relation"));
        for (const PgNode &command : node.field("cmds").list()) {
            if (command.field("subtype").view() != "AT_DetachPartition")
                continue;
            const PgNode partition = command.field("def");
            const QString name = LintNodes::relationName(partition.field("name"));
            const bool concurrent = partition.field("concurrent").boolean();
            if (concurrent && runsInTransaction(state)) {
                context.report(ConcurrentInTransaction,
                               inTransaction(context,
                                             tr("DETACH PARTITION %1 CONCURRENTLY runs inside a "
                                                "transaction block; PostgreSQL will reject it.")
                                                 .arg(name)),
                               table);
            } else if (!concurrent && context.pgVersion() >= 14) {
                context.report(DetachPartition,
                               tr("DETACH PARTITION %1 without CONCURRENTLY locks %2 against "
                                  "reads and writes.")
                                   .arg(name, table),
                               table);
            }
        }
    }
}
