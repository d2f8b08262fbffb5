#include "lintstate.h"

#include "lintnodes.h"

#include <QRegularExpression>

namespace {

bool isZero(const PgNode &value)
{
    // SET lock_timeout = 0 (or '0', '0s') turns the timeout off.
    if (value.is("A_Const")) {
        if (value.has("ival"))
            return value.field("ival").field("ival").integer(0) == 0;
        const QString text = value.field("sval").field("sval").string().trimmed();
        return !text.isEmpty() && text.at(0) == QLatin1Char('0')
               && text.toLower().remove(QRegularExpression(QStringLiteral("[^1-9]"))).isEmpty();
    }
    return false;
}

} // namespace

LintState::LintState(const LintOptions &options)
    : m_options(options)
{}

void LintState::beginFile(bool assumeInTransaction, int sqlStatementCount)
{
    m_assumeInTransaction = assumeInTransaction;
    m_toolTransactionOpen = assumeInTransaction;
    m_explicitTransaction = false;
    ++m_transactionId;
    m_beginStatement = -1;
    m_sqlStatementCount = sqlStatementCount;
    m_statementIndex = 0;
    m_lockTimeout = false;
    m_statementTimeout = false;
    m_createdTables.clear();
    m_dropped.clear();
    m_sawSchemaChange = false;
}

const ConstraintFact *LintState::constraint(const QString &name) const
{
    const auto it = m_constraints.constFind(name);
    return it == m_constraints.cend() ? nullptr : &it.value();
}

bool LintState::hasValidatedNotNullCheck(const QString &table, const QString &column) const
{
    if (const KnownTable *known = m_schema.table(table)) {
        if (known->validatedNotNullChecks.contains(column))
            return true;
    }
    for (auto it = m_constraints.cbegin(); it != m_constraints.cend(); ++it) {
        const ConstraintFact &fact = it.value();
        if (!fact.validated || fact.table != table)
            continue;
        if (fact.notNullColumn == column)
            return true;
        // Validated here but added by a migration we have not read: trust a name that names
        // both the table and the column (orders_total_not_null), as the usual tools generate.
        if (fact.type.isEmpty()) {
            const QStringList words = it.key().split(QLatin1Char('_'));
            if (it.key().contains(table) && words.contains(column))
                return true;
        }
    }
    return false;
}

void LintState::apply(const PgNode &statement)
{
    const std::string_view type = statement.type();
    if (type == "TransactionStmt")
        applyTransaction(statement);
    else if (type == "VariableSetStmt")
        applySet(statement);
    else if (type == "CreateStmt" || type == "CreateTableAsStmt")
        applyCreateTable(statement);
    else if (type == "AlterTableStmt")
        applyAlterTable(statement);
    else if (type == "IndexStmt")
        applyIndex(statement);
    else if (type == "RenameStmt")
        applyRename(statement);
    else if (type == "DropStmt")
        applyDrop(statement);

    if (LintNodes::isSchemaChange(type))
        m_sawSchemaChange = true;
    // Outside a transaction every statement commits on its own.
    if (!inTransaction())
        ++m_transactionId;
    ++m_statementIndex;
}

void LintState::applyTransaction(const PgNode &statement)
{
    const std::string_view kind = statement.field("kind").view();
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
        if (!inTransaction())
            ++m_transactionId;
        if (!m_explicitTransaction)
            m_beginStatement = m_statementIndex;
        m_explicitTransaction = true;
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK"
               || kind == "TRANS_STMT_PREPARE") {
        m_explicitTransaction = false;
        m_toolTransactionOpen = false;
        m_beginStatement = -1;
        ++m_transactionId;
    }
}

void LintState::applySet(const PgNode &statement)
{
    const QString name = statement.field("name").string().toLower();
    const std::string_view kind = statement.field("kind").view();
    const QList<PgNode> args = statement.field("args").list();
    const bool on = kind == "VAR_SET_VALUE" && !args.isEmpty() && !isZero(args.first());
    if (name == QLatin1String("lock_timeout"))
        m_lockTimeout = on;
    else if (name == QLatin1String("statement_timeout"))
        m_statementTimeout = on;
    else if (name == QLatin1String("timezone") && kind == "VAR_SET_VALUE" && !args.isEmpty())
        m_schema.timeZone = args.first().field("sval").field("sval").string();
}

void LintState::applyCreateTable(const PgNode &statement)
{
    const PgNode relation = statement.has("into") ? statement.field("into").field("rel")
                                                  : statement.field("relation");
    const QString name = LintNodes::relationName(relation);
    if (name.isEmpty())
        return;
    m_createdTables.insert(name);
    KnownTable &table = m_schema.addTable(relation.field("schemaname").string(), name);
    for (const PgNode &element : statement.field("tableElts").list()) {
        if (element.is("ColumnDef")) {
            table.columns.append(
                {element.field("colname").string(), TypeSpec::fromNode(element.field("typeName"))});
            for (const PgNode &constraint : element.field("constraints").list()) {
                const std::string_view contype = constraint.field("contype").view();
                if (contype == "CONSTR_CHECK")
                    table.checkColumns.append(
                        LintNodes::referencedColumns(constraint.field("raw_expr")));
                else if (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY")
                    table.indexColumns.append({element.field("colname").string()});
            }
        } else if (element.is("Constraint")) {
            applyAddConstraint(name, element);
        }
    }
}

void LintState::applyAddConstraint(const QString &tableName, const PgNode &constraint)
{
    const std::string_view contype = constraint.field("contype").view();
    KnownTable *table = m_schema.table(tableName);
    if (table && contype == "CONSTR_CHECK")
        table->checkColumns.append(LintNodes::referencedColumns(constraint.field("raw_expr")));
    if (table && (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY")) {
        QStringList columns;
        for (const PgNode &key : constraint.field("keys").list())
            columns.append(key.string());
        table->indexColumns.append(columns);
    }
    const QString name = constraint.field("conname").string();
    if (name.isEmpty())
        return;
    ConstraintFact fact;
    fact.table = tableName;
    fact.type = QString::fromUtf8(contype.data(), qsizetype(contype.size()));
    fact.notNullColumn = contype == "CONSTR_CHECK" ? LintNodes::notNullCheckColumn(constraint)
                                                   : QString();
    fact.validated = !constraint.field("skip_validation").boolean();
    fact.transaction = m_transactionId;
    m_constraints.insert(name, fact);
    if (m_dropped.contains(name))
        m_dropped[name] = true;
}

void LintState::applyAlterTable(const PgNode &statement)
{
    const QString tableName = LintNodes::relationName(statement.field("relation"));
    KnownTable *table = m_schema.table(tableName);
    for (const PgNode &command : statement.field("cmds").list()) {
        const std::string_view subtype = command.field("subtype").view();
        const QString name = command.field("name").string();
        const PgNode def = command.field("def");
        if (subtype == "AT_AddColumn" && table) {
            table->columns.append(
                {def.field("colname").string(), TypeSpec::fromNode(def.field("typeName"))});
        } else if (subtype == "AT_AlterColumnType" && table) {
            if (KnownColumn *column = table->column(name))
                column->type = TypeSpec::fromNode(def.field("typeName"));
        } else if (subtype == "AT_DropColumn" && table) {
            table->columns.removeIf([&name](const KnownColumn &c) { return c.name == name; });
        } else if (subtype == "AT_AddConstraint") {
            applyAddConstraint(tableName, def);
        } else if (subtype == "AT_ValidateConstraint") {
            ConstraintFact &fact = m_constraints[name];
            if (fact.table.isEmpty())
                fact.table = tableName;
            fact.validated = true;
        } else if (subtype == "AT_DropConstraint") {
            m_constraints.remove(name);
            m_dropped.insert(name, false);
        }
    }
}

void LintState::applyIndex(const PgNode &statement)
{
    if (KnownTable *table = m_schema.table(LintNodes::relationName(statement.field("relation"))))
        table->indexColumns.append(LintNodes::referencedColumns(statement.field("indexParams")));
}

void LintState::applyRename(const PgNode &statement)
{
    const std::string_view type = statement.field("renameType").view();
    const QString table = LintNodes::relationName(statement.field("relation"));
    const QString newName = statement.field("newname").string();
    if (type == "OBJECT_TABLE") {
        m_schema.renameTable(table, newName);
        if (m_createdTables.remove(table))
            m_createdTables.insert(newName);
    } else if (type == "OBJECT_COLUMN") {
        if (KnownTable *known = m_schema.table(table)) {
            if (KnownColumn *column = known->column(statement.field("subname").string()))
                column->name = newName;
        }
    }
}

void LintState::applyDrop(const PgNode &statement)
{
    if (statement.field("removeType").view() != "OBJECT_TABLE")
        return;
    for (const PgNode &object : statement.field("objects").list()) {
        const QList<PgNode> parts = object.list();
        if (!parts.isEmpty()) {
            m_schema.removeTable(parts.last().string());
            m_createdTables.remove(parts.last().string());
        }
    }
}
