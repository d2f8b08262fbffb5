#pragma once

#include "migration.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// Reads a folder of migrations in one of the four layouts Slipway knows, detected from the files:
//   Flyway    V<ver>__<desc>.sql, undo U<ver>__<desc>.sql, repeatable R__<desc>.sql
//   Seeds     migrations/V<ver>__<desc>.sql with rollback/R<ver>__<desc>.sql
//   Up/down   <ver>_<desc>.up.sql and .down.sql (golang-migrate; also V0001.Name.up.sql)
//   dbmate    <ver>_<desc>.sql with -- migrate:up / -- migrate:down sections
//   Drizzle   <ver>_<tag>.sql listed in meta/_journal.json, rollback <ver>_<tag>.down.sql
//   Liquibase formatted SQL files (--liquibase formatted sql), one migration per --changeset
//   Sqitch    sqitch.plan with deploy/, revert/ and verify/ scripts
// Versioned migrations come out in version order (compared part by part), then repeatable ones
// by description. Names that fit no pattern, duplicate versions and rollbacks without their
// migration are errors naming the files. Reads the file system on the calling thread.
class MigrationFolder
{
    Q_DECLARE_TR_FUNCTIONS(MigrationFolder)

public:
    enum class Dialect { Unknown, Flyway, Seeds, UpDown, Dbmate, Prisma, Drizzle, Liquibase, Sqitch };

    static MigrationFolder read(const QString &directory, Dialect dialect = Dialect::Unknown);
    static Dialect detect(const QString &directory);
    static QString dialectName(Dialect dialect); // flyway, seeds, up-down, dbmate
    static Dialect dialectFromName(const QString &name);

    QString directory() const { return m_directory; }
    Dialect dialect() const { return m_dialect; }
    const QList<Migration> &migrations() const { return m_migrations; }
    const QStringList &errors() const { return m_errors; }
    bool isValid() const { return m_errors.isEmpty(); }

    // The text of a migration's up or down script. For dbmate the whole file comes back with the
    // other section blanked (newlines kept), so positions and line numbers are the file's; the
    // section's own -- migrate: line is kept.
    static bool readUp(const Migration &migration, QString *text, QString *error);
    static bool readDown(const Migration &migration, QString *text, QString *error);
    // readUp's cut of a dbmate file's text already in memory (an editor's).
    static QString upSection(const QString &fileText);
    // A first line `-- slipway:no-transaction`, or dbmate's `-- migrate:up transaction:false`.
    static bool declaresNoTransaction(const QString &text);
    // Flyway's per-script configuration beside the script (V1__x.sql.conf) setting
    // executeInTransaction=false.
    static bool configuredNoTransaction(const QString &scriptPath);
    // A Liquibase formatted SQL changelog: its first line is --liquibase formatted sql.
    static bool isLiquibaseChangelog(const QString &path);
    // A folder without .sql files of its own whose subfolders hold a changelog: Liquibase
    // projects keep them in folders (changelogs/common/…), which readLiquibase() reads too.
    static bool hasNestedLiquibaseChangelogs(const QString &directory);
    // Prisma: whether a folder is a prisma/migrations folder, and the provider its
    // migration_lock.toml names (empty without one; *error set when it cannot be read).
    static bool looksLikePrisma(const QString &directory);
    static QString prismaProvider(const QString &directory, QString *error);

    // What a file name says under a dialect's naming rules; reads nothing from the disk (whether
    // a dbmate file holds its -- migrate:up line is for read() to check). `rollbackFolder`: the
    // name lies in the seeds layout's rollback folder.
    struct FileName
    {
        enum class Role { None, Up, Down, Repeatable };
        Role role = Role::None;   // None: the name fits no pattern of the dialect
        MigrationVersion version; // null unless Up or Down
        QString description;      // Up and Repeatable, underscores as spaces
    };
    static FileName parseFileName(Dialect dialect, const QString &name, bool rollbackFolder = false);

    // Where a new migration goes in this folder: the next version in the folder's style and the
    // file names of its dialect (for dbmate both paths are the same file). `step` > 0 names the
    // migrations that follow it (several written at once).
    struct NewFiles
    {
        QString version;
        QString upPath;
        QString downPath;
    };
    NewFiles newMigration(const QString &description, int step = 0) const;

private:
    void readFlyway(const QString &directory, const QString &rollbackDirectory);
    void readUpDown();
    void readDbmate();
    void readPrisma(); // migrationfolderprisma.cpp
    // Drizzle's journal layout (migrationfolderdrizzle.cpp).
    void readDrizzle();
    static FileName parseDrizzleFileName(const QString &name);
    // Liquibase formatted SQL changelogs (migrationfolderliquibase.cpp).
    void readLiquibase();
    // Sqitch's plan and script folders (migrationfoldersqitch.cpp).
    void readSqitch();
    bool addUp(const MigrationVersion &version, const QString &description, const QString &path);
    void addDown(const MigrationVersion &version, const QString &path);
    void finish();

    QString m_directory;
    Dialect m_dialect = Dialect::Unknown;
    QList<Migration> m_migrations;
    QList<QPair<MigrationVersion, QString>> m_downs;
    QStringList m_errors;
};
