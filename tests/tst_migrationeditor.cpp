// The migration editor tab, offscreen, with the GUI thread forbidden to touch a database: its
// scripts are linted after the folder's earlier migrations (as `slipway-cli lint FOLDER` lints
// them), the cached replay follows changes to those files, and the editor follows the window's
// connection for schema, table sizes, completion and the migrations already applied.

#include "editorlinter.h"
#include "guitest.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationeditor.h"
#include "sqleditor.h"

#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/threadguard.h"
#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/lintmodel.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationscript.h"
#include "migrations/schemahistory.h"

#include "testsandbox.h"

#include <Qsci/qsciapis.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

namespace {

const char Database[] = "slipway_migration_editor";

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text) == text.size();
}

QStringList rules(const QList<Finding> &findings)
{
    QStringList ids;
    for (const Finding &finding : findings)
        ids.append(finding.rule);
    std::sort(ids.begin(), ids.end());
    return ids;
}

// Lints now and waits for that run; false on timeout.
bool lintAndWait(EditorLinter *linter)
{
    linter->lintNow();
    return QTest::qWaitFor([linter] { return !linter->isRunning(); }, 10000);
}

const Finding *findingOf(const QList<Finding> &findings, const QString &rule)
{
    for (const Finding &finding : findings) {
        if (finding.rule == rule)
            return &finding;
    }
    return nullptr;
}

} // namespace

class TestMigrationEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup() { GuiTest::closeDialogs(); }
    void earlierMigrationsAreKnown();
    void agreesWithTheFolderLinter();
    void followsTheWindowConnection();
    void screenshot();
};

void TestMigrationEditor::initTestCase()
{
    GuiTest::prepareApplication(QStringLiteral("tst_migrationeditor"));
    QString error;
    if (!GuiTest::loadFixture(&error))
        QFAIL(qPrintable(error));
}

void TestMigrationEditor::earlierMigrationsAreKnown()
{
    // V2 adds CHECK (c IS NOT NULL) NOT VALID, V3 validates it: V4's SET NOT NULL needs no scan
    // on PostgreSQL 12+, which only the folder tells.
    QTemporaryDir dir;
    const QString setNotNull = QStringLiteral("ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n");
    QVERIFY(writeFile(dir.filePath(QStringLiteral("V1__create_t.sql")),
                      "CREATE TABLE t (id bigint PRIMARY KEY, c text);\n"));
    QVERIFY(
        writeFile(dir.filePath(QStringLiteral("V2__check_c.sql")),
                  "ALTER TABLE t ADD CONSTRAINT t_c_not_null CHECK (c IS NOT NULL) NOT VALID;\n"));
    const QString validate = dir.filePath(QStringLiteral("V3__validate_c.sql"));
    QVERIFY(writeFile(validate, "ALTER TABLE t VALIDATE CONSTRAINT t_c_not_null;\n"));
    const QString up = dir.filePath(QStringLiteral("V4__c_not_null.sql"));
    QVERIFY(writeFile(up, setNotNull.toUtf8()));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("U4__c_not_null.sql")),
                      "ALTER TABLE t ALTER COLUMN c DROP NOT NULL;\n"));

    MainWindow window;
    window.show();
    window.openMigrationFolder(dir.path());
    MigrationEditor *editor = window.migrationActions()->openMigration(up);
    QVERIFY(editor);
    EditorLinter *linter = editor->upLinter();
    QCOMPARE(linter->migrationFolder(), dir.path());
    QVERIFY(lintAndWait(linter));
    const QString notNullable = QStringLiteral("adding-not-nullable-field");
    QVERIFY2(!rules(editor->upEditor()->findings()).contains(notNullable),
             qPrintable(rules(editor->upEditor()->findings()).join(QLatin1Char(','))));
    QCOMPARE(linter->lastReplayed().size(), 3);
    QVERIFY(linter->lastReplayed().last().endsWith(QLatin1String("V3__validate_c.sql")));
    // Replayed and linted on a pool thread.
    QVERIFY(ThreadGuard::isForbidden());
    QVERIFY(linter->lastRunThread() && linter->lastRunThread() != QThread::currentThread());

    // The down script runs after its own up script.
    QVERIFY(lintAndWait(editor->downLinter()));
    QCOMPARE(editor->downLinter()->lastReplayed().size(), 4);

    // Typing relints (debounced) from the same replay.
    QSignalSpy changed(linter, &EditorLinter::findingsChanged);
    editor->upEditor()->setCursorPosition(1, 0);
    QTest::keyClicks(editor->upEditor()->viewport(), QStringLiteral("SELECT 1;"));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() > 0 && !linter->isRunning(), 10000);
    QVERIFY(!rules(editor->upEditor()->findings()).contains(notNullable));

    // An earlier migration changes on disk: the replay follows it.
    QVERIFY(writeFile(validate, "SELECT 1; -- validated later\n"));
    QVERIFY(lintAndWait(linter));
    QVERIFY(rules(editor->upEditor()->findings()).contains(notNullable));
    QVERIFY(writeFile(validate, "ALTER TABLE t VALIDATE CONSTRAINT t_c_not_null;\n"));
    QVERIFY(lintAndWait(linter));
    QVERIFY(!rules(editor->upEditor()->findings()).contains(notNullable));

    // The folder's slipway.json applies: before 12 the validated check does not help.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("slipway.json")), "{\"pg_version\": 11}\n"));
    QVERIFY(lintAndWait(linter));
    const Finding *finding = findingOf(editor->upEditor()->findings(), notNullable);
    QVERIFY(finding);
    QVERIFY2(finding->message.contains(QLatin1String("before PostgreSQL 12")),
             qPrintable(finding->message));

    // The same statement in a folder without those migrations is a full-table scan.
    QTemporaryDir alone;
    const QString aloneUp = alone.filePath(QStringLiteral("V1__c_not_null.sql"));
    QVERIFY(writeFile(aloneUp, setNotNull.toUtf8()));
    const MigrationFolder aloneFolder = MigrationFolder::read(alone.path());
    QCOMPARE(aloneFolder.migrations().size(), 1);
    MigrationEditor other;
    QString error;
    QVERIFY2(other.load(aloneFolder.migrations().first(), alone.path(), &error), qPrintable(error));
    QVERIFY(lintAndWait(other.upLinter()));
    QVERIFY(other.upLinter()->lastReplayed().isEmpty());
    QVERIFY(rules(other.upEditor()->findings()).contains(notNullable));
    // A squiggle on the statement says so.
    QVERIFY(other.upEditor()->hasIndicatorAt(CodeEditor::ProblemErrorIndicator, 2));
}

void TestMigrationEditor::agreesWithTheFolderLinter()
{
    // What the editor shows for a migration is what `slipway-cli lint FOLDER` reports for it
    // (less missing-rollback, which the editor's "no rollback script" label says). An index on
    // a table from an earlier migration still needs CONCURRENTLY: that migration may have been
    // deployed long ago and the table filled since; one on a table this migration creates does
    // not.
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("V1__create_t.sql")),
                      "CREATE TABLE t (id bigint PRIMARY KEY, c text, d varchar(20));\n"));
    const QString up = dir.filePath(QStringLiteral("V2__index_t.sql"));
    QVERIFY(writeFile(up,
                      "SET lock_timeout = '5s';\nSET statement_timeout = '1min';\n"
                      "CREATE INDEX i ON t (c);\n"
                      "CREATE TABLE u (id bigint PRIMARY KEY, c varchar(20));\n"
                      "CREATE INDEX j ON u (c);\n"
                      "ALTER TABLE t ALTER COLUMN d TYPE varchar(40);\n"));

    Linter folderLinter;
    QStringList errors;
    QStringList expected;
    for (const Finding &finding :
         FolderLinter::lint(MigrationFolder::read(dir.path()), folderLinter, &errors)) {
        if (finding.file == up && finding.rule != QLatin1String("missing-rollback"))
            expected.append(QStringLiteral("%1@%2").arg(finding.rule).arg(finding.line));
    }
    QVERIFY(errors.isEmpty());

    MainWindow window;
    window.openMigrationFolder(dir.path());
    MigrationEditor *editor = window.migrationActions()->openMigration(up);
    QVERIFY(editor);
    QVERIFY(lintAndWait(editor->upLinter()));
    QStringList shown;
    for (const Finding &finding : editor->upEditor()->findings())
        shown.append(QStringLiteral("%1@%2").arg(finding.rule).arg(finding.line));
    std::sort(expected.begin(), expected.end());
    std::sort(shown.begin(), shown.end());
    QCOMPARE(shown, expected);
    QVERIFY(shown.contains(QStringLiteral("require-concurrent-index-creation@3")));
    QVERIFY(!shown.contains(QStringLiteral("require-concurrent-index-creation@5")));
    // V1 told the linter d's old type: widening a varchar rewrites nothing. Alone, the file
    // could not know.
    QVERIFY(!shown.contains(QStringLiteral("changing-column-type@6")));
}

void TestMigrationEditor::followsTheWindowConnection()
{
    // The database has run V1 (its history says so) and its table has 30 rows. V1 is therefore
    // not replayed over the live schema, so V2's index knows the table's size: a warning only.
    QTemporaryDir dir;
    const QByteArray v1 = "CREATE SCHEMA shop;\n"
                          "CREATE TABLE shop.customers (id bigint, loyalty_tier text);\n";
    QVERIFY(writeFile(dir.filePath(QStringLiteral("V1__create_customers.sql")), v1));
    const QString up = dir.filePath(QStringLiteral("V2__index_loyalty_tier.sql"));
    QVERIFY(writeFile(up, "CREATE INDEX i ON customers (loyalty_tier);\n"));
    const QString conninfo = TestSandbox::conninfo(QString::fromLatin1(Database));
    {
        ThreadGuard::allowAllThreads();
        PgConnection admin(GuiTest::fixtureConninfo());
        admin.open();
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(QLatin1String(Database)));
        admin.execute(QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(Database)));
        PgConnection database(conninfo);
        database.open();
        database.execute(QString::fromUtf8(v1));
        database.execute(QStringLiteral(
            "INSERT INTO shop.customers SELECT g, 'gold' FROM generate_series(1, 30) g;"
            "ANALYZE shop.customers;"));
        SchemaHistory history(database);
        history.create();
        HistoryRow row;
        row.version = QStringLiteral("1");
        row.description = QStringLiteral("create customers");
        row.type = QStringLiteral("SQL");
        row.script = QStringLiteral("V1__create_customers.sql");
        row.checksum = MigrationScript::checksum(v1);
        history.insert(row);
        ThreadGuard::forbidCurrentThread();
    }

    // Opened before connecting: the editor takes the connection when the window gets it.
    MainWindow window;
    window.show();
    window.openMigrationFolder(dir.path());
    MigrationEditor *editor = window.migrationActions()->openMigration(up);
    QVERIFY(editor);
    QVERIFY(lintAndWait(editor->upLinter()));
    const QString rule = QStringLiteral("require-concurrent-index-creation");
    const Finding *offline = findingOf(editor->upEditor()->findings(), rule);
    QVERIFY(offline);
    QCOMPARE(offline->severity, Finding::Severity::Error);
    QVERIFY(offline->impact.isEmpty());

    ConnectionProfile profile = GuiTest::profile(QStringLiteral("editor"));
    profile.conninfo = conninfo;
    QVERIFY(GuiTest::connectWindow(window, profile));
    EditorLinter *linter = editor->upLinter();
    QCOMPARE(linter->connection(), window.schemaReadSession());
    QCOMPARE(editor->downLinter()->connection(), window.schemaReadSession());
    QTRY_VERIFY_WITH_TIMEOUT(linter->hasSchema(), 20000);
    QVERIFY(linter->schema().serverVersion >= 11);
    QTRY_VERIFY_WITH_TIMEOUT(!linter->isRunning() && findingOf(editor->upEditor()->findings(), rule)
                                 && !findingOf(editor->upEditor()->findings(), rule)
                                         ->impact.isEmpty(),
                             10000);
    const Finding *online = findingOf(editor->upEditor()->findings(), rule);
    QCOMPARE(online->severity, Finding::Severity::Warning);
    QVERIFY2(online->impact.contains(QLatin1String("about 30 rows")), qPrintable(online->impact));
    QVERIFY(linter->lastReplayed().isEmpty()); // V1 is applied

    // Completion offers the live names: schema, table, column.
    QTRY_VERIFY_WITH_TIMEOUT(editor->upEditor()->isCompletionReady(), 20000);
    for (const auto &[prefix, word] :
         {std::pair{"sho", "shop"}, {"custo", "customers"}, {"loyal", "loyalty_tier"}}) {
        QStringList list;
        QsciAPIs *apis = editor->upEditor()->completionApis();
        apis->updateAutoCompletionList({QString::fromLatin1(prefix)}, list);
        QVERIFY2(list.join(QLatin1Char(' ')).contains(QLatin1String(word)),
                 qPrintable(list.join(QLatin1Char(' '))));
    }

    // Disconnecting takes the schema away again.
    window.disconnectFromDatabase();
    QVERIFY(!linter->connection());
    QVERIFY(!linter->hasSchema());
    QVERIFY(lintAndWait(linter));
    QVERIFY(findingOf(editor->upEditor()->findings(), rule)->impact.isEmpty());
}

void TestMigrationEditor::screenshot()
{
    // A migration with squiggles as the editor tab shows it: up on the left, down on the right.
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("V011__create_orders.sql")),
                      "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, "
                      "total numeric);\n"));
    const QString up = dir.filePath(QStringLiteral("V012__loyalty_tier.sql"));
    QVERIFY(writeFile(up,
                      "-- V012: loyalty tier on orders\n"
                      "SET lock_timeout = '5s';\n"
                      "SET statement_timeout = '15min';\n\n"
                      "ALTER TABLE orders ADD COLUMN loyalty_tier text NOT NULL;\n"
                      "ALTER TABLE orders ADD COLUMN notes varchar(200);\n\n"
                      "CREATE INDEX idx_orders_loyalty_tier ON orders (loyalty_tier);\n\n"
                      "-- the safe way: NOT VALID now, VALIDATE in a later migration\n"
                      "ALTER TABLE orders ADD CONSTRAINT orders_total_positive\n"
                      "    CHECK (total >= 0) NOT VALID;\n\n"
                      "UPDATE orders SET loyalty_tier = 'bronze';\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("U012__loyalty_tier.sql")),
                      "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_positive;\n"
                      "DROP INDEX CONCURRENTLY IF EXISTS idx_orders_loyalty_tier;\n"
                      "ALTER TABLE orders DROP COLUMN IF EXISTS notes;\n"
                      "ALTER TABLE orders DROP COLUMN IF EXISTS loyalty_tier;\n"));
    MainWindow window;
    window.resize(1600, 900); // room for both scripts' longest lines
    window.show();
    window.openMigrationFolder(dir.path());
    MigrationEditor *editor = window.migrationActions()->openMigration(up);
    QVERIFY(editor);
    QVERIFY(lintAndWait(editor->upLinter()));
    QVERIFY(lintAndWait(editor->downLinter()));
    QVERIFY(!editor->upEditor()->findings().isEmpty());
    QVERIFY(GuiTest::saveShot(*editor, QStringLiteral("lint-editor-migration.png")));
}

QTEST_MAIN(TestMigrationEditor)
#include "tst_migrationeditor.moc"
