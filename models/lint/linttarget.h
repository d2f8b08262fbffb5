#pragma once

#include "lintoptions.h"
#include "tooltransaction.h"

#include "migrations/migration.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationtool.h"

#include <QString>

#include <optional>

class ParsedScript;

// What a file is to the migration engine, which decides how it is linted: a plain script, or the
// up or down script of a migration in a folder of a known layout. A migration's script is linted
// after the folder's earlier migrations, with the folder's slipway.json, and in one transaction
// exactly when the engine runs it in one (MigrationScript decides, as for a real run). A folder
// of another tool (dbmate, Prisma, …) is linted as that tool runs the file (ToolTransaction):
// the team's tool runs the same files in CI and production.
// `slipway-cli lint FILE`, `lint FOLDER` (FolderLinter) and the editor (EditorLinter) all take the
// context from here, so a file gets the same findings whichever way it is linted. Reads the file
// system on the calling thread; a plain value otherwise.
class LintTarget
{
public:
    enum class Role { Script, Up, Down };

    // `folder`: the migration folder the caller knows the file belongs to (the editor's); empty
    // to look for one: the file's own directory, for the seeds layout's migrations/ and
    // rollback/ folders their parent, and the parent of a Prisma migration's folder or of a
    // Sqitch project's deploy/ folder. `dialect` forces the folder's layout (--dialect). A file
    // that is none of the folder's scripts is a plain script.
    static LintTarget locate(const QString &fileName,
                             const QString &folder = {},
                             MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown);
    // A migration's up script, as the folder linter walks the folder; `tool` is the folder's
    // (MigrationTools::forFolder).
    static LintTarget upScript(const QString &folderDirectory,
                               const Migration &migration,
                               MigrationTool tool = MigrationTool::Slipway);

    Role role() const { return m_role; }
    bool isMigration() const { return m_role != Role::Script; }
    QString fileName() const { return m_fileName; } // as given
    // The folder's root as MigrationFolder reads it; empty for a plain script.
    QString folder() const { return m_folder; }
    // Where slipway.json applies: the folder's root, else the file's own directory.
    QString configDirectory() const;
    const Migration &migration() const { return m_migration; }
    // The tool that runs the file: the options' (slipway.json "tool") or the folder layout's.
    MigrationTool tool(const LintOptions &options) const
    {
        return options.tool.value_or(m_tool);
    }

    // What the engine runs of the file: for a dbmate file its up section, the rest blanked so
    // that positions stay the file's; the text itself otherwise.
    QString scriptText(const QString &fileText) const;
    // Whether the engine runs `text` (this file's script, see scriptText) in one transaction;
    // nullopt for a plain script, where the lint options decide.
    std::optional<bool> inTransaction(const QString &text, const ParsedScript &parsed) const;
    // How the folder's tool runs `text` (this file's script), when that tool is not Slipway;
    // nullopt for Slipway's own folders (inTransaction decides) and plain scripts.
    std::optional<ToolTransaction::Run> toolRun(const QString &text,
                                                const ParsedScript &parsed,
                                                const LintOptions &options) const;

    // The engine's decision for a migration script: MigrationScript's own (the `-- slipway:
    // no-transaction` marker, dbmate's transaction:false, or nothing but statements PostgreSQL
    // refuses in a transaction). For a file the engine refuses to run (such statements next to
    // others, an unsupported meta-command), the same rule read from the parsed text, so the
    // rules point at what stands in the way (CONCURRENTLY inside the engine's transaction).
    static bool engineRunsInTransaction(const QString &path,
                                        const QString &text,
                                        const QString &baseDirectory,
                                        const ParsedScript &parsed);
    // The root of the folder a migration script lies in, as the engine resolves \i against it:
    // the parent of the seeds layout's migrations/ and rollback/, the directory otherwise.
    static QString folderOf(const QString &scriptPath);

private:
    Role m_role = Role::Script;
    QString m_fileName;
    QString m_folder;
    Migration m_migration;
    MigrationTool m_tool = MigrationTool::Slipway;
};
