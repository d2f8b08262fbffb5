// One lint context, offscreen: a migration script gets the same findings from `slipway-cli lint
// FOLDER`, from `slipway-cli lint FILE`, and in the editor, whether the file is opened on its own
// (a console tab) or in the migration editor of its folder, in every folder layout. All of them
// know how the migration engine runs the file (in one transaction or not), which migrations ran
// before it, and which slipway.json applies.

#include "editorlinter.h"
#include "guitest.h"
#include "sqleditor.h"

#include "clirun.h"
#include "testfiles.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestFiles::write;

// "file: line rule" of each finding of a `slipway-cli lint --format json` run, sorted.
QStringList cli(const QString &path)
{
    const TestSandbox::CliRun run = TestSandbox::runCli(
        {QStringLiteral("lint"), QStringLiteral("--format"), QStringLiteral("json"), path});
    if (run.exitCode != 0 && run.exitCode != 1)
        qWarning("slipway-cli lint %s: exit %d: %s",
                 qPrintable(path),
                 run.exitCode,
                 qPrintable(run.err));
    QStringList result;
    for (const QJsonValue &value : QJsonDocument::fromJson(run.stdOut).array()) {
        const QJsonObject finding = value.toObject();
        result.append(
            QStringLiteral("%1: %2 %3")
                .arg(QFileInfo(finding.value(QStringLiteral("file")).toString()).fileName())
                .arg(finding.value(QStringLiteral("line")).toInt())
                .arg(finding.value(QStringLiteral("rule")).toString()));
    }
    result.sort();
    return result;
}

// The findings of a file as the editor shows them: opened on its own (no folder), or in the
// migration editor of `folder`.
QStringList editor(const QString &path, const QString &folder = {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("unreadable")};
    SqlEditor edit;
    EditorLinter linter(&edit);
    edit.setText(QString::fromUtf8(file.readAll()));
    if (!folder.isEmpty()) {
        linter.setMigrationScript(true);
        linter.setMigrationFolder(folder);
    }
    linter.setFileName(path);
    linter.lintNow();
    if (!QTest::qWaitFor([&linter] { return !linter.isRunning(); }, 10000))
        return {QStringLiteral("timed out")};
    QStringList result;
    for (const Finding &finding : edit.findings())
        result.append(QStringLiteral("%1: %2 %3")
                          .arg(QFileInfo(path).fileName())
                          .arg(finding.line)
                          .arg(finding.rule));
    result.sort();
    return result;
}

QStringList ofFile(const QStringList &findings, const QString &path)
{
    return findings.filter(QRegularExpression(
        QStringLiteral("^%1: ").arg(QRegularExpression::escape(QFileInfo(path).fileName()))));
}

// The migration editor shows a missing rollback as its down pane's label instead.
QStringList withoutMissingRollback(QStringList findings)
{
    findings.removeIf([](const QString &finding) {
        return finding.endsWith(QLatin1String(" missing-rollback"));
    });
    return findings;
}

const QByteArray Timeouts = "SET lock_timeout = '1s';\nSET statement_timeout = '1min';\n";

} // namespace

class TestLintContext : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_flyway;
    QString m_seeds;
    QString m_upDown;
    QString m_dbmate;

private slots:
    void initTestCase()
    {
        GuiTest::prepareApplication(QStringLiteral("tst_lintcontext"));
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI is not set");
        QVERIFY(m_dir.isValid());

        // Flyway: the engine wraps V2 and V5 in a transaction, runs V3 (marked) and V6 (a lone
        // concurrent index) statement by statement, and refuses V4, which mixes both kinds.
        // V5 relies on the CHECK (d IS NOT NULL) that V2 adds and V3 validates.
        m_flyway = m_dir.filePath(QStringLiteral("flyway"));
        write(m_flyway + QStringLiteral("/V1__create.sql"),
              "CREATE TABLE t (id bigint PRIMARY KEY, c text, d text);\n");
        write(m_flyway + QStringLiteral("/V2__check.sql"),
              Timeouts
                  + "ALTER TABLE t ADD COLUMN e text;\n"
                    "ALTER TABLE t ADD CONSTRAINT t_d_not_null CHECK (d IS NOT NULL) NOT VALID;\n");
        write(m_flyway + QStringLiteral("/U2__check.sql"),
              "ALTER TABLE t DROP CONSTRAINT IF EXISTS t_d_not_null;\n"
              "ALTER TABLE t DROP COLUMN IF EXISTS e;\n");
        write(m_flyway + QStringLiteral("/V3__validate.sql"),
              "-- slipway:no-transaction\n" + Timeouts
                  + "CREATE INDEX CONCURRENTLY t_c ON t (c);\n"
                    "ALTER TABLE t VALIDATE CONSTRAINT t_d_not_null;\n");
        write(m_flyway + QStringLiteral("/U3__validate.sql"),
              "-- slipway:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS t_c;\n");
        write(m_flyway + QStringLiteral("/V4__mixed.sql"),
              Timeouts
                  + "ALTER TABLE t ADD COLUMN f text;\n"
                    "CREATE INDEX CONCURRENTLY t_f ON t (f);\n");
        write(m_flyway + QStringLiteral("/U4__mixed.sql"), "ALTER TABLE t DROP COLUMN f;\n");
        write(m_flyway + QStringLiteral("/V5__not_null.sql"),
              Timeouts + "ALTER TABLE t ALTER COLUMN d SET NOT NULL;\n");
        write(m_flyway + QStringLiteral("/U5__not_null.sql"),
              "ALTER TABLE t ALTER COLUMN d DROP NOT NULL;\n");
        write(m_flyway + QStringLiteral("/V6__index.sql"),
              "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_e ON t (e);\n");

        // Seeds: slipway.json sits at the root, above the migrations/ and rollback/ folders.
        m_seeds = m_dir.filePath(QStringLiteral("seeds"));
        write(m_seeds + QStringLiteral("/slipway.json"),
              "{\"exclude\": [\"require-lock-timeout\"]}\n");
        write(m_seeds + QStringLiteral("/migrations/V001__a.sql"),
              "CREATE TABLE a (id bigint PRIMARY KEY);\nALTER TABLE a ADD COLUMN b text;\n");
        write(m_seeds + QStringLiteral("/rollback/R001__a.sql"), "DROP TABLE a;\n");
        write(m_seeds + QStringLiteral("/migrations/V002__b.sql"),
              "-- slipway:no-transaction\n"
              "ALTER TABLE a ADD COLUMN c text;\nALTER TABLE a ADD COLUMN d text;\n");

        m_upDown = m_dir.filePath(QStringLiteral("updown"));
        write(m_upDown + QStringLiteral("/1_a.up.sql"),
              "CREATE TABLE a (id bigint PRIMARY KEY, x text);\nCREATE INDEX a_x ON a (x);\n");
        write(m_upDown + QStringLiteral("/1_a.down.sql"), "DROP TABLE a;\n");
        write(m_upDown + QStringLiteral("/2_b.up.sql"),
              "ALTER TABLE a ADD COLUMN y text;\nALTER TABLE a ADD COLUMN z text;\n");
        write(m_upDown + QStringLiteral("/2_b.down.sql"),
              "ALTER TABLE a DROP COLUMN y;\nALTER TABLE a DROP COLUMN z;\n");

        // dbmate: only the up section is the migration; the down section is its rollback.
        m_dbmate = m_dir.filePath(QStringLiteral("dbmate"));
        write(m_dbmate + QStringLiteral("/20240101000000_a.sql"),
              "-- migrate:up\nCREATE TABLE a (id bigint PRIMARY KEY);\n"
              "ALTER TABLE a ADD COLUMN b text;\n\n-- migrate:down\nDROP TABLE a;\n");
        write(
            m_dbmate + QStringLiteral("/20240102000000_b.sql"),
            "-- migrate:up transaction:false\nALTER TABLE a ADD COLUMN c text;\n"
            "ALTER TABLE a ADD COLUMN d text;\n\n-- migrate:down\nALTER TABLE a DROP COLUMN c;\n");
    }

    void cleanup() { GuiTest::closeDialogs(); }

    void sameFindingsEverywhere_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("scripts"); // below the folder
        QTest::newRow("flyway") << m_flyway << QString();
        QTest::newRow("seeds") << m_seeds << QStringLiteral("migrations");
        QTest::newRow("seeds rollback") << m_seeds << QStringLiteral("rollback");
        QTest::newRow("up-down") << m_upDown << QString();
        QTest::newRow("dbmate") << m_dbmate << QString();
    }

    void sameFindingsEverywhere()
    {
        QFETCH(QString, folder);
        QFETCH(QString, scripts);
        const QStringList inFolder = cli(folder);
        const QDir dir(QDir(folder).filePath(scripts));
        const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            const QString path = dir.filePath(name);
            const QStringList alone = cli(path);
            // The folder lints up scripts only; a rollback alone is linted after its own up.
            const bool down = name.startsWith(u'U') || name.startsWith(u'R')
                              || name.endsWith(QLatin1String(".down.sql"));
            if (!down)
                QCOMPARE(alone, ofFile(inFolder, path));
            QCOMPARE(editor(path), withoutMissingRollback(alone));
            QCOMPARE(editor(path, folder), withoutMissingRollback(alone));
        }
    }

    // What the engine does with each file shows in the findings, which a file linted without
    // its context would get wrong.
    void runnerContextDecides()
    {
        auto alone = [](const QString &path) {
            QStringList rules;
            for (const QString &finding : cli(path))
                rules.append(finding.section(u' ', 1, -1));
            return rules;
        };
        // Run in a transaction: no statement needs IF [NOT] EXISTS.
        QStringList found = alone(m_flyway + QStringLiteral("/V2__check.sql"));
        QVERIFY2(found.filter(QStringLiteral("prefer-robust-stmts")).isEmpty(),
                 qPrintable(found.join(u'\n')));
        found = alone(m_seeds + QStringLiteral("/migrations/V001__a.sql"));
        QVERIFY2(found.filter(QStringLiteral("prefer-robust-stmts")).isEmpty(),
                 qPrintable(found.join(u'\n')));
        found = alone(m_dbmate + QStringLiteral("/20240101000000_a.sql"));
        QVERIFY2(found.filter(QStringLiteral("prefer-robust-stmts")).isEmpty(),
                 qPrintable(found.join(u'\n')));
        // Marked to run without one (Slipway's marker): they do.
        found = alone(m_flyway + QStringLiteral("/V3__validate.sql"));
        QVERIFY2(found.contains(QStringLiteral("4 prefer-robust-stmts"))
                     && found.contains(QStringLiteral("5 prefer-robust-stmts")),
                 qPrintable(found.join(u'\n')));
        found = alone(m_seeds + QStringLiteral("/migrations/V002__b.sql"));
        QVERIFY2(found.contains(QStringLiteral("3 prefer-robust-stmts")),
                 qPrintable(found.join(u'\n')));
        // dbmate's transaction:false still sends the up section as one query string, which
        // PostgreSQL runs as one implicit transaction: the file is linted as dbmate runs it.
        found = alone(m_dbmate + QStringLiteral("/20240102000000_b.sql"));
        QVERIFY2(found.filter(QStringLiteral("prefer-robust-stmts")).isEmpty(),
                 qPrintable(found.join(u'\n')));
        // The engine refuses a concurrent index next to statements of a transaction: lint says
        // why, as if it ran in the transaction the other statements need.
        found = alone(m_flyway + QStringLiteral("/V4__mixed.sql"));
        QVERIFY2(found.contains(QStringLiteral("4 ban-concurrent-index-creation-in-transaction")),
                 qPrintable(found.join(u'\n')));
        // After V2 and V3 the validated CHECK makes SET NOT NULL skip its scan (12+); the same
        // text outside the folder cannot know, and runs outside a transaction.
        found = alone(m_flyway + QStringLiteral("/V5__not_null.sql"));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        QTemporaryDir elsewhere;
        const QString copy = elsewhere.filePath(QStringLiteral("not_null.sql"));
        QVERIFY(QFile::copy(m_flyway + QStringLiteral("/V5__not_null.sql"), copy));
        found = alone(copy);
        QVERIFY2(found.contains(QStringLiteral("3 adding-not-nullable-field"))
                     && found.contains(QStringLiteral("3 prefer-robust-stmts")),
                 qPrintable(found.join(u'\n')));
        // The root's slipway.json applies to a script of the seeds layout's migrations/ folder.
        found = alone(m_seeds + QStringLiteral("/migrations/V001__a.sql"));
        QVERIFY2(!found.contains(QStringLiteral("1 require-lock-timeout"))
                     && found.contains(QStringLiteral("1 require-statement-timeout")),
                 qPrintable(found.join(u'\n')));
        // A dbmate file's down section is its rollback, not part of the migration.
        found = alone(m_dbmate + QStringLiteral("/20240101000000_a.sql"));
        QVERIFY2(found.filter(QStringLiteral("ban-drop-table")).isEmpty(),
                 qPrintable(found.join(u'\n')));
        // Versioned migrations without a rollback are reported alone as in the folder.
        QVERIFY(alone(m_flyway + QStringLiteral("/V6__index.sql"))
                == QStringList{QStringLiteral("1 missing-rollback")});
    }
};

QTEST_MAIN(TestLintContext)
#include "tst_lintcontext.moc"
