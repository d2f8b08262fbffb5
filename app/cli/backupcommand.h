#pragma once

#include "clicommand.h"

#include <QCoreApplication>

struct RestoreVerification;

// `slipway-cli backup --db CONNINFO --out FILE [--verify]` and
// `slipway-cli restore-verify FILE --db CONNINFO`: a custom-format dump, and the proof that it
// restores — pg_restore --list, then a full restore into a throwaway sandbox (or the server given
// with --restore-into) whose exact per-table row counts must equal the source database's.
class BackupCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(BackupCommand)

public:
    enum class Verb { Backup, RestoreVerify };

    BackupCommand(Verb verb, QTextStream &out, QTextStream &err);

    QString name() const override;
    QString summary() const override;
    int run(const QStringList &arguments) override;

private:
    int verify(const QString &dump, const QString &source, const QString &restoreInto);
    void print(const RestoreVerification &verification);

    Verb m_verb;
    bool m_json = false;
};
