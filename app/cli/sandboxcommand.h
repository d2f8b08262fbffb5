#pragma once

#include "clicommand.h"

#include <QCoreApplication>

class LocalCluster;

// `slipway-cli sandbox start|status|stop|remove --dir DIR`: a private PostgreSQL server in a
// directory (see LocalCluster), optionally with the demo database. `start` prints the conninfo
// as its last line so scripts can take it with `tail -n 1`.
class SandboxCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(SandboxCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("sandbox"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;

private:
    struct Options
    {
        QString action;
        QString directory;
        bool demo = false;
        bool json = false;
    };

    int parse(const QStringList &arguments, Options *options);
    int start(LocalCluster &cluster, const Options &options);
    int status(const LocalCluster &cluster, const Options &options);
    int stop(LocalCluster &cluster, const Options &options);
    int remove(LocalCluster &cluster, const Options &options);
    void printJson(const LocalCluster &cluster, const QString &conninfo);
    QString usage() const;
};
