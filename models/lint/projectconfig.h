#pragma once

#include "lintoptions.h"

#include <QSet>
#include <QString>

#include <optional>

// slipway.json in a migration folder: lint settings kept with the migrations.
//   {"exclude": ["prefer-robust-stmts"], "pg_version": 14, "impact_threshold": 50000,
//    "assume_in_transaction": true, "tool": "flyway"}
// "tool" names the tool that runs the folder's migrations in CI and production when the layout
// does not say (a Flyway-style folder run by Flyway itself); lint follows how it runs a file.
// Every key is optional; an unknown key, a wrong type or an unknown rule is an error naming the
// file and line, so a typo never silently changes what is checked.
struct ProjectConfig
{
    static constexpr char FileName[] = "slipway.json";

    QSet<QString> excludedRules; // canonical ids
    std::optional<int> pgVersion;
    std::optional<qint64> impactRowThreshold;
    std::optional<bool> assumeInTransaction;
    std::optional<MigrationTool> tool;

    // No slipway.json in `directory` is fine: an empty config and true.
    static bool load(const QString &directory, ProjectConfig *config, QString *error);
    // The file's contents; `path` names it in errors.
    static bool parse(const QByteArray &text,
                      const QString &path,
                      ProjectConfig *config,
                      QString *error);
    void applyTo(LintOptions *options) const;
};
