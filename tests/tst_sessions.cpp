// The user's transaction belongs to the console it was begun in. With `BEGIN; INSERT …` open in a
// console, the window's background work (dry run, apply, roll back, the editors' live-schema
// reads, a schema tree refresh, a second console) runs on sessions of its own: a third session
// checks after each step that the row is still uncommitted and that the console's backend is
// still inside the very same transaction; then the console itself commits or rolls it back.

#include "editorlinter.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationeditor.h"
#include "migrationspanel.h"
#include "schemadock.h"
#include "sqlconsole.h"

#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/resulttablemodel.h"
#include "db/threadguard.h"
#include "guitest.h"
#include "testfiles.h"
#include "migrationview/migrationlistmodel.h"
#include "schema/schematreemodel.h"
#include "schemafixtures.h"

#include <QAction>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace GuiTest;

namespace {

const char Database[] = "slipway_sessions";

// What a third session sees of the console's backend and of the table.
struct Observed
{
    QString state;     // pg_stat_activity.state of the console's backend
    QString xid;       // its backend_xid: the same value means the same transaction
    qint64 rows = -1;  // committed rows of notes
    bool ok = false;
};

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_conninfo;
    QString m_folder;

    // A short-lived session on the test thread: it is the "third session" of the checks.
    Observed observe(const QString &pid)
    {
        Observed seen;
        ThreadGuard::allowAllThreads();
        try {
            PgConnection third(m_conninfo);
            third.open();
            const RowBatch activity = third.fetchAll(
                QStringLiteral("SELECT state, coalesce(backend_xid::text, '') FROM "
                               "pg_stat_activity WHERE pid = %1")
                    .arg(pid));
            const RowBatch count = third.fetchAll(QStringLiteral("SELECT count(*) FROM notes"));
            if (activity.rowCount() == 1 && count.rowCount() == 1) {
                seen.state = activity.text(0, 0);
                seen.xid = activity.text(0, 1);
                seen.rows = count.text(0, 0).toLongLong();
                seen.ok = true;
            }
        } catch (const DbException &e) {
            qWarning("third session: %s", qPrintable(e.error().message));
        }
        ThreadGuard::forbidCurrentThread();
        return seen;
    }

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_sessions"));
        QString error;
        if (!loadFixture(&error))
            QFAIL(qPrintable(error));
        QVERIFY(m_dir.isValid());
        const QString setup = m_dir.filePath(QStringLiteral("setup.sql"));
        TestFiles::write(setup, "CREATE TABLE notes (id int PRIMARY KEY, body text);\n");
        m_folder = m_dir.filePath(QStringLiteral("migrations"));
        TestFiles::write(m_folder + QStringLiteral("/V001__create_labels.sql"),
                         "CREATE TABLE labels (id int PRIMARY KEY, name text);\n");
        TestFiles::write(m_dir.filePath(QStringLiteral("rollback/R001__create_labels.sql")),
                         "DROP TABLE labels;\n");
        ThreadGuard::allowAllThreads();
        m_conninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(Database), {setup}, &error);
        ThreadGuard::forbidCurrentThread();
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
    }

    void cleanup() { closeDialogs(); }

    void backgroundWorkLeavesTheConsoleTransactionAlone()
    {
        MainWindow window;
        window.show();
        window.openMigrationFolder(m_folder);
        ConnectionProfile p = profile(QStringLiteral("sessions"));
        p.conninfo = m_conninfo;
        QVERIFY(connectWindow(window, p));
        MigrationsPanel *panel = window.migrationActions()->panel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->model()->rowCount() == 1, 20000);

        SqlConsole *console = window.currentConsole();
        QVERIFY(runAndWait(console, QStringLiteral("SELECT pg_backend_pid()")));
        const QString pid = console->resultModel()->text(0, 0);
        QVERIFY(!pid.isEmpty());
        QVERIFY(runAndWait(console, QStringLiteral("BEGIN")));
        QVERIFY(runAndWait(console, QStringLiteral("INSERT INTO notes VALUES (1, 'open')")));

        const Observed before = observe(pid);
        QVERIFY(before.ok);
        QCOMPARE(before.state, QStringLiteral("idle in transaction"));
        QVERIFY(!before.xid.isEmpty());
        QCOMPARE(before.rows, qint64(0));
        auto unchanged = [&](const char *step) {
            const Observed now = observe(pid);
            if (!now.ok || now.state != before.state || now.xid != before.xid || now.rows != 0) {
                qWarning("after %s: state %s xid %s rows %lld", step, qPrintable(now.state),
                         qPrintable(now.xid), now.rows);
                return false;
            }
            return true;
        };

        QVERIFY(runPanelAction(panel, panel->dryRunAction()));
        QVERIFY(unchanged("the dry run"));

        QVERIFY(runPanelAction(panel, panel->applyAction()));
        QVERIFY(unchanged("apply"));

        QVERIFY(runPanelAction(panel, panel->rollbackAction()));
        QVERIFY(unchanged("roll back"));

        // The editor's live schema (and the folder's history) are read while the console holds
        // its transaction.
        MigrationEditor *editor = window.migrationActions()->openMigration(
            m_folder + QStringLiteral("/V001__create_labels.sql"));
        QVERIFY(editor);
        QSignalSpy schema(editor->upLinter(), &EditorLinter::schemaLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(!schema.isEmpty(), 20000);
        QVERIFY(unchanged("the editor's schema read"));

        QSignalSpy treeLoaded(window.schemaBrowser()->model(), &SchemaTreeModel::nodeLoaded);
        window.schemaBrowser()->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!treeLoaded.isEmpty(), 20000);
        QVERIFY(window.schemaBrowser()->model()->rowCount() > 0);
        QVERIFY(unchanged("the schema tree refresh"));

        // A second console is a second transaction scope: its COMMIT is not the first one's.
        SqlConsole *second = window.newConsole();
        QVERIFY(runAndWait(second, QStringLiteral("BEGIN")));
        QVERIFY(runAndWait(second, QStringLiteral("COMMIT")));
        QVERIFY(unchanged("a COMMIT in another console"));

        // The console still owns its transaction and can end it.
        QVERIFY(runAndWait(console, QStringLiteral("COMMIT")));
        const Observed committed = observe(pid);
        QVERIFY(committed.ok);
        QCOMPARE(committed.rows, qint64(1));
        QCOMPARE(committed.state, QStringLiteral("idle"));

        // And the other way out: a rollback after more background work.
        QVERIFY(runAndWait(console, QStringLiteral("BEGIN")));
        QVERIFY(runAndWait(console, QStringLiteral("DELETE FROM notes")));
        panel->refresh();
        QVERIFY(panel->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 20000);
        QCOMPARE(panel->model()->rowCount(), 1);
        QVERIFY(runAndWait(console, QStringLiteral("ROLLBACK")));
        QCOMPARE(observe(pid).rows, qint64(1));
    }

    void sessionsAreSeparateBackends()
    {
        MainWindow window;
        ConnectionProfile p = profile(QStringLiteral("sessions"));
        p.conninfo = m_conninfo;
        QVERIFY(connectWindow(window, p));
        SqlConsole *first = window.currentConsole();
        SqlConsole *second = window.newConsole();
        QVERIFY(runAndWait(first, QStringLiteral("SELECT pg_backend_pid()")));
        QVERIFY(runAndWait(second, QStringLiteral("SELECT pg_backend_pid()")));
        QVERIFY(first->resultModel()->text(0, 0) != second->resultModel()->text(0, 0));
        QVERIFY(window.migrationSession() && window.schemaReadSession());
        QVERIFY(window.migrationSession() != first->connection());
        QVERIFY(window.schemaReadSession() != first->connection());
        QCOMPARE(first->linter()->connection(), window.schemaReadSession());

        // Disconnecting closes every session the window opened.
        window.disconnectFromDatabase();
        QVERIFY(!first->connection());
        QVERIFY(!window.migrationSession());
        QVERIFY(!window.schemaReadSession());
    }
};

QTEST_MAIN(TestSessions)
#include "tst_sessions.moc"
