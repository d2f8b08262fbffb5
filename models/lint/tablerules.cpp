#include "tablerules.h"

#include "lintnodes.h"
#include "statementcontext.h"

namespace {
constexpr char DropTable[] = "ban-drop-table";
constexpr char RenameTable[] = "renaming-table";
constexpr char RenameEnumValue[] = "renaming-enum-value";
constexpr char TruncateCascade[] = "ban-truncate-cascade";
constexpr char DropDatabase[] = "ban-drop-database";
} // namespace

QList<RuleInfo> TableRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(DropTable),
         S::Error,
         C::Breaking,
         tr("Dropping a table loses its data and breaks code that uses it."),
         tr("ACCESS EXCLUSIVE lock on the table (and on tables whose foreign keys point to it)."),
         tr("The data is gone for good unless restored from a backup, and every running query "
            "on the table fails."),
         tr("Stop using the table in code first; keep a backup (or rename it aside) and drop it "
            "in a later migration.")},
        {QString::fromLatin1(RenameTable),
         S::Error,
         C::Breaking,
         tr("Renaming a table (or a schema) breaks code that uses the old name."),
         tr("ACCESS EXCLUSIVE lock on the table (brief)."),
         tr("Every running query and application version using the old name fails as soon as "
            "the rename commits."),
         tr("Expand and contract: create the new table (or a view with the new name), move "
            "writers and readers, then drop the old name in a later migration.")},
        {QString::fromLatin1(RenameEnumValue),
         S::Error,
         C::Breaking,
         tr("Renaming an enum value breaks code that uses the old value."),
         tr("A brief lock on the type's catalog rows; nothing is rewritten."),
         tr("Stored rows show the new label at once, and every running query, function, CHECK "
            "and application version that writes or compares the old label fails (invalid input "
            "value for enum) as soon as the rename commits."),
         tr("Add the new value (ALTER TYPE … ADD VALUE), move code and rows to it, then stop "
            "using the old one; enum values cannot be dropped, so keep it or rebuild the type "
            "later.")},
        {QString::fromLatin1(TruncateCascade),
         S::Error,
         C::Breaking,
         tr("TRUNCATE … CASCADE also empties every table that references these."),
         tr("ACCESS EXCLUSIVE lock on every table truncated, including the referencing ones."),
         tr("CASCADE follows foreign keys: tables you did not name lose all their rows too."),
         tr("Truncate or delete from the referencing tables explicitly, naming each one.")},
        {QString::fromLatin1(DropDatabase),
         S::Error,
         C::Breaking,
         tr("Dropping a database destroys all of its data."),
         tr("The database must have no connections; the drop cannot be rolled back."),
         tr("Everything in the database is gone, and DROP DATABASE cannot run in a transaction "
            "that could undo it."),
         tr("Do it by hand after a verified backup, never from a migration.")},
    };
}

void TableRules::check(const StatementContext &context) const
{
    const PgNode node = context.node();
    const std::string_view type = context.type();
    const LintState &state = context.state();

    if (type == "DropStmt" && node.field("removeType").view() == "OBJECT_TABLE") {
        for (const PgNode &object : node.field("objects").list()) {
            const QList<PgNode> parts = object.list();
            const QString table = parts.isEmpty() ? QString() : parts.last().string();
            if (state.createdInThisMigration(table))
                continue;
            context.report(DropTable,
                           tr("DROP TABLE %1 loses its data and breaks code that uses it.")
                               .arg(LintNodes::dottedName(object)),
                           table);
        }
    } else if (type == "RenameStmt") {
        const std::string_view renameType = node.field("renameType").view();
        const QString newName = node.field("newname").string();
        if (renameType == "OBJECT_TABLE") {
            const QString table = LintNodes::relationName(node.field("relation"));
            if (!state.createdInThisMigration(table)) {
                context.report(RenameTable,
                               tr("Renaming table %1 to %2 breaks code that uses the old name.")
                                   .arg(table, newName),
                               table);
            }
        } else if (renameType == "OBJECT_SCHEMA") {
            context.report(RenameTable,
                           tr("Renaming schema %1 to %2 breaks every query that names it.")
                               .arg(node.field("subname").string(), newName));
        }
    } else if (type == "AlterEnumStmt" && node.has("oldVal")) {
        context.report(RenameEnumValue,
                       tr("Renaming value '%1' of %2 to '%3' breaks code that uses the old value.")
                           .arg(node.field("oldVal").string(),
                                LintNodes::dottedName(node.field("typeName")),
                                node.field("newVal").string()));
    } else if (type == "TruncateStmt" && node.field("behavior").view() == "DROP_CASCADE") {
        QStringList tables;
        for (const PgNode &relation : node.field("relations").list())
            tables.append(LintNodes::relationName(relation));
        context.report(TruncateCascade,
                       tr("TRUNCATE %1 CASCADE also empties every table that references them.")
                           .arg(tables.join(QStringLiteral(", "))),
                       tables.value(0));
    } else if (type == "DropdbStmt") {
        context.report(DropDatabase,
                       tr("DROP DATABASE %1 destroys all of its data.")
                           .arg(node.field("dbname").string()));
    }
}
