#pragma once

#include "clicommand.h"

#include "schema/catalogrecords.h"

#include <QCoreApplication>
#include <QJsonObject>

// `slipway-cli schema --db CONNINFO | --sqlite FILE [--schema NAME] [--filter TEXT] [--system]
// [--json]`: the whole catalog in one read (the browser's full read), as an indented outline or
// as JSON. A connection failure or an unknown --schema exits 2, a failed read 1.
class SchemaCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(SchemaCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("schema"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;

private:
    static QJsonObject toJson(const Catalog &catalog);
    void printText(const Catalog &catalog);
};
