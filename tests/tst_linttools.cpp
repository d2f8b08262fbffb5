// Lint defaults follow how the folder's own tool runs a file: real folders in each tool's
// layout, linted as `lint FOLDER` does, with the exact findings expected from what each tool's
// source does (docs/history-tables.md, models/lint/tooltransaction.h): CREATE INDEX
// CONCURRENTLY alone and next to another statement, ALTER TYPE … ADD VALUE followed by a use of
// the value, and prefer-robust-stmts only where the tool runs statement by statement.

#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/linttarget.h"
#include "lint/projectconfig.h"
#include "lint/tooltransaction.h"
#include "migrations/migrationfolder.h"
#include "sql/parsedscript.h"

#include "testfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestFiles::write;

// The rules this suite is about; others (timeouts, missing rollbacks) are left out.
const QStringList Rules{QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                        QStringLiteral("ban-non-transactional-statement-in-transaction"),
                        QStringLiteral("ban-new-enum-value-use-in-transaction"),
                        QStringLiteral("prefer-robust-stmts"),
                        QStringLiteral("transaction-nesting")};

// Lints a folder as `slipway-cli lint FOLDER` does: its slipway.json applies.
QList<Finding> lintFolder(const QString &path)
{
    LintOptions options;
    ProjectConfig config;
    QString error;
    if (!ProjectConfig::load(path, &config, &error))
        qWarning("%s", qPrintable(error));
    config.applyTo(&options);
    const MigrationFolder folder = MigrationFolder::read(path);
    if (!folder.isValid())
        qWarning("%s", qPrintable(folder.errors().join(QLatin1Char('\n'))));
    Linter linter(options);
    QStringList errors;
    const QList<Finding> findings = FolderLinter::lint(folder, linter, &errors);
    if (!errors.isEmpty())
        qWarning("%s", qPrintable(errors.join(QLatin1Char('\n'))));
    return findings;
}

// "path below root:line rule" for the findings of this suite's rules.
QStringList describe(const QString &root, const QList<Finding> &findings)
{
    QStringList result;
    for (const Finding &finding : findings) {
        if (Rules.contains(finding.rule))
            result.append(QStringLiteral("%1:%2 %3")
                              .arg(QDir(root).relativeFilePath(finding.file))
                              .arg(finding.line)
                              .arg(finding.rule));
    }
    return result;
}

QString messageOf(const QList<Finding> &findings, const QString &rule, const QString &fileEnd)
{
    for (const Finding &finding : findings) {
        if (finding.rule == rule && finding.file.endsWith(fileEnd))
            return finding.message;
    }
    return {};
}

const char Users[] = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n";

} // namespace

class TestLintTools : public QObject
{
    Q_OBJECT

private slots:
    void prisma()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("prisma/migrations"));
        write(root + QStringLiteral("/migration_lock.toml"), "provider = \"postgresql\"\n");
        write(root + QStringLiteral("/20240101000000_init/migration.sql"),
              QByteArray(Users)
                  + "CREATE TYPE mood AS ENUM ('ok');\n"
                    "ALTER TABLE users ADD COLUMN mood mood;\n");
        // Alone in its query string: no transaction block, PostgreSQL runs it.
        write(root + QStringLiteral("/20240102000000_alone/migration.sql"),
              "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        write(root + QStringLiteral("/20240103000000_mixed/migration.sql"),
              "ALTER TABLE users ADD COLUMN name text;\n"
              "CREATE INDEX CONCURRENTLY users_name ON users (name);\n");
        write(root + QStringLiteral("/20240104000000_value/migration.sql"),
              "ALTER TYPE mood ADD VALUE 'great';\n"
              "UPDATE users SET mood = 'great' WHERE id = 1;\n");
        const QList<Finding> findings = lintFolder(root);
        // One query string is one transaction: nothing needs IF [NOT] EXISTS.
        QCOMPARE(describe(root, findings),
                 (QStringList{QStringLiteral("20240103000000_mixed/migration.sql:2 "
                                             "ban-concurrent-index-creation-in-transaction"),
                              QStringLiteral("20240104000000_value/migration.sql:2 "
                                             "ban-new-enum-value-use-in-transaction")}));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("_mixed/migration.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. Prisma sends migration.sql as "
                                "one query string, which PostgreSQL runs as one transaction; put "
                                "CREATE INDEX CONCURRENTLY alone in a migration of its own."));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-new-enum-value-use-in-transaction"),
                           QStringLiteral("_value/migration.sql")),
                 QStringLiteral("'great' was added to mood earlier in this transaction; "
                                "PostgreSQL refuses a new enum value until that transaction "
                                "commits (unsafe use of new value). Prisma sends migration.sql "
                                "as one query string, which PostgreSQL runs as one transaction; "
                                "use the new value in a later migration."));

        // The file named alone is found in its folder two levels up, with the same finding.
        const QString mixed = root + QStringLiteral("/20240103000000_mixed/migration.sql");
        const LintTarget target = LintTarget::locate(mixed);
        QVERIFY(target.isMigration());
        QCOMPARE(QDir(target.folder()).canonicalPath(), QDir(root).canonicalPath());
        QFile file(mixed);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        Linter linter;
        QCOMPARE(describe(root, FolderLinter::lintFile(target, text, linter)),
                 QStringList{QStringLiteral("20240103000000_mixed/migration.sql:2 "
                                            "ban-concurrent-index-creation-in-transaction")});
    }

    void golangMigrate()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(dir.filePath(QStringLiteral("1_init.up.sql")), Users);
        write(dir.filePath(QStringLiteral("1_init.down.sql")), "DROP TABLE users;\n");
        write(dir.filePath(QStringLiteral("2_alone.up.sql")),
              "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        write(dir.filePath(QStringLiteral("2_alone.down.sql")),
              "DROP INDEX CONCURRENTLY users_email;\n");
        // SET is a statement of the query string too: the index is not alone.
        write(dir.filePath(QStringLiteral("3_mixed.up.sql")),
              "SET lock_timeout = '5s';\n"
              "CREATE INDEX CONCURRENTLY users_id_email ON users (id, email);\n");
        write(dir.filePath(QStringLiteral("3_mixed.down.sql")),
              "DROP INDEX CONCURRENTLY users_id_email;\n");
        write(dir.filePath(QStringLiteral("4_columns.up.sql")),
              "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;\n");
        write(dir.filePath(QStringLiteral("4_columns.down.sql")),
              "ALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN b;\n");
        const QList<Finding> findings = lintFolder(root);
        QCOMPARE(describe(root, findings),
                 QStringList{QStringLiteral(
                     "3_mixed.up.sql:2 ban-concurrent-index-creation-in-transaction")});
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("3_mixed.up.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. golang-migrate sends the file "
                                "as one query string (unless the database URL sets "
                                "x-multi-statement=true), which PostgreSQL runs as one "
                                "transaction; put CREATE INDEX CONCURRENTLY alone in a migration "
                                "of its own."));
    }

    void dbmate()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(dir.filePath(QStringLiteral("20240101000000_init.sql")),
              "-- migrate:up\n" + QByteArray(Users) + "\n-- migrate:down\nDROP TABLE users;\n");
        // dbmate's own transaction: even a lone concurrent index fails.
        write(dir.filePath(QStringLiteral("20240102000000_in_tx.sql")),
              "-- migrate:up\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n\n"
              "-- migrate:down\nDROP INDEX users_email;\n");
        write(dir.filePath(QStringLiteral("20240103000000_alone.sql")),
              "-- migrate:up transaction:false\n"
              "CREATE INDEX CONCURRENTLY users_id_email ON users (id, email);\n\n"
              "-- migrate:down\nDROP INDEX users_id_email;\n");
        // transaction:false still sends the section as one query string.
        write(dir.filePath(QStringLiteral("20240104000000_mixed.sql")),
              "-- migrate:up transaction:false\n"
              "ALTER TABLE users ADD COLUMN c text;\n"
              "CREATE INDEX CONCURRENTLY users_c ON users (c);\n\n"
              "-- migrate:down\nALTER TABLE users DROP COLUMN c;\n");
        const QList<Finding> findings = lintFolder(root);
        QCOMPARE(describe(root, findings),
                 (QStringList{QStringLiteral("20240102000000_in_tx.sql:2 "
                                             "ban-concurrent-index-creation-in-transaction"),
                              QStringLiteral("20240104000000_mixed.sql:3 "
                                             "ban-concurrent-index-creation-in-transaction")}));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("_in_tx.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. dbmate runs each migration in "
                                "a transaction; put CREATE INDEX CONCURRENTLY alone in a "
                                "migration of its own whose up line reads -- migrate:up "
                                "transaction:false."));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("_mixed.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. dbmate sends the up section as "
                                "one query string even with transaction:false, which PostgreSQL "
                                "runs as one transaction; put CREATE INDEX CONCURRENTLY alone in "
                                "a migration of its own."));
    }

    void flyway()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(dir.filePath(QStringLiteral("V1__init.sql")),
              QByteArray(Users)
                  + "CREATE TYPE mood AS ENUM ('ok');\n"
                    "ALTER TABLE users ADD COLUMN mood mood;\n");
        // Flyway's parser marks a lone concurrent index non-transactional: it runs outside.
        write(dir.filePath(QStringLiteral("V2__alone.sql")),
              "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        // SET is transactional to Flyway: mixed, refused.
        write(dir.filePath(QStringLiteral("V3__mixed.sql")),
              "SET lock_timeout = '5s';\n"
              "CREATE INDEX CONCURRENTLY users_id_email ON users (id, email);\n");
        // Flyway's parser does not know REINDEX … CONCURRENTLY: run in its transaction.
        write(dir.filePath(QStringLiteral("V4__reindex.sql")),
              "REINDEX TABLE CONCURRENTLY users;\n");
        write(dir.filePath(QStringLiteral("V5__vacuum.sql")),
              "ALTER TABLE users ADD COLUMN v text;\nVACUUM users;\n");
        // executeInTransaction=false: statement by statement.
        write(dir.filePath(QStringLiteral("V6__columns.sql")),
              "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;\n");
        write(dir.filePath(QStringLiteral("V6__columns.sql.conf")),
              "# Flyway script configuration\nexecuteInTransaction=false\n");
        write(dir.filePath(QStringLiteral("V7__value.sql")),
              "ALTER TYPE mood ADD VALUE 'great';\n"
              "UPDATE users SET mood = 'great' WHERE id = 1;\n");

        // A Flyway-style folder is Slipway's own unless slipway.json names the tool. Slipway's
        // engine counts SET as neither kind and runs V3 and V4 outside a transaction (V3 then
        // needs IF NOT EXISTS), and refuses V5, which is linted as in the transaction its
        // ALTER needs; V6 runs statement by statement.
        QCOMPARE(describe(root, lintFolder(root)),
                 (QStringList{QStringLiteral("V3__mixed.sql:2 prefer-robust-stmts"),
                              QStringLiteral("V5__vacuum.sql:2 "
                                             "ban-non-transactional-statement-in-transaction"),
                              QStringLiteral("V6__columns.sql:1 prefer-robust-stmts"),
                              QStringLiteral("V6__columns.sql:2 prefer-robust-stmts"),
                              QStringLiteral("V7__value.sql:2 "
                                             "ban-new-enum-value-use-in-transaction")}));

        write(dir.filePath(QStringLiteral("slipway.json")), "{\"tool\": \"flyway\"}\n");
        const QList<Finding> findings = lintFolder(root);
        QCOMPARE(describe(root, findings),
                 (QStringList{QStringLiteral(
                                  "V3__mixed.sql:2 ban-concurrent-index-creation-in-transaction"),
                              QStringLiteral(
                                  "V4__reindex.sql:1 ban-concurrent-index-creation-in-transaction"),
                              QStringLiteral("V5__vacuum.sql:2 "
                                             "ban-non-transactional-statement-in-transaction"),
                              QStringLiteral("V6__columns.sql:1 prefer-robust-stmts"),
                              QStringLiteral("V6__columns.sql:2 prefer-robust-stmts"),
                              QStringLiteral("V7__value.sql:2 "
                                             "ban-new-enum-value-use-in-transaction")}));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("V3__mixed.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. Flyway runs CREATE INDEX "
                                "CONCURRENTLY outside a transaction only when no other statement "
                                "of the migration needs one, and refuses a migration that mixes "
                                "both (unless mixed=true); put it alone in a migration of its "
                                "own."));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("V4__reindex.sql")),
                 QStringLiteral("REINDEX CONCURRENTLY users runs inside a transaction block; "
                                "PostgreSQL will reject it. Flyway does not know that REINDEX "
                                "CONCURRENTLY cannot run in a transaction and runs the migration "
                                "in one; set executeInTransaction=false in the migration's "
                                ".sql.conf file."));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-non-transactional-statement-in-transaction"),
                           QStringLiteral("V5__vacuum.sql")),
                 QStringLiteral("VACUUM runs inside a transaction block; PostgreSQL will reject "
                                "it. Flyway runs VACUUM outside a transaction only when no other "
                                "statement of the migration needs one, and refuses a migration "
                                "that mixes both (unless mixed=true); put it alone in a "
                                "migration of its own."));
    }

    void liquibase()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(dir.filePath(QStringLiteral("changelog.sql")),
              "--liquibase formatted sql\n"                                      // 1
              "\n"                                                               // 2
              "--changeset a:1\n"                                                // 3
              "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"        // 4
              "--rollback DROP TABLE users;\n"                                   // 5
              "\n"                                                               // 6
              "--changeset a:2\n"                                                // 7
              "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"        // 8
              "--rollback DROP INDEX users_email;\n"                             // 9
              "\n"                                                               // 10
              "--changeset a:3 runInTransaction:false\n"                         // 11
              "CREATE INDEX CONCURRENTLY users_id_email ON users (id, email);\n" // 12
              "--rollback DROP INDEX users_id_email;\n"                          // 13
              "\n"                                                               // 14
              "--changeset a:4 runInTransaction:false\n"                         // 15
              "ALTER TABLE users ADD COLUMN a text;\n"                           // 16
              "ALTER TABLE users ADD COLUMN b text;\n"                           // 17
              "--rollback ALTER TABLE users DROP COLUMN b;\n"                    // 18
              "\n"                                                               // 19
              "--changeset a:5\n"                                                // 20
              "ALTER TABLE users ADD COLUMN c text;\n"                           // 21
              "ALTER TABLE users ADD COLUMN d text;\n"                           // 22
              "--rollback ALTER TABLE users DROP COLUMN d;\n");                  // 23
        const QList<Finding> findings = lintFolder(root);
        QCOMPARE(describe(root, findings),
                 (QStringList{QStringLiteral(
                                  "changelog.sql:8 ban-concurrent-index-creation-in-transaction"),
                              QStringLiteral("changelog.sql:16 prefer-robust-stmts"),
                              QStringLiteral("changelog.sql:17 prefer-robust-stmts")}));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("changelog.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. Liquibase runs each changeset "
                                "in a transaction; put CREATE INDEX CONCURRENTLY in a changeset "
                                "of its own with runInTransaction:false on its --changeset "
                                "line."));
    }

    void sqitch()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(dir.filePath(QStringLiteral("sqitch.conf")), "[core]\n\tengine = pg\n");
        write(dir.filePath(QStringLiteral("sqitch.plan")),
              "%syntax-version=1.0.0\n%project=app\n\n"
              "users 2024-01-01T00:00:00Z Alice <alice@example.com> # Users.\n"
              "index 2024-01-02T00:00:00Z Alice <alice@example.com> # Index.\n"
              "own 2024-01-03T00:00:00Z Alice <alice@example.com> # Own transaction.\n");
        // psql runs each statement on its own: a partial failure leaves some applied.
        write(dir.filePath(QStringLiteral("deploy/users.sql")),
              QByteArray(Users) + "ALTER TABLE users ADD COLUMN a text;\n");
        write(dir.filePath(QStringLiteral("revert/users.sql")), "DROP TABLE users;\n");
        write(dir.filePath(QStringLiteral("deploy/index.sql")),
              "ALTER TABLE users ADD COLUMN b text;\n"
              "CREATE INDEX CONCURRENTLY users_b ON users (b);\n");
        write(dir.filePath(QStringLiteral("revert/index.sql")),
              "DROP INDEX CONCURRENTLY users_b;\n");
        write(dir.filePath(QStringLiteral("deploy/own.sql")),
              "BEGIN;\n"
              "ALTER TABLE users ADD COLUMN c text;\n"
              "CREATE INDEX CONCURRENTLY users_c ON users (c);\n"
              "COMMIT;\n");
        write(dir.filePath(QStringLiteral("revert/own.sql")), "ALTER TABLE users DROP COLUMN c;\n");
        const QList<Finding> findings = lintFolder(root);
        QCOMPARE(describe(root, findings),
                 (QStringList{QStringLiteral("deploy/users.sql:1 prefer-robust-stmts"),
                              QStringLiteral("deploy/users.sql:2 prefer-robust-stmts"),
                              QStringLiteral("deploy/index.sql:1 prefer-robust-stmts"),
                              QStringLiteral("deploy/index.sql:2 prefer-robust-stmts"),
                              QStringLiteral("deploy/own.sql:3 "
                                             "ban-concurrent-index-creation-in-transaction")}));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("own.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. Sqitch runs the deploy script "
                                "with psql, so the script's own BEGIN … COMMIT is the "
                                "transaction; move CREATE INDEX CONCURRENTLY after the COMMIT, "
                                "or into a change of its own."));

        // A deploy script named alone is found in the project above its deploy/ folder.
        const LintTarget target = LintTarget::locate(
            dir.filePath(QStringLiteral("deploy/own.sql")));
        QVERIFY(target.isMigration());
        QCOMPARE(target.tool(LintOptions()), MigrationTool::Sqitch);
    }

    void drizzle()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(dir.filePath(QStringLiteral("meta/_journal.json")),
              "{\"version\": \"7\", \"dialect\": \"postgresql\", \"entries\": [\n"
              "  {\"idx\": 0, \"version\": \"7\", \"when\": 1704067200000, \"tag\": "
              "\"0000_init\", \"breakpoints\": true},\n"
              "  {\"idx\": 1, \"version\": \"7\", \"when\": 1704153600000, \"tag\": "
              "\"0001_index\", \"breakpoints\": true},\n"
              "  {\"idx\": 2, \"version\": \"7\", \"when\": 1704240000000, \"tag\": "
              "\"0002_value\", \"breakpoints\": true},\n"
              "  {\"idx\": 3, \"version\": \"7\", \"when\": 1704326400000, \"tag\": "
              "\"0003_use\", \"breakpoints\": true}\n]}\n");
        write(dir.filePath(QStringLiteral("0000_init.sql")),
              "CREATE TABLE users (id bigint PRIMARY KEY, email text, mood mood);\n"
              "--> statement-breakpoint\n"
              "ALTER TABLE users ADD COLUMN name text;\n");
        // Every pending migration runs in one transaction: alone is not enough.
        write(dir.filePath(QStringLiteral("0001_index.sql")),
              "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        // mood is not created by these migrations: its new value stays unusable until the
        // migrator's one transaction commits, a later file of the same run included.
        write(dir.filePath(QStringLiteral("0002_value.sql")),
              "ALTER TYPE mood ADD VALUE 'great';\n");
        write(dir.filePath(QStringLiteral("0003_use.sql")),
              "UPDATE users SET mood = 'great' WHERE id = 1;\n");
        const QList<Finding> findings = lintFolder(root);
        QCOMPARE(describe(root, findings),
                 (QStringList{QStringLiteral(
                                  "0001_index.sql:1 ban-concurrent-index-creation-in-transaction"),
                              QStringLiteral(
                                  "0003_use.sql:1 ban-new-enum-value-use-in-transaction")}));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-concurrent-index-creation-in-transaction"),
                           QStringLiteral("0001_index.sql")),
                 QStringLiteral("CREATE INDEX CONCURRENTLY on users runs inside a transaction "
                                "block; PostgreSQL will reject it. Drizzle's migrator runs every "
                                "pending migration in one transaction and cannot leave one out; "
                                "run CREATE INDEX CONCURRENTLY outside the migrator."));
        QCOMPARE(messageOf(findings,
                           QStringLiteral("ban-new-enum-value-use-in-transaction"),
                           QStringLiteral("0003_use.sql")),
                 QStringLiteral("'great' was added to mood by an earlier migration that runs in "
                                "the same transaction; PostgreSQL refuses a new enum value until "
                                "that transaction commits (unsafe use of new value). Drizzle's "
                                "migrator runs every pending migration in one transaction, so a "
                                "later migration applied in the same run cannot use it either; "
                                "apply the migration that adds the value on its own first."));
    }

    // Values of a type the same transaction created are safe to use at once.
    void enumCreatedInSameTransaction()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__mood.sql")),
              QByteArray(Users)
                  + "CREATE TYPE mood AS ENUM ('ok');\n"
                    "ALTER TYPE mood ADD VALUE 'great';\n"
                    "ALTER TABLE users ADD COLUMN mood mood DEFAULT 'great';\n");
        QCOMPARE(describe(dir.path(), lintFolder(dir.path())), QStringList());
    }

    // The pure function, for what the folders above cannot show.
    void modes()
    {
        using Mode = ToolTransaction::Mode;
        const auto mode = [](MigrationTool tool, const QString &text, int pg = 15) {
            return ToolTransaction::run(tool, text, ParsedScript::parse(text), pg).mode;
        };
        const QString cic = QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (c);\n");
        QCOMPARE(mode(MigrationTool::Prisma, cic), Mode::Implicit);
        QCOMPARE(mode(MigrationTool::GolangMigrate, cic), Mode::Implicit);
        QCOMPARE(mode(MigrationTool::Dbmate, QStringLiteral("-- migrate:up\n") + cic),
                 Mode::Explicit);
        QCOMPARE(mode(MigrationTool::Dbmate,
                      QStringLiteral("-- migrate:up transaction:false\n") + cic),
                 Mode::Implicit);
        QCOMPARE(mode(MigrationTool::Drizzle, cic), Mode::Explicit);
        QCOMPARE(mode(MigrationTool::Flyway, cic), Mode::Autocommit);
        QCOMPARE(mode(MigrationTool::Flyway, QStringLiteral("SET lock_timeout = '1s';\n") + cic),
                 Mode::Explicit);
        // ALTER TYPE … ADD VALUE is non-transactional to Flyway before PostgreSQL 12 only.
        const QString addValue = QStringLiteral("ALTER TYPE mood ADD VALUE 'x';\n");
        QCOMPARE(mode(MigrationTool::Flyway, addValue, 11), Mode::Autocommit);
        QCOMPARE(mode(MigrationTool::Flyway, addValue, 12), Mode::Explicit);
        QCOMPARE(mode(MigrationTool::Liquibase, QStringLiteral("--changeset a:1\n") + cic),
                 Mode::Explicit);
        QCOMPARE(mode(MigrationTool::Liquibase,
                      QStringLiteral("--changeset a:1 runInTransaction:false\n") + cic),
                 Mode::Autocommit);
        QCOMPARE(mode(MigrationTool::Sqitch, cic), Mode::Autocommit);
        const QString own = QStringLiteral("BEGIN;\n") + cic + QStringLiteral("COMMIT;\n");
        const ToolTransaction::Run sqitch = ToolTransaction::run(MigrationTool::Sqitch,
                                                                 own,
                                                                 ParsedScript::parse(own),
                                                                 15);
        QCOMPARE(sqitch.mode, Mode::Explicit);
        QVERIFY(sqitch.ownTransaction);
        QVERIFY(!sqitch.toolOpensTransaction());
        // Slipway's engine: a lone concurrent index runs outside, SET being neither kind.
        QCOMPARE(mode(MigrationTool::Slipway, QStringLiteral("SET lock_timeout = '1s';\n") + cic),
                 Mode::Autocommit);
    }
};

QTEST_GUILESS_MAIN(TestLintTools)
#include "tst_linttools.moc"
