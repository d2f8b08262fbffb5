#include "statementkind.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pg_query.h>

namespace StatementKind {

bool isCursorQuery(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    PgQueryParseResult result = pg_query_parse(utf8.constData());
    bool cursorable = false;
    if (!result.error && result.parse_tree) {
        const QByteArray json(result.parse_tree);
        const QJsonArray statements = QJsonDocument::fromJson(json).object().value(QLatin1String("stmts")).toArray();
        if (statements.size() == 1) {
            const QJsonObject stmt = statements.first().toObject().value(QLatin1String("stmt")).toObject();
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

} // namespace StatementKind
