#include "datarules.h"

#include "lintnodes.h"
#include "statementcontext.h"

#include "sql/pgoptions.h"

namespace {
constexpr char Update[] = "ban-update-without-where";
constexpr char Delete[] = "ban-delete-without-where";
constexpr char VacuumFull[] = "ban-vacuum-full";
constexpr char Cluster[] = "ban-cluster";
} // namespace

QList<RuleInfo> DataRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(Update),
         S::Error,
         C::Locking,
         tr("UPDATE without WHERE rewrites every row in one transaction."),
         tr("ROW EXCLUSIVE on the table and a row lock on every row until commit: concurrent "
            "updates and deletes of any row wait."),
         tr("One statement over the whole table holds every row lock for its full duration, "
            "doubles the table on disk until vacuum, and floods replication."),
         tr("Backfill in batches by key range (UPDATE … WHERE id BETWEEN … AND …), committing "
            "between batches; add WHERE col IS NULL to make it re-runnable.")},
        {QString::fromLatin1(Delete),
         S::Error,
         C::Breaking,
         tr("DELETE without WHERE removes every row."),
         tr("ROW EXCLUSIVE on the table and a row lock on every deleted row until commit."),
         tr("All data of the table is gone; if that was the intent, it still locks every row "
            "and leaves the table bloated until vacuum."),
         tr("Add the WHERE clause you meant; to empty a table on purpose use TRUNCATE (fast) and "
            "say so in the migration.")},
        {QString::fromLatin1(VacuumFull),
         S::Error,
         C::Locking,
         tr("VACUUM FULL rewrites the table while reads and writes are blocked."),
         tr("ACCESS EXCLUSIVE lock on the table for the whole rewrite."),
         tr("The table is copied and every index rebuilt; nothing can read or write it until "
            "that is done, and it needs free disk space for a full copy."),
         tr("Plain VACUUM (no lock on reads and writes), or an online repack tool such as "
            "pg_repack or pg_squeeze.")},
        {QString::fromLatin1(Cluster),
         S::Error,
         C::Locking,
         tr("CLUSTER rewrites the table in index order while reads and writes are blocked."),
         tr("ACCESS EXCLUSIVE lock on the table for the whole rewrite."),
         tr("Like VACUUM FULL, CLUSTER copies the table and rebuilds every index; nothing can "
            "read or write it until that is done, and it needs free disk space for a full copy. "
            "CLUSTER without a table name does this to every table clustered before."),
         tr("An online repack tool such as pg_repack (which can also order rows by an index) or "
            "pg_squeeze; otherwise a maintenance window, not a migration.")},
    };
}

void DataRules::check(const StatementContext &context) const
{
    const PgNode node = context.node();
    const std::string_view type = context.type();
    if (type == "UpdateStmt" || type == "DeleteStmt") {
        const QString table = LintNodes::relationName(node.field("relation"));
        // A table created by this migration holds only what the migration put there.
        if (node.has("whereClause") || context.state().createdInThisMigration(table))
            return;
        if (type == "UpdateStmt")
            context.report(Update,
                           tr("UPDATE %1 without WHERE rewrites and locks every row of %1.")
                               .arg(table),
                           table);
        else
            context.report(Delete,
                           tr("DELETE FROM %1 without WHERE removes every row.").arg(table),
                           table);
    } else if (type == "VacuumStmt" && node.field("is_vacuumcmd").boolean()
               && PgOptions::hasOn(node.field("options"), "full")) {
        QStringList tables;
        for (const PgNode &relation : node.field("rels").list())
            tables.append(LintNodes::relationName(relation.field("relation")));
        context.report(VacuumFull,
                       tables.isEmpty()
                           ? tr("VACUUM FULL rewrites every table of the database under ACCESS "
                                "EXCLUSIVE.")
                           : tr("VACUUM FULL %1 rewrites it under ACCESS EXCLUSIVE.")
                                 .arg(tables.join(QStringLiteral(", "))),
                       tables.value(0));
    } else if (type == "ClusterStmt") {
        const QString table = LintNodes::relationName(node.field("relation"));
        context.report(Cluster,
                       table.isEmpty()
                           ? tr("CLUSTER without a table rewrites every table clustered before "
                                "under ACCESS EXCLUSIVE.")
                           : tr("CLUSTER %1 rewrites it under ACCESS EXCLUSIVE.").arg(table),
                       table);
    }
}
