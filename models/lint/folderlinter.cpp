#include "folderlinter.h"

#include "linter.h"
#include "linttarget.h"
#include "migrationrules.h"

#include "migrations/migrationfolder.h"
#include "migrations/migrationtool.h"
#include "sql/parsedscript.h"
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

QList<Finding> lintFile(const LintTarget &target,
                        const QString &fileText,
                        Linter &linter,
                        bool checkRollback)
{
    const QString text = target.scriptText(fileText);
    const ParsedScript parsed = ParsedScript::parse(text);
    const std::optional<ToolTransaction::Run> run = target.toolRun(text, parsed, linter.options());
    QList<Finding> findings = linter.lintScript(target.fileName(),
                                                parsed,
                                                run ? std::nullopt
                                                    : target.inTransaction(text, parsed),
                                                run);
    const Migration &migration = target.migration();
    if (!checkRollback || target.role() != LintTarget::Role::Up || migration.isRepeatable()
        || hasRollbackStatements(migration))
        return findings;
    Finding missing;
    missing.rule = QString::fromLatin1(MigrationRules::MissingRollback);
    missing.file = target.fileName();
    missing.length = int(text.section(QLatin1Char('\n'), 0, 0).size());
    missing.message = QCoreApplication::translate("FolderLinter",
                                                  "Migration %1 (%2) has no rollback script.")
                          .arg(migration.version.text(), migration.description);
    if (linter.complete(&missing, text))
        findings.append(missing);
    return findings;
}

bool lintUpScript(const Migration &migration,
                  Linter &linter,
                  QList<Finding> *findings,
                  QString *text,
                  QString *error,
                  MigrationTool tool)
{
    QString script;
    if (!MigrationFolder::readUp(migration, &script, error))
        return false;
    const LintTarget target = LintTarget::upScript(LintTarget::folderOf(migration.upPath),
                                                   migration,
                                                   tool);
    const QList<Finding> found = lintFile(target, script, linter, false);
    if (findings)
        findings->append(found);
    if (text)
        *text = std::move(script);
    return true;
}

QList<Finding> lint(const MigrationFolder &folder, Linter &linter, QStringList *errors)
{
    QList<Finding> findings;
    const MigrationTool tool = MigrationTools::forFolder(folder);
    for (const Migration &migration : folder.migrations()) {
        QString text;
        QString error;
        if (!MigrationFolder::readUp(migration, &text, &error)) {
            errors->append(error);
            continue;
        }
        findings.append(
            lintFile(LintTarget::upScript(folder.directory(), migration, tool), text, linter));
    }
    return findings;
}

} // namespace FolderLinter
