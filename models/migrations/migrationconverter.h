#pragma once

#include "migrationfolder.h"
#include "migrationtool.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Writes a folder's migrations into a new folder in another tool's layout (slipway-cli convert):
// each versioned migration's up and down SQL, in order, with the file names, markers and index
// files (Drizzle's journal, Sqitch's plan, Prisma's lock file) that tool expects, and a note for
// everything that cannot move as it is: a repeatable migration where the tool has none, versions
// the tool cannot spell (renumbered), a migration that must run outside a transaction where the
// tool runs it inside one, rollbacks the tool itself never runs. Never writes into a folder that
// is not empty. Reads and writes files on the calling thread.
class MigrationConverter
{
    Q_DECLARE_TR_FUNCTIONS(MigrationConverter)

public:
    struct Result
    {
        QStringList written; // the files, in the order written
        QStringList notes;   // what did not move as it was, one sentence each
        QString error;       // set when nothing (or not everything) could be written
        bool ok() const { return error.isEmpty(); }
    };

    static Result convert(const MigrationFolder &source, MigrationTool target, const QString &out);
    // The layout a tool's folders have.
    static MigrationFolder::Dialect dialectFor(MigrationTool tool);
};
