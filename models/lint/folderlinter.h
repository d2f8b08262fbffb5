#pragma once

#include "finding.h"

#include "migrations/migrationtool.h"

#include <QList>
#include <QStringList>

class LintTarget;
class Linter;
class MigrationFolder;
class QString;
struct Migration;

// Lints a migration folder the way the migration engine will run it: the up scripts in order
// with one Linter, so what a migration creates or validates is known to the next; each
// migration in one transaction exactly when the engine (or the folder's own tool) runs it in
// one (LintTarget). Versioned
// migrations without a rollback get missing-rollback. Reads files on the calling thread;
// unreadable files go to `errors`.
namespace FolderLinter {
QList<Finding> lint(const MigrationFolder &folder, Linter &linter, QStringList *errors);
// Lints `fileText`, the file of `target`, as the engine runs it, after what `linter` has seen
// (the folder's earlier migrations: MigrationLintContext). An up script of a versioned migration
// whose rollback runs nothing also gets missing-rollback when `checkRollback` (the editor says
// so in a label instead). A plain script is linted as the options say.
QList<Finding> lintFile(const LintTarget &target,
                        const QString &fileText,
                        Linter &linter,
                        bool checkRollback = true);
// Reads one migration's up script and lints it as lint() does; its findings go to `findings`
// (may be null: the editor replays earlier migrations only for what they teach the linter) and
// its text to `text` (may be null). False with `error` set when it cannot be read. `tool`: the
// folder's (MigrationTools::forFolder), unless the linter's options name one.
bool lintUpScript(const Migration &migration,
                  Linter &linter,
                  QList<Finding> *findings,
                  QString *text,
                  QString *error,
                  MigrationTool tool = MigrationTool::Slipway);
} // namespace FolderLinter
