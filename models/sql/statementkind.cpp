#include "statementkind.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <pg_query.h>

namespace StatementKind {

bool isCursorQuery(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    PgQueryParseResult result = pg_query_parse(utf8.constData());
    bool cursorable = false;
    if (!result.error && result.parse_tree) {
        const QByteArray json(result.parse_tree);
        const QJsonArray statements
            = QJsonDocument::fromJson(json).object().value(QLatin1String("stmts")).toArray();
        if (statements.size() == 1) {
            const QJsonObject stmt
                = statements.first().toObject().value(QLatin1String("stmt")).toObject();
            const QJsonObject select = stmt.value(QLatin1String("SelectStmt")).toObject();
            // Data-modifying CTEs can sit anywhere in the tree; their node names are unambiguous
            // in the JSON text, so a substring test is exact enough and cheap.
            cursorable = !select.isEmpty() && !select.contains(QLatin1String("intoClause"))
                         && !json.contains("\"InsertStmt\"") && !json.contains("\"UpdateStmt\"")
                         && !json.contains("\"DeleteStmt\"") && !json.contains("\"MergeStmt\"");
        }
    }
    pg_query_free_parse_result(result);
    return cursorable;
}

QString nonTransactionalReason(const PgNode &statement)
{
    const std::string_view type = statement.type();
    auto optionOn = [](const PgNode &options, std::string_view name) {
        for (const PgNode &option : options.list()) {
            if (option.field("defname").view() != name)
                continue;
            const QString value = option.field("arg").string().toLower();
            return value.isEmpty()
                   || !(value == QLatin1String("false") || value == QLatin1String("off")
                        || value == QLatin1String("0"));
        }
        return false;
    };
    if (type == "IndexStmt" && statement.field("concurrent").boolean())
        return QStringLiteral("CREATE INDEX CONCURRENTLY");
    if (type == "DropStmt" && statement.field("concurrent").boolean())
        return QStringLiteral("DROP INDEX CONCURRENTLY");
    if (type == "ReindexStmt") {
        if (optionOn(statement.field("params"), "concurrently"))
            return QStringLiteral("REINDEX CONCURRENTLY");
        const std::string_view kind = statement.field("kind").view();
        if (kind == "REINDEX_OBJECT_SYSTEM" || kind == "REINDEX_OBJECT_DATABASE")
            return QStringLiteral("REINDEX DATABASE");
        if (kind == "REINDEX_OBJECT_SCHEMA")
            return QStringLiteral("REINDEX SCHEMA");
    }
    if (type == "AlterTableStmt") {
        for (const PgNode &command : statement.field("cmds").list()) {
            if (command.field("subtype").view() == "AT_DetachPartition"
                && command.field("def").field("concurrent").boolean())
                return QStringLiteral("DETACH PARTITION CONCURRENTLY");
        }
    }
    if (type == "DoStmt") {
        // A DO block that commits between batches (procedural transaction control) cannot run
        // inside a transaction block either.
        static const QRegularExpression commit(QStringLiteral("\\b(commit|rollback)\\s*;"),
                                               QRegularExpression::CaseInsensitiveOption);
        for (const PgNode &arg : statement.field("args").list()) {
            if (arg.field("defname").view() == "as"
                && commit.match(arg.field("arg").string()).hasMatch())
                return QStringLiteral("DO with COMMIT");
        }
    }
    if (type == "VacuumStmt" && statement.field("is_vacuumcmd").boolean())
        return QStringLiteral("VACUUM");
    if (type == "ClusterStmt" && !statement.has("relation"))
        return QStringLiteral("CLUSTER");
    if (type == "CreatedbStmt")
        return QStringLiteral("CREATE DATABASE");
    if (type == "DropdbStmt")
        return QStringLiteral("DROP DATABASE");
    if (type == "AlterSystemStmt")
        return QStringLiteral("ALTER SYSTEM");
    if (type == "CreateTableSpaceStmt")
        return QStringLiteral("CREATE TABLESPACE");
    if (type == "DropTableSpaceStmt")
        return QStringLiteral("DROP TABLESPACE");
    return {};
}

} // namespace StatementKind
