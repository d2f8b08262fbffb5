#pragma once

#include <QCoreApplication>
#include <QString>

// The files in which a tool lists its migrations, beside the scripts: Drizzle's
// meta/_journal.json and Sqitch's sqitch.plan. A new migration that Slipway writes into such a
// folder is listed there too, as drizzle-kit generate or sqitch add would list it, or the tool
// (and Slipway) would never run it. Reads and writes files on the calling thread.
class MigrationIndexFiles
{
    Q_DECLARE_TR_FUNCTIONS(MigrationIndexFiles)

public:
    // Appends {idx, version, when, tag, breakpoints} to the journal's entries, in drizzle-kit's
    // key order and two-space indentation; `when` in milliseconds since the epoch.
    static bool addDrizzleEntry(const QString &directory,
                                const QString &tag,
                                qint64 when,
                                QString *error);
    // Appends "name date planner <email> # note" to sqitch.plan; the planner is sqitch.conf's
    // [user] name and email, else SQITCH_FULLNAME / SQITCH_EMAIL, else the login name.
    static bool addSqitchChange(const QString &directory,
                                const QString &name,
                                const QString &note,
                                QString *error);
};
