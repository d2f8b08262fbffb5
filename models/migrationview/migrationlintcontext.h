#pragma once

#include "lint/knownschema.h"
#include "lint/linter.h"
#include "lint/lintoptions.h"
#include "migrations/schemahistory.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// What the lint of an edited migration script starts from, so that the editor judges it as
// `slipway-cli lint FOLDER` and the migration engine see it: the live schema (when connected),
// then the up scripts of the folder's migrations that run before it, replayed through
// FolderLinter so the tables, columns and validated constraints they leave are known (SET NOT
// NULL after an earlier migration's validated CHECK (col IS NOT NULL) is safe on 12+). With a
// connection whose history table lists migrations as applied, only the others are replayed:
// the live schema already shows what applied ones did, with the table sizes that replaying
// their CREATE TABLE would forget. A down script starts after its own up script.
//
// Built on a pool thread by EditorLinter's lint job; reading the folder and its files happens
// there. Immutable once built; prepare() hands back the previous context while the folder's
// files (by size and time), the options and the schema are unchanged, so typing does not replay
// the folder on every pause.
class MigrationLintContext
{
public:
    struct Input
    {
        QString folder;   // the migration folder (its root, as MigrationFolder reads it)
        QString fileName; // the edited script
        LintOptions options;
        KnownSchema schema;
        // The database's history rows; absent when not connected or the table was unreadable.
        std::optional<QList<HistoryRow>> history;
        quint64 schemaGeneration = 0; // changes whenever `schema` or `history` does
    };

    // Null when the file is none of the folder's scripts (then it is linted on its own).
    static std::shared_ptr<const MigrationLintContext> prepare(
        const Input &input, const std::shared_ptr<const MigrationLintContext> &previous);

    // A linter that has seen the earlier migrations; lint the edited text with a copy.
    const Linter &linter() const { return m_linter; }
    // The up scripts replayed, in order (for tests and diagnostics).
    const QStringList &replayed() const { return m_replayed; }
    // Earlier migrations that could not be read (left out of the replay).
    const QStringList &errors() const { return m_errors; }

private:
    MigrationLintContext(const LintOptions &options, const KnownSchema &schema)
        : m_linter(options, schema)
    {}

    QString m_key;
    Linter m_linter;
    QStringList m_replayed;
    QStringList m_errors;
};
