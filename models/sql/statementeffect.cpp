#include "statementeffect.h"

#include "parsedscript.h"
#include "pgnode.h"
#include "pgoptions.h"
#include "statementeffectnames.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace {

using Effect = StatementEffect::Effect;
using Effects = StatementEffect::Effects;
using Reason = StatementEffect::Reason;
using StatementEffectNames::commandTag;
using StatementEffectNames::lockModeName;
using StatementEffectNames::objectWords;
using StatementEffectNames::sideEffect;

QString dottedName(const PgNode &names)
{
    QStringList parts;
    for (const PgNode &part : names.list())
        parts.append(part.string());
    return parts.join(QLatin1Char('.'));
}

QString relationName(const PgNode &rangeVar)
{
    QStringList parts;
    for (const char *key : {"catalogname", "schemaname", "relname"}) {
        const QString part = rangeVar.field(key).string();
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QLatin1Char('.'));
}

QString relationNames(const QList<PgNode> &rangeVars)
{
    QStringList names;
    for (const PgNode &rangeVar : rangeVars)
        names.append(relationName(rangeVar));
    return names.join(QStringLiteral(", "));
}

bool isTempSchema(const QString &schema)
{
    return schema.startsWith(QLatin1String("pg_temp"));
}

// Temporary by what the text says: CREATE TEMP (relpersistence 't') or a pg_temp-qualified
// name. An unqualified name is not trusted (see the header).
bool isTemporary(const PgNode &rangeVar)
{
    return rangeVar.field("relpersistence").view() == "t"
           || isTempSchema(rangeVar.field("schemaname").string());
}

// The name of one object of a DROP or COMMENT: a name list, a string, a function with its
// arguments or a type.
QString objectName(const PgNode &object)
{
    if (object.is("String"))
        return object.string();
    if (object.is("ObjectWithArgs"))
        return dottedName(object.field("objname")) + QStringLiteral("()");
    if (object.is("TypeName"))
        return dottedName(object.field("names"));
    if (object.is("RangeVar"))
        return relationName(object);
    return dottedName(object);
}

} // namespace

// Classifies the statements of one script in order; remembers what PREPARE prepared so a later
// EXECUTE is judged as the statement it runs.
class StatementEffectClassifier
{
    Q_DECLARE_TR_FUNCTIONS(StatementEffect)

public:
    QList<Reason> statement(const PgNode &node)
    {
        QList<Reason> reasons;
        m_out = &reasons;
        classify(node);
        m_out = nullptr;
        return reasons;
    }
    QList<Reason> metaCommands(const QString &text);

private:
    QList<Reason> *m_out = nullptr;
    QHash<QString, QList<Reason>> m_prepared;

    void add(Effects effects, const QString &text, bool severe = false)
    {
        for (const Reason &reason : std::as_const(*m_out)) {
            if (reason.text == text)
                return;
        }
        m_out->append(Reason{effects, severe, text});
    }
    // Adds the reasons of an inner statement, each put into `format` as its last argument
    // (after `name` when there is one): "EXPLAIN ANALYZE runs it: %1", "EXECUTE %1: %2".
    void add(const QList<Reason> &reasons,
             const QString &format = QString(),
             const QString &name = QString())
    {
        for (const Reason &reason : reasons) {
            const QString text = format.isEmpty() ? reason.text
                                 : name.isEmpty() ? format.arg(reason.text)
                                                  : format.arg(name, reason.text);
            add(reason.effects, text, reason.severe);
        }
    }
    QList<Reason> nested(const PgNode &node)
    {
        QList<Reason> *outer = m_out;
        QList<Reason> reasons;
        m_out = &reasons;
        classify(node);
        m_out = outer;
        return reasons;
    }

    void classify(const PgNode &node);
    void query(const PgNode &root);
    void modification(const PgNode &node, bool inWith);
    void alterTable(const PgNode &node);
    void copy(const PgNode &node);
    void psqlCopy(const QString &arguments);
};

void StatementEffectClassifier::classify(const PgNode &node)
{
    const std::string_view type = node.type();
    // Kinds that never write, change the schema or block writers.
    static constexpr std::string_view harmless[] = {"VariableSetStmt",
                                                    "VariableShowStmt",
                                                    "FetchStmt",
                                                    "ClosePortalStmt",
                                                    "DeallocateStmt",
                                                    "DiscardStmt",
                                                    "ListenStmt",
                                                    "UnlistenStmt",
                                                    "NotifyStmt",
                                                    "ConstraintsSetStmt",
                                                    "CheckPointStmt"};
    if (std::find(std::begin(harmless), std::end(harmless), type) != std::end(harmless))
        return;
    if (type == "SelectStmt" || type == "InsertStmt" || type == "UpdateStmt" || type == "DeleteStmt"
        || type == "MergeStmt") {
        query(node);
    } else if (type == "ExplainStmt") {
        // EXPLAIN ANALYZE executes the statement (and keeps its effects unless rolled back).
        if (PgOptions::hasOn(node.field("options"), "analyze") || PgOptions::hasOn(node.field("options"), "analyse"))
            add(nested(node.field("query")), tr("EXPLAIN ANALYZE runs it: %1"));
    } else if (type == "DeclareCursorStmt") {
        query(node.field("query"));
    } else if (type == "PrepareStmt") {
        m_prepared.insert(node.field("name").string(), nested(node.field("query")));
    } else if (type == "ExecuteStmt") {
        const QString name = node.field("name").string();
        const auto prepared = m_prepared.constFind(name);
        if (prepared == m_prepared.cend())
            add(Effect::RunsCode, tr("EXECUTE %1 (prepared elsewhere; may write)").arg(name));
        else
            add(*prepared, tr("EXECUTE %1: %2"), name);
    } else if (type == "TransactionStmt") {
        const std::string_view kind = node.field("kind").view();
        const QString gid = node.field("gid").string();
        if (kind == "TRANS_STMT_PREPARE")
            add(Effect::LocksTables,
                tr("PREPARE TRANSACTION (keeps its locks until COMMIT/ROLLBACK PREPARED)"));
        else if (kind == "TRANS_STMT_COMMIT_PREPARED")
            add(Effect::WritesData,
                tr("COMMIT PREPARED '%1' (commits changes made elsewhere)").arg(gid));
        else if (kind == "TRANS_STMT_ROLLBACK_PREPARED")
            add(Effect::WritesData,
                tr("ROLLBACK PREPARED '%1' (discards changes made elsewhere)").arg(gid));
    } else if (type == "CopyStmt") {
        copy(node);
    } else if (type == "DoStmt") {
        add(Effect::RunsCode, tr("DO block (may run anything)"));
    } else if (type == "CallStmt") {
        add(Effect::RunsCode,
            tr("CALL %1 (procedure may write)")
                .arg(dottedName(node.field("funccall").field("funcname"))));
    } else if (type == "LoadStmt") {
        add(Effect::RunsCode,
            tr("LOAD '%1' (loads a library into the server)").arg(node.field("filename").string()));
    } else if (type == "TruncateStmt") {
        const QList<PgNode> relations = node.field("relations").list();
        if (!relations.isEmpty() && std::all_of(relations.cbegin(), relations.cend(), isTemporary))
            return;
        add(Effect::WritesData,
            tr("TRUNCATE %1 (removes every row)").arg(relationNames(relations)),
            true);
    } else if (type == "DropStmt") {
        QStringList names;
        bool temporary = true;
        for (const PgNode &object : node.field("objects").list()) {
            names.append(objectName(object));
            const QList<PgNode> parts = object.list();
            temporary = temporary && parts.size() == 2 && isTempSchema(parts.first().string());
        }
        if (!temporary || names.isEmpty()) {
            const QString what = objectWords(node.field("removeType").view());
            add(Effect::ChangesSchema,
                node.field("concurrent").boolean()
                    ? tr("DROP %1 CONCURRENTLY %2").arg(what, names.join(QStringLiteral(", ")))
                    : tr("DROP %1 %2").arg(what, names.join(QStringLiteral(", "))),
                true);
        }
    } else if (type == "DropdbStmt") {
        add(Effect::ChangesSchema, tr("DROP DATABASE %1").arg(node.field("dbname").string()), true);
    } else if (type == "DropOwnedStmt") {
        add(Effect::ChangesSchema, tr("DROP OWNED (drops everything the roles own)"), true);
    } else if (type == "AlterTableStmt") {
        alterTable(node);
    } else if (type == "IndexStmt") {
        const PgNode relation = node.field("relation");
        if (isTemporary(relation))
            return;
        if (node.field("concurrent").boolean())
            add(Effect::ChangesSchema,
                tr("CREATE INDEX CONCURRENTLY on %1").arg(relationName(relation)));
        else
            add(Effect::ChangesSchema | Effect::LocksTables,
                tr("CREATE INDEX on %1 (SHARE lock: blocks writes while it builds)")
                    .arg(relationName(relation)));
    } else if (type == "VacuumStmt") {
        // Plain VACUUM and ANALYZE take SHARE UPDATE EXCLUSIVE, which lets reads and writes go
        // on; FULL rewrites each table under ACCESS EXCLUSIVE.
        if (node.field("is_vacuumcmd").boolean() && PgOptions::hasOn(node.field("options"), "full")) {
            QList<PgNode> relations;
            for (const PgNode &rel : node.field("rels").list())
                relations.append(rel.field("relation"));
            add(Effect::LocksTables,
                relations.isEmpty()
                    ? tr("VACUUM FULL of every table (ACCESS EXCLUSIVE, rewrites them)")
                    : tr("VACUUM FULL %1 (ACCESS EXCLUSIVE, rewrites the table)")
                          .arg(relationNames(relations)));
        }
    } else if (type == "ClusterStmt") {
        add(Effect::LocksTables,
            node.has("relation")
                ? tr("CLUSTER %1 (ACCESS EXCLUSIVE, rewrites the table)")
                      .arg(relationName(node.field("relation")))
                : tr("CLUSTER of every clustered table (ACCESS EXCLUSIVE, rewrites them)"));
    } else if (type == "ReindexStmt") {
        const QString name = node.has("relation") ? relationName(node.field("relation"))
                                                  : node.field("name").string();
        if (PgOptions::hasOn(node.field("params"), "concurrently"))
            add(Effect::ChangesSchema, tr("REINDEX CONCURRENTLY %1 (rebuilds indexes)").arg(name));
        else
            add(Effect::LocksTables, tr("REINDEX %1 (blocks writes while it rebuilds)").arg(name));
    } else if (type == "LockStmt") {
        // Modes from SHARE up conflict with ROW EXCLUSIVE: they stop every writer.
        const long long mode = node.field("mode").integer();
        const QString names = relationNames(node.field("relations").list());
        if (mode >= 8)
            add(Effect::LocksTables,
                tr("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE (blocks reads and writes)").arg(names));
        else if (mode >= 5)
            add(Effect::LocksTables,
                tr("LOCK TABLE %1 IN %2 MODE (blocks writes)").arg(names, lockModeName(mode)));
    } else if (type == "RefreshMatViewStmt") {
        const QString name = relationName(node.field("relation"));
        add(Effect::WritesData | Effect::LocksTables,
            node.field("concurrent").boolean()
                ? tr("REFRESH MATERIALIZED VIEW CONCURRENTLY %1 (replaces its rows)").arg(name)
                : tr("REFRESH MATERIALIZED VIEW %1 (replaces its rows under ACCESS EXCLUSIVE)")
                      .arg(name));
    } else if (type == "GrantStmt" || type == "GrantRoleStmt") {
        const bool grant = node.field("is_grant").boolean();
        if (type == "GrantStmt")
            add(Effect::ChangesSchema,
                grant ? tr("GRANT (changes privileges)") : tr("REVOKE (changes privileges)"));
        else
            add(Effect::ChangesSchema,
                grant ? tr("GRANT role (changes role membership)")
                      : tr("REVOKE role (changes role membership)"));
    } else if (type == "AlterSystemStmt") {
        add(Effect::ChangesSchema, tr("ALTER SYSTEM (changes the server configuration)"));
    } else if (type == "CreateTableAsStmt") {
        const PgNode target = node.field("into").field("rel");
        if (isTemporary(target)) {
            add(nested(node.field("query")));
            return;
        }
        add(Effect::ChangesSchema | Effect::WritesData,
            node.field("objtype").view() == "OBJECT_MATVIEW"
                ? tr("CREATE MATERIALIZED VIEW %1").arg(relationName(target))
                : tr("CREATE TABLE %1 AS (creates and fills a table)").arg(relationName(target)));
        add(nested(node.field("query")));
    } else {
        // Objects created TEMPORARY live and die with the session. A temporary table inheriting
        // from a permanent one changes what the parent's queries see, so it is not exempt.
        if ((type == "CreateStmt" || type == "ViewStmt" || type == "CreateSeqStmt")) {
            const PgNode relation = node.field(type == "ViewStmt"        ? "view"
                                               : type == "CreateSeqStmt" ? "sequence"
                                                                         : "relation");
            if (isTemporary(relation) && node.field("inhRelations").size() == 0
                && !node.has("partbound"))
                return;
        }
        // The tag, with the relation it names where there is one: "CREATE TABLE orders",
        // "ALTER TABLE orders RENAME", "CREATE TRIGGER on orders".
        QString reason = commandTag(node);
        QString name;
        for (const char *key : {"relation", "view", "sequence"}) {
            if (node.field(key).has("relname")) {
                name = relationName(node.field(key));
                break;
            }
        }
        if (name.isEmpty())
            ; // the tag alone
        else if (reason.contains(QStringLiteral("…")))
            reason.replace(QStringLiteral("…"), name);
        else if (type == "CreateTrigStmt" || type == "RuleStmt" || type == "CreatePolicyStmt"
                 || type == "AlterPolicyStmt")
            reason += QStringLiteral(" on ") + name;
        else
            reason += QLatin1Char(' ') + name;
        add(Effect::ChangesSchema, reason, type.substr(0, 4) == "Drop");
    }
}

// A query statement and everything below it: data-modifying WITH queries, SELECT INTO, row
// locks and calls of functions with side effects can sit at any depth.
void StatementEffectClassifier::query(const PgNode &root)
{
    bool top = true;
    root.walk([&](const PgNode &node) {
        const std::string_view type = node.type();
        if (type == "InsertStmt" || type == "UpdateStmt" || type == "DeleteStmt"
            || type == "MergeStmt") {
            modification(node, !top);
        } else if (type == "SelectStmt" && node.has("intoClause")) {
            const PgNode target = node.field("intoClause").field("rel");
            if (!isTemporary(target))
                add(Effect::ChangesSchema | Effect::WritesData,
                    tr("SELECT INTO %1 (creates and fills a table)").arg(relationName(target)));
        } else if (type == "LockingClause") {
            static const QHash<QString, QString> strengths{{QStringLiteral("LCS_FORUPDATE"),
                                                            QStringLiteral("FOR UPDATE")},
                                                           {QStringLiteral("LCS_FORNOKEYUPDATE"),
                                                            QStringLiteral("FOR NO KEY UPDATE")},
                                                           {QStringLiteral("LCS_FORSHARE"),
                                                            QStringLiteral("FOR SHARE")},
                                                           {QStringLiteral("LCS_FORKEYSHARE"),
                                                            QStringLiteral("FOR KEY SHARE")}};
            const QString strength = node.field("strength").string();
            add(Effect::LocksRows,
                tr("SELECT … %1 (locks the rows it reads until the transaction ends)")
                    .arg(strengths.value(strength, strength)));
        } else if (type == "FuncCall") {
            const QList<PgNode> names = node.field("funcname").list();
            const QString effect = names.isEmpty() ? QString()
                                                   : sideEffect(names.last().string().toLower());
            if (!effect.isEmpty())
                add(Effect::RunsCode, effect);
        }
        top = false;
        return true;
    });
}

void StatementEffectClassifier::modification(const PgNode &node, bool inWith)
{
    const std::string_view type = node.type();
    const PgNode relation = node.field("relation");
    if (isTemporary(relation))
        return;
    const QString name = relationName(relation);
    const bool everyRow = (type == "UpdateStmt" || type == "DeleteStmt")
                          && !node.has("whereClause");
    QString text;
    if (type == "InsertStmt")
        text = node.field("onConflictClause").field("action").view() == "ONCONFLICT_UPDATE"
                   ? tr("INSERT … ON CONFLICT DO UPDATE on %1").arg(name)
                   : tr("INSERT into %1").arg(name);
    else if (type == "UpdateStmt")
        text = everyRow ? tr("UPDATE without WHERE on %1 (every row)").arg(name)
                        : tr("UPDATE on %1").arg(name);
    else if (type == "DeleteStmt")
        text = everyRow ? tr("DELETE without WHERE on %1 (every row)").arg(name)
                        : tr("DELETE on %1").arg(name);
    else
        text = tr("MERGE into %1").arg(name);
    if (inWith)
        text = tr("%1 (data-modifying WITH)").arg(text);
    add(Effect::WritesData, text, everyRow);
}

void StatementEffectClassifier::alterTable(const PgNode &node)
{
    const PgNode relation = node.field("relation");
    if (isTemporary(relation))
        return;
    const QString name = relationName(relation);
    const QString what = objectWords(node.field("objtype").view());
    bool other = false;
    for (const PgNode &command : node.field("cmds").list()) {
        const std::string_view subtype = command.field("subtype").view();
        const QString column = command.field("name").string();
        if (subtype == "AT_AlterColumnType")
            add(Effect::ChangesSchema | Effect::LocksTables,
                tr("ALTER %1 %2 ALTER COLUMN %3 TYPE (rewrites the table unless the types are "
                   "binary compatible)")
                    .arg(what, name, column));
        else if (subtype == "AT_DropColumn")
            add(Effect::ChangesSchema,
                tr("ALTER %1 %2 DROP COLUMN %3 (its data is lost)").arg(what, name, column),
                true);
        else
            other = true;
    }
    if (other || node.field("cmds").size() == 0)
        add(Effect::ChangesSchema | Effect::LocksTables, tr("ALTER %1 %2").arg(what, name));
}

void StatementEffectClassifier::copy(const PgNode &node)
{
    const QString name = relationName(node.field("relation"));
    const QString file = node.field("filename").string();
    if (node.field("is_program").boolean())
        add(Effect::RunsCode,
            tr("COPY … PROGRAM '%1' (runs a shell command on the server)").arg(file));
    if (node.field("is_from").boolean()) {
        if (!isTemporary(node.field("relation")))
            add(Effect::WritesData, tr("COPY … FROM (loads rows into %1)").arg(name));
    } else {
        if (!file.isEmpty() && !node.field("is_program").boolean())
            add(Effect::RunsCode, tr("COPY … TO '%1' (writes a file on the server)").arg(file));
        // COPY (query) TO runs the query, which may be INSERT/UPDATE/DELETE … RETURNING.
        if (node.has("query"))
            add(nested(node.field("query")));
    }
}

QList<Reason> StatementEffectClassifier::metaCommands(const QString &text)
{
    QList<Reason> reasons;
    m_out = &reasons;
    // psql reads backslash commands one after another; arguments run to the next unquoted
    // backslash or the end of the line, except for \copy and \!, which take the rest of the
    // line.
    static const QSet<QString> harmless = [] {
        QSet<QString> set;
        for (const char *name : {"set",      "unset",     "echo",       "qecho",   "warn",
                                 "if",       "elif",      "else",       "endif",   "pset",
                                 "a",        "t",         "x",          "H",       "f",
                                 "C",        "T",         "timing",     "o",       "out",
                                 "g",        "gx",        "gset",       "gdesc",   "bind",
                                 "conninfo", "encoding",  "errverbose", "prompt",  "q",
                                 "quit",     "r",         "reset",      "p",       "print",
                                 "s",        "w",         "write",      "setenv",  "getenv",
                                 "cd",       "?",         "h",          "help",    "copyright",
                                 "l",        "list",      "z",          "sf",      "sv",
                                 "lo_list",  "lo_export", "c",          "connect", "crosstabview",
                                 "watch",    "\\"})
            set.insert(QString::fromLatin1(name));
        return set;
    }();
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (text.at(i) != QLatin1Char('\\')) {
            const QChar quote = text.at(i);
            ++i;
            if (quote == QLatin1Char('\'') || quote == QLatin1Char('"')
                || quote == QLatin1Char('`')) {
                while (i < n && text.at(i) != quote && text.at(i) != QLatin1Char('\n')) {
                    if (quote == QLatin1Char('\'') && text.at(i) == QLatin1Char('\\'))
                        ++i;
                    ++i;
                }
                ++i;
            }
            continue;
        }
        qsizetype end = i + 1;
        while (end < n && (text.at(end).isLetterOrNumber() || text.at(end) == QLatin1Char('_')))
            ++end;
        if (end == i + 1 && end < n)
            ++end; // a one-character command: \! \? \; \\ …
        const QString name = text.mid(i + 1, end - i - 1);
        const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), end);
        const QString rest = text.mid(end, (lineEnd < 0 ? n : lineEnd) - end).trimmed();
        i = end;
        if (name == QLatin1String("copy")) {
            psqlCopy(rest);
            i = lineEnd < 0 ? n : lineEnd;
        } else if (name == QLatin1String("!")) {
            add(Effect::RunsCode, tr("\\! (runs a shell command)"));
            i = lineEnd < 0 ? n : lineEnd;
        } else if (name == QLatin1String("i") || name == QLatin1String("include")
                   || name == QLatin1String("ir") || name == QLatin1String("include_relative")) {
            add(Effect::RunsCode,
                tr("\\%1 %2 (runs another file, which is not checked here)").arg(name, rest));
        } else if (rest.startsWith(QLatin1Char('|'))
                   && (name == QLatin1String("g") || name == QLatin1String("gx")
                       || name == QLatin1String("o") || name == QLatin1String("out")
                       || name == QLatin1String("w") || name == QLatin1String("write"))) {
            // Output piped into a program: psql runs it in a shell.
            add(Effect::RunsCode, tr("\\%1 | (runs a shell command)").arg(name));
        } else if (name == QLatin1String("gexec")) {
            add(Effect::RunsCode, tr("\\gexec (runs each value the query returns as SQL)"));
        } else if (name == QLatin1String("lo_import")) {
            add(Effect::WritesData, tr("\\lo_import (creates a large object)"));
        } else if (name == QLatin1String("lo_unlink")) {
            add(Effect::WritesData, tr("\\lo_unlink (deletes a large object)"), true);
        } else if (name == QLatin1String("password")) {
            add(Effect::ChangesSchema, tr("\\password (changes a role's password)"));
        } else if (!harmless.contains(name) && !name.startsWith(QLatin1Char('d'))) {
            // \d… describe commands only read; anything unknown (\e runs what the editor
            // leaves, newer psql commands) is not vouched for.
            add(Effect::RunsCode, tr("psql command \\%1 (not checked)").arg(name));
        }
    }
    m_out = nullptr;
    return reasons;
}

// \copy { table [ ( columns ) ] | ( query ) } { from | to } …: the direction decides, and a
// query is judged like any other (COPY (DELETE … RETURNING) TO works).
void StatementEffectClassifier::psqlCopy(const QString &arguments)
{
    const qsizetype n = arguments.size();
    qsizetype i = 0;
    auto skipSpace = [&] {
        while (i < n && arguments.at(i).isSpace())
            ++i;
    };
    // Skips a parenthesised part, quotes included; returns its inside.
    auto parenthesised = [&]() -> QString {
        const qsizetype from = i + 1;
        int depth = 0;
        while (i < n) {
            const QChar c = arguments.at(i);
            if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                const qsizetype close = arguments.indexOf(c, i + 1);
                i = close < 0 ? n : close + 1;
                continue;
            }
            ++i;
            if (c == QLatin1Char('('))
                ++depth;
            else if (c == QLatin1Char(')') && --depth == 0)
                return arguments.mid(from, i - 1 - from);
        }
        return {};
    };
    QString table;
    QString queryText;
    skipSpace();
    if (i < n && arguments.at(i) == QLatin1Char('(')) {
        queryText = parenthesised();
    } else {
        const qsizetype from = i;
        while (i < n && !arguments.at(i).isSpace() && arguments.at(i) != QLatin1Char('(')) {
            if (arguments.at(i) == QLatin1Char('"')) {
                const qsizetype close = arguments.indexOf(QLatin1Char('"'), i + 1);
                i = close < 0 ? n : close + 1;
            } else {
                ++i;
            }
        }
        table = arguments.mid(from, i - from);
        skipSpace();
        if (i < n && arguments.at(i) == QLatin1Char('('))
            parenthesised();
    }
    skipSpace();
    qsizetype wordEnd = i;
    while (wordEnd < n && arguments.at(wordEnd).isLetter())
        ++wordEnd;
    const QString direction = arguments.mid(i, wordEnd - i).toLower();
    if (direction == QLatin1String("from") && !table.isEmpty()) {
        if (!table.startsWith(QLatin1String("pg_temp")))
            add(Effect::WritesData, tr("\\copy … from (loads rows into %1)").arg(table));
    } else if (direction == QLatin1String("to")) {
        if (!queryText.isEmpty()) {
            for (const StatementEffect::Statement &inner : StatementEffect::classify(queryText))
                add(inner.reasons, tr("\\copy (%1) to"));
        }
    } else {
        add(Effect::Unparsed, tr("\\copy that could not be read (treated as a write)"));
    }
}

StatementEffect::Effects StatementEffect::Statement::effects() const
{
    Effects all;
    for (const Reason &reason : reasons)
        all |= reason.effects;
    return all;
}

bool StatementEffect::Statement::isSevere() const
{
    return std::any_of(reasons.cbegin(), reasons.cend(), [](const Reason &r) { return r.severe; });
}

QStringList StatementEffect::Statement::texts() const
{
    QStringList list;
    for (const Reason &reason : reasons)
        list.append(reason.text);
    return list;
}

QList<StatementEffect::Statement> StatementEffect::classify(const QString &script)
{
    return classify(ParsedScript::parse(script));
}

QList<StatementEffect::Statement> StatementEffect::classify(const ParsedScript &parsed)
{
    const SqlScript &script = parsed.script();
    QHash<int, const ParsedStatement *> byIndex;
    for (const ParsedStatement &statement : parsed.statements())
        byIndex.insert(statement.index, &statement);

    StatementEffectClassifier classifier;
    QList<Statement> result;
    const QList<SqlStatement> &pieces = script.statements();
    for (int i = 0; i < pieces.size(); ++i) {
        const SqlStatement &piece = pieces.at(i);
        if (piece.kind != SqlStatement::Kind::Sql && piece.kind != SqlStatement::Kind::MetaCommand)
            continue;
        Statement statement;
        statement.index = i;
        statement.start = piece.start;
        statement.length = piece.length;
        statement.line = piece.line;
        if (piece.kind == SqlStatement::Kind::MetaCommand) {
            statement.reasons = classifier.metaCommands(script.textOf(piece));
        } else {
            const ParsedStatement *parsedStatement = byIndex.value(i);
            if (parsedStatement && parsedStatement->ok()) {
                statement.reasons = classifier.statement(parsedStatement->node);
            } else {
                // Fail closed: what the grammar cannot read cannot be shown to be harmless.
                const QString error = parsedStatement ? parsedStatement->error : QString();
                statement.reasons.append(
                    Reason{Effect::Unparsed,
                           false,
                           error.isEmpty()
                               ? tr("statement not understood (treated as a change)")
                               : tr("%1 (not understood, treated as a change)").arg(error)});
            }
        }
        result.append(statement);
    }
    return result;
}

QStringList StatementEffect::reasons(const QString &script)
{
    QStringList severe;
    QStringList other;
    for (const Statement &statement : classify(script)) {
        for (const Reason &reason : statement.reasons) {
            if (severe.contains(reason.text) || other.contains(reason.text))
                continue;
            (reason.severe ? severe : other).append(reason.text);
        }
    }
    return severe + other;
}
