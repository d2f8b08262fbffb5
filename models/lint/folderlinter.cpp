#include "folderlinter.h"

#include "linter.h"
#include "migrationrules.h"

#include "migrations/migrationfolder.h"
#include "sql/parsedscript.h"
#include "sql/statementkind.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>

namespace {

bool hasRollbackStatements(const Migration &migration)
{
    QString text;
    QString error;
    if (!migration.hasRollback() || !MigrationFolder::readDown(migration, &text, &error))
        return false;
    const SqlScript script = StatementSplitter::splitScript(text);
    for (const SqlStatement &statement : script.statements()) {
        if (statement.isSql())
            return true;
    }
    return false;
}

} // namespace

namespace FolderLinter {

bool runsInTransaction(const QString &text, const ParsedScript &parsed)
{
    if (MigrationFolder::declaresNoTransaction(text))
        return false;
    for (const ParsedStatement &statement : parsed.statements()) {
        if (statement.ok() && !StatementKind::nonTransactionalReason(statement.node).isEmpty())
            return false;
    }
    return true;
}

bool lintUpScript(const Migration &migration,
                  Linter &linter,
                  QList<Finding> *findings,
                  QString *text,
                  QString *error)
{
    QString script;
    if (!MigrationFolder::readUp(migration, &script, error))
        return false;
    const ParsedScript parsed = ParsedScript::parse(script);
    const QList<Finding> found = linter.lintScript(migration.upPath,
                                                   parsed,
                                                   runsInTransaction(script, parsed));
    if (findings)
        findings->append(found);
    if (text)
        *text = std::move(script);
    return true;
}

QList<Finding> lint(const MigrationFolder &folder, Linter &linter, QStringList *errors)
{
    QList<Finding> findings;
    for (const Migration &migration : folder.migrations()) {
        QString text;
        QString error;
        if (!lintUpScript(migration, linter, &findings, &text, &error)) {
            errors->append(error);
            continue;
        }
        if (migration.isRepeatable() || hasRollbackStatements(migration))
            continue;
        Finding missing;
        missing.rule = QString::fromLatin1(MigrationRules::MissingRollback);
        missing.file = migration.upPath;
        missing.length = int(text.section(QLatin1Char('\n'), 0, 0).size());
        missing.message = QCoreApplication::translate("FolderLinter",
                                                      "Migration %1 (%2) has no rollback script.")
                              .arg(migration.version.text(), migration.description);
        if (linter.complete(&missing, text))
            findings.append(missing);
    }
    return findings;
}

} // namespace FolderLinter
