#pragma once

#include "clicommand.h"

#include <QCoreApplication>

class Plan;

// `slipway-cli explain [--format json|svg|png|text] [--out FILE] (PLANFILE | - | --db CONNINFO
// --sql "…" [--analyze])`: reads a plan in any shape (JSON or text, pasted from psql, pgAdmin,
// DBeaver) or asks the server for one, and prints it with its metrics and findings, or draws
// it (SVG, PNG). A malformed plan exits 2 with the line and what was expected on stderr.
class ExplainCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(ExplainCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("explain"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;

    // Drawing needs fonts, hence a QGuiApplication: main() asks before creating the application.
    static bool needsPictures(const QStringList &arguments);

private:
    int load(const QString &source, Plan *plan);
    int fetch(const QString &conninfo, const QString &sql, bool analyze, Plan *plan);
    int write(const QByteArray &data, const QString &path);
};
