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

// Whether `name` reads as a NOT NULL check of table.column, as tools and Slipway's own template
// name them (orders_loyalty_tier_not_null, orders_total_nn). Names are matched as whole
// '_'-separated words, so a column of several words matches and a column that is only part of a
// word does not. A guess that calls a SET NOT NULL safe must be a careful one: the name has to
// say not-null, not just mention the column.
bool namesNotNullCheck(const QString &name, const QString &table, const QString &column)
{
    const QString words = QLatin1Char('_') + name.toLower() + QLatin1Char('_');
    auto hasWords = [&words](const QString &part) {
        return !part.isEmpty()
               && words.contains(QLatin1Char('_') + part.toLower() + QLatin1Char('_'));
    };
    const bool saysNotNull = hasWords(QStringLiteral("not_null"))
                             || hasWords(QStringLiteral("notnull"))
                             || hasWords(QStringLiteral("nn"));
    return saysNotNull && hasWords(table) && hasWords(column);
}

// The index a UNIQUE, PRIMARY KEY or EXCLUDE constraint builds takes the constraint's name
// (USING INDEX renames the index to it); unnamed, PostgreSQL calls it <table>_pkey or
// <table>_<columns>_key. Empty when that name would be truncated or made unique by PostgreSQL,
// which is not worth guessing.
QString constraintIndexName(const QString &name,
                            const QString &table,
                            std::string_view contype,
                            const QStringList &columns)
{
    if (!name.isEmpty())
        return name;
    QString implicit;
    if (contype == "CONSTR_PRIMARY")
        implicit = table + QStringLiteral("_pkey");
    else if (contype == "CONSTR_UNIQUE" && !columns.isEmpty())
        implicit = table + QLatin1Char('_') + columns.join(QLatin1Char('_'))
                   + QStringLiteral("_key");
    return implicit.toUtf8().size() <= 63 ? implicit : QString();
}

} // namespace

LintState::LintState(const LintOptions &options)
    : m_options(options)
{}

void LintState::beginFile(bool assumeInTransaction,
                          int sqlStatementCount,
                          const std::optional<ToolTransaction::Run> &toolRun)
{
    // Drizzle's migrator runs every pending migration in one transaction: a value the last file
    // added without committing is still uncommitted here.
    const bool sameTransaction = m_toolRun && toolRun && m_toolRun->tool == MigrationTool::Drizzle
                                 && toolRun->tool == MigrationTool::Drizzle && inTransaction();
    QHash<QString, NewEnumValue> carried;
    if (sameTransaction) {
        for (auto it = m_newEnumValues.cbegin(); it != m_newEnumValues.cend(); ++it) {
            if (it->transaction == m_transactionId)
                carried.insert(it.key(), {it->type, m_transactionId + 1, true});
        }
        for (auto it = m_newEnumTypes.begin(); it != m_newEnumTypes.end(); ++it) {
            if (*it == m_transactionId)
                *it = m_transactionId + 1;
        }
    }
    m_newEnumValues = carried;
    m_toolRun = toolRun;
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

const LintState::NewEnumValue *LintState::newEnumValueInTransaction(const QString &label) const
{
    const auto it = m_newEnumValues.constFind(label);
    if (it == m_newEnumValues.cend() || !inTransaction() || it->transaction != m_transactionId)
        return nullptr;
    return &it.value();
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
        // Added where we read it: its parse tree said which column it tests.
        if (!fact.type.isEmpty()) {
            if (fact.notNullColumn == column)
                return true;
            continue;
        }
        // Validated here, added by a migration we have not read. The server's definition
        // decides when connected; otherwise only a name that says so is trusted.
        const auto known = m_schema.checks.constFind(it.key());
        if (known != m_schema.checks.cend()) {
            if (known->table == table && known->notNullColumn == column)
                return true;
        } else if (namesNotNullCheck(it.key(), table, column)) {
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
    else if (type == "AlterEnumStmt")
        applyAlterEnum(statement);
    else if (type == "CreateEnumStmt")
        m_newEnumTypes.insert(LintNodes::dottedName(statement.field("typeName")), m_transactionId);

    if (LintNodes::isSchemaChange(type) && !LintNodes::isConcurrentIndexChange(statement))
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
        // In a multi-statement query string the next statement starts a new implicit block.
        m_toolTransactionOpen = m_assumeInTransaction && toolTransactionImplicit()
                                && m_sqlStatementCount > 1;
        m_beginStatement = -1;
        ++m_transactionId;
    }
}

void LintState::applyAlterEnum(const PgNode &statement)
{
    if (statement.has("oldVal") || !statement.has("newVal"))
        return; // RENAME VALUE
    const QString type = LintNodes::dottedName(statement.field("typeName"));
    // Values of a type created in the same transaction are safe to use at once (PostgreSQL's
    // check_safe_enum_use accepts a type whose row the transaction itself wrote).
    const auto created = m_newEnumTypes.constFind(type);
    if (created != m_newEnumTypes.cend() && *created == m_transactionId)
        return;
    m_newEnumValues.insert(statement.field("newVal").string(), {type, m_transactionId});
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
                else if (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY") {
                    const QString column = element.field("colname").string();
                    table.indexColumns.append({column});
                    m_schema.addIndex(constraintIndexName(constraint.field("conname").string(),
                                                          name,
                                                          contype,
                                                          {column}),
                                      name);
                }
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
    if (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY" || contype == "CONSTR_EXCLUSION") {
        QStringList columns;
        for (const PgNode &key : constraint.field("keys").list())
            columns.append(key.string());
        m_schema.addIndex(constraintIndexName(name, tableName, contype, columns), tableName);
    }
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
    const QString tableName = LintNodes::relationName(statement.field("relation"));
    m_schema.addIndex(statement.field("idxname").string(), tableName);
    if (KnownTable *table = m_schema.table(tableName))
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
    } else if (type == "OBJECT_INDEX") {
        m_schema.renameIndex(table, newName); // the "relation" of ALTER INDEX is the index
    } else if (type == "OBJECT_COLUMN") {
        if (KnownTable *known = m_schema.table(table)) {
            if (KnownColumn *column = known->column(statement.field("subname").string()))
                column->name = newName;
        }
    }
}

void LintState::applyDrop(const PgNode &statement)
{
    const std::string_view type = statement.field("removeType").view();
    if (type != "OBJECT_TABLE" && type != "OBJECT_INDEX")
        return;
    for (const PgNode &object : statement.field("objects").list()) {
        const QList<PgNode> parts = object.list();
        if (parts.isEmpty())
            continue;
        const QString name = parts.last().string();
        if (type == "OBJECT_INDEX") {
            m_schema.removeIndex(name);
        } else {
            m_schema.removeTable(name);
            m_createdTables.remove(name);
        }
    }
}
