#pragma once

#include "finding.h"

#include <QList>
#include <QStringList>

class Linter;
class MigrationFolder;
class ParsedScript;
class QString;
struct Migration;

// Lints a migration folder the way the migration engine will run it: the up scripts in order
// with one Linter, so what a migration creates or validates is known to the next; each
// migration is assumed to run in a transaction unless it holds a statement that cannot (CREATE
// INDEX CONCURRENTLY …) or says so (-- slipway:no-transaction, dbmate's transaction:false).
// Versioned migrations without a rollback get missing-rollback. Reads files on the calling
// thread; unreadable files go to `errors`.
namespace FolderLinter {
QList<Finding> lint(const MigrationFolder &folder, Linter &linter, QStringList *errors);
// Reads one migration's up script and lints it as lint() does; its findings go to `findings`
// (may be null: the editor replays earlier migrations only for what they teach the linter) and
// its text to `text` (may be null). False with `error` set when it cannot be read.
bool lintUpScript(const Migration &migration,
                  Linter &linter,
                  QList<Finding> *findings,
                  QString *text,
                  QString *error);
// Whether the migration engine runs this up script in one transaction.
bool runsInTransaction(const QString &text, const ParsedScript &parsed);
} // namespace FolderLinter
