// Widget tests of connecting: the Connect dialog (test button, validation, connecting before it
// closes, saved profiles) and the main window's password prompt, against the fixture's PostgreSQL server. The GUI thread is
// forbidden to touch a database, as in the application; the server set-up below lifts that
// briefly to talk to the server directly.

#include "connectdialog.h"
#include "mainwindow.h"
#include "messagespane.h"
#include "sqlconsole.h"

#include "db/connectionworker.h"
#include "db/conninfo.h"
#include "db/pgconnection.h"
#include "db/profilestore.h"
#include "db/resulttablemodel.h"
#include "db/threadguard.h"
#include "guitest.h"
#include "logsetup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace GuiTest;

namespace {

// A role that must log in with a password although the fixture server trusts everyone else.
const QString PasswordRole = QStringLiteral("slipway_pw");
const QString Password = QStringLiteral("Secret-123");
const QByteArray HbaLine = "local all slipway_pw scram-sha-256";

// The visible password prompt of the window, if any; a prompt that was answered may linger
// hidden until its deferred delete.
QInputDialog *visiblePrompt(MainWindow &window)
{
    const auto prompts = window.findChildren<QInputDialog *>(QStringLiteral("passwordPrompt"));
    for (QInputDialog *prompt : prompts) {
        if (prompt->isVisible())
            return prompt;
    }
    return nullptr;
}

// A server that cannot be reached: nothing listens on port 1, so libpq is refused at once.
ConnectionProfile deadServer()
{
    ConnectionProfile dead;
    dead.name = QStringLiteral("dead server");
    dead.conninfo = QStringLiteral("host=127.0.0.1 port=1 dbname=postgres connect_timeout=5");
    return dead;
}

QPushButton *connectButton(QWidget &dialog)
{
    return dialog.findChild<QPushButton *>(QStringLiteral("connect"));
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void connectDialogTestsConnection();
    void connectDialogValidatesAndSaves();
    void connectToDeadServerKeepsDialogOpen();
    void windowAdoptsTheDialogsConnection();
    void passwordPromptReconnects();

private:
    // Runs `work` on a superuser session opened from the test thread, which ThreadGuard otherwise
    // forbids; false with *error set when the server refuses.
    bool asSuperuser(const std::function<void(Connection &)> &work, QString *error);
    // Puts HbaLine first in pg_hba.conf (present) or takes it out again, then reloads the server.
    bool setPasswordRequired(bool required, QString *error);

    QString m_hbaFile;
};

bool TestConnectDialog::asSuperuser(const std::function<void(Connection &)> &work, QString *error)
{
    ThreadGuard::allowAllThreads();
    bool ok = true;
    try {
        PgConnection connection(fixtureConninfo());
        connection.open();
        work(connection);
    } catch (const DbException &e) {
        *error = e.error().toDisplayString();
        ok = false;
    }
    ThreadGuard::forbidCurrentThread();
    return ok;
}

bool TestConnectDialog::setPasswordRequired(bool required, QString *error)
{
    QFile file(m_hbaFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.fileName() + QLatin1String(": ") + file.errorString();
        return false;
    }
    const QByteArray before = file.readAll();
    file.close();
    // Drop any copy of the line (a crashed earlier run may have left one), then add it once.
    QList<QByteArray> lines;
    for (const QByteArray &line : before.split('\n')) {
        if (line.trimmed() != HbaLine)
            lines.append(line);
    }
    if (required)
        lines.prepend(HbaLine);
    const QByteArray after = lines.join('\n');
    if (after != before) {
        // Rewriting in place keeps the file's owner (postgres) and mode when running as root.
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(after) != after.size() || !file.flush()) {
            *error = file.fileName() + QLatin1String(": ") + file.errorString();
            return false;
        }
        file.close();
    }
    // The postmaster rereads its configuration files (pg_hba.conf included) on SIGHUP,
    // asynchronously, and records the time in pg_conf_load_time(): a session whose backend
    // reports a later time than before the reload was forked with the new rules.
    auto loadTime = [this](QString *loaded, QString *why) {
        return asSuperuser(
            [loaded](Connection &c) {
                *loaded = c.fetchAll(QStringLiteral("SELECT to_char(pg_conf_load_time(), "
                                                    "'YYYY-MM-DD HH24:MI:SS.US')"))
                              .text(0, 0);
            },
            why);
    };
    QString loadedBefore;
    if (!loadTime(&loadedBefore, error))
        return false;
    if (!asSuperuser([](Connection &c) { c.execute(QStringLiteral("SELECT pg_reload_conf()")); },
                     error))
        return false;
    QString now = loadedBefore;
    const bool reloaded
        = QTest::qWaitFor([&] { return loadTime(&now, error) && now > loadedBefore; }, 10000);
    if (!reloaded && error->isEmpty())
        *error = QStringLiteral("the server did not reload its configuration within 10 s");
    return reloaded;
}

void TestConnectDialog::initTestCase()
{
    prepareApplication(QStringLiteral("tst_connectdialog"));
    QString error;
    if (!loadFixture(&error))
        QFAIL(qPrintable(error));
    // The prompt must be the only source of the password.
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", "/nonexistent/slipway-test.pgpass");

    const bool ready = asSuperuser(
        [this](Connection &c) {
            c.execute(
                QStringLiteral("DO $$BEGIN\n"
                               "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN\n"
                               "    CREATE ROLE %1 LOGIN;\n"
                               "  END IF;\n"
                               "END$$")
                    .arg(PasswordRole));
            c.execute(QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(PasswordRole, Password));
            m_hbaFile = c.fetchAll(QStringLiteral("SHOW hba_file")).text(0, 0);
        },
        &error);
    if (!ready)
        QFAIL(qPrintable(error));
    QVERIFY(!m_hbaFile.isEmpty());
    if (!setPasswordRequired(true, &error))
        QFAIL(qPrintable(error));
}

void TestConnectDialog::cleanupTestCase()
{
    // Leave pg_hba.conf as the other suites expect it.
    QString error;
    if (!m_hbaFile.isEmpty() && !setPasswordRequired(false, &error))
        QFAIL(qPrintable(error));
}

void TestConnectDialog::cleanup()
{
    closeDialogs();
}

void TestConnectDialog::connectDialogTestsConnection()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    ConnectDialog dialog(&settings);
    dialog.show();

    dialog.setProfile(deadServer());
    QVERIFY(dialog.validationError().isEmpty());
    QSignalSpy tested(&dialog, &ConnectDialog::testFinished);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnection")),
                      Qt::LeftButton);
    QVERIFY(dialog.isTesting());
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 10000);
    QCOMPARE(tested.first().first().toBool(), false);
    // libpq's own words, e.g. 'connection to server at "127.0.0.1", port 1 failed: Connection refused'
    const QString result = dialog.testResult();
    QVERIFY2(result.contains(QStringLiteral("port 1")) && result.contains(QStringLiteral("refused")),
             qPrintable(result));
    QVERIFY(saveShot(dialog, QStringLiteral("tst_connectdialog.png")));

    dialog.setProfile(profile());
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 10000);
    QCOMPARE(tested.at(1).first().toBool(), true);
    QVERIFY2(dialog.testResult().startsWith(QStringLiteral("Connected: PostgreSQL ")),
             qPrintable(dialog.testResult()));
}

void TestConnectDialog::connectDialogValidatesAndSaves()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    {
        ConnectDialog dialog(&settings);
        auto *conninfo = dialog.findChild<QLineEdit *>(QStringLiteral("conninfo"));
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("name"));
        QVERIFY(conninfo && name);
        conninfo->setText(QStringLiteral("host='unterminated"));
        QVERIFY(!dialog.validationError().isEmpty());
        conninfo->setText(
            QStringLiteral("postgresql://app@db.example.com:6543/billing?password=secret"));
        QVERIFY2(dialog.validationError().isEmpty(), qPrintable(dialog.validationError()));
        // Connect saves only what connected: the fixture, with a password in the conninfo (the
        // fixture trusts user postgres and ignores it) that must not be stored.
        ConnInfo info;
        QString error;
        QVERIFY2(ConnInfo::parse(fixtureConninfo(), &info, &error), qPrintable(error));
        info.set(QStringLiteral("password"), QStringLiteral("secret"));
        conninfo->setText(info.toString());
        QVERIFY2(dialog.validationError().isEmpty(), qPrintable(dialog.validationError()));
        name->setText(QStringLiteral("Billing staging"));
        dialog.findChild<QCheckBox *>(QStringLiteral("production"))->setChecked(true);
        dialog.setPassword(QStringLiteral("typed"));
        QCOMPARE(dialog.password(), QStringLiteral("typed"));
        QSignalSpy finished(&dialog, &ConnectDialog::connectFinished);
        dialog.accept();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.testResult()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.profile().name, QStringLiteral("Billing staging"));
        QVERIFY(dialog.profile().production);
        const std::unique_ptr<ConnectionWorker> opened(dialog.takeConnection());
        QVERIFY(opened && opened->isOpen());
        QVERIFY(!dialog.takeConnection()); // handed over once
    }
    settings.sync();
    QFile file(dir.filePath(QStringLiteral("profiles.ini")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("Billing staging"));
    QVERIFY2(!stored.contains("secret") && !stored.contains("typed"), stored.constData());

    ConnectDialog again(&settings);
    auto *saved = again.findChild<QComboBox *>(QStringLiteral("savedProfiles"));
    QVERIFY(saved);
    const int index = saved->findText(QStringLiteral("Billing staging"));
    QVERIFY(index > 0);
    saved->setCurrentIndex(index);
    emit saved->activated(index);
    QCOMPARE(again.profile().name, QStringLiteral("Billing staging"));
    QVERIFY(again.profile().production);
    QVERIFY(again.password().isEmpty());
}

// Connect to a server that cannot be reached: the dialog stays open with libpq's answer inline,
// nothing is saved, and the fields can be corrected; connecting then closes it and saves.
void TestConnectDialog::connectToDeadServerKeepsDialogOpen()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    ConnectDialog dialog(&settings);
    dialog.show();
    dialog.setProfile(deadServer());
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("name"));
    QVERIFY(name && connectButton(dialog));
    QSignalSpy finished(&dialog, &ConnectDialog::connectFinished);
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    QTest::mouseClick(connectButton(dialog), Qt::LeftButton);
    QVERIFY(dialog.isConnecting());
    // What opens is what the fields say: they wait, and so does a second click.
    QVERIFY(!name->isEnabled());
    QVERIFY(!connectButton(dialog)->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.first().first().toBool(), false);

    QVERIFY(dialog.isVisible());
    QCOMPARE(accepted.count(), 0);
    QVERIFY(!dialog.isConnecting());
    QVERIFY(!dialog.takeConnection());
    const QString result = dialog.testResult();
    QVERIFY2(result.contains(QStringLiteral("port 1")) && result.contains(QStringLiteral("refused")),
             qPrintable(result));
    QVERIFY(ProfileStore(settings).profiles().isEmpty());
    QVERIFY(name->isEnabled());
    QVERIFY(connectButton(dialog)->isEnabled());

    dialog.setProfile(profile(QStringLiteral("reachable")));
    QTest::mouseClick(connectButton(dialog), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QVERIFY2(finished.at(1).first().toBool(), qPrintable(dialog.testResult()));
    QCOMPARE(accepted.count(), 1);
    QVERIFY(!dialog.isVisible());
    const std::unique_ptr<ConnectionWorker> opened(dialog.takeConnection());
    QVERIFY(opened && opened->isOpen());
    const QList<ConnectionProfile> saved = ProfileStore(settings).profiles();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().name, QStringLiteral("reachable"));
}

// Connection ▸ Connect… in the window: a failure leaves the window as it was and the dialog open;
// a success hands the dialog's connection to the window, which keeps it through a reconnect.
void TestConnectDialog::windowAdoptsTheDialogsConnection()
{
    MainWindow window;
    window.show();
    QSignalSpy connected(&window, &MainWindow::connected);
    window.showConnectDialog();
    QPointer<ConnectDialog> dialog = window.findChild<ConnectDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QSignalSpy finished(dialog.data(), &ConnectDialog::connectFinished);

    dialog->setProfile(deadServer());
    QTest::mouseClick(connectButton(*dialog), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!window.connection());
    QVERIFY(!window.isConnecting());
    QCOMPARE(connected.count(), 0);

    const QString name = QStringLiteral("window fixture");
    dialog->setProfile(profile(name));
    QTest::mouseClick(connectButton(*dialog), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QVERIFY(window.connection() && window.connection()->isOpen());
    QCOMPARE(window.profile().name, name);
    QVERIFY(window.windowTitle().startsWith(name));
    QTRY_VERIFY(!dialog); // closed and deleted
    QSettings settings;
    QVERIFY(ProfileStore(settings).profile(name).isValid());
    ProfileStore(settings).remove(name);

    // The window's connection is the dialog's worker: its next opened() is the window's alone,
    // and nothing left of the dialog may delete it.
    const QPointer<ConnectionWorker> worker = window.connection();
    window.reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 10000);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(worker);
    QCOMPARE(window.connection(), worker.data());
    QVERIFY(runAndWait(window.currentConsole(), QStringLiteral("SELECT 1")));
}

void TestConnectDialog::passwordPromptReconnects()
{
    ConnInfo info;
    QString error;
    QVERIFY2(ConnInfo::parse(fixtureConninfo(), &info, &error), qPrintable(error));
    info.set(QStringLiteral("user"), PasswordRole);
    ConnectionProfile needsPassword = profile(QStringLiteral("Guarded"));
    needsPassword.conninfo = info.toString();

    // The window's log, as slipway writes it, with every slipway category at debug.
    QTemporaryDir logDir;
    QVERIFY(logDir.isValid());
    const QString logPath = logDir.filePath(QStringLiteral("slipway.log"));
    qputenv("SLIPWAY_LOG", "1");
    LogSetup::applyRules();
    QVERIFY2(LogSetup::logToFile(logPath, &error), qPrintable(error));

    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    QSignalSpy connected(&window, &MainWindow::connected);
    window.connectTo(needsPassword);

    // No password at all: libpq gives up before the server can say 28P01.
    QPointer<QInputDialog> prompt;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = visiblePrompt(window)), 10000);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().value<DbError>().needsPassword());
    QVERIFY(!window.connection());
    QCOMPARE(prompt->textEchoMode(), QLineEdit::Password);
    QVERIFY2(!prompt->labelText().contains(QStringLiteral("rejected")),
             qPrintable(prompt->labelText()));
    prompt->setTextValue(QStringLiteral("not-the-password"));
    prompt->accept();

    // A wrong one: the server rejects it and the window asks again, saying so.
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    const DbError rejected = failed.at(1).first().value<DbError>();
    QVERIFY2(rejected.sqlState == QLatin1String("28P01"), qPrintable(rejected.toDisplayString()));
    QTRY_VERIFY_WITH_TIMEOUT((prompt = visiblePrompt(window)), 10000);
    QVERIFY2(prompt->labelText().contains(QStringLiteral("rejected")),
             qPrintable(prompt->labelText()));
    QCOMPARE(connected.count(), 0);
    QVERIFY(!window.connection());
    prompt->setTextValue(Password);
    prompt->accept();

    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(failed.count(), 2);
    QVERIFY(window.connection() && window.connection()->isOpen());
    QCOMPARE(window.connection()->serverInfo().user, PasswordRole);
    QVERIFY(!visiblePrompt(window));
    SqlConsole *console = window.currentConsole();
    QVERIFY(runAndWait(console, QStringLiteral("SELECT current_user")));
    QCOMPARE(console->resultModel()->text(0, 0), PasswordRole);

    // Passwords stay in memory: not in what the window shows ...
    const QString messages = console->messages()->toPlainText();
    QVERIFY2(!messages.contains(Password) && !messages.contains(QStringLiteral("not-the-password")),
             qPrintable(messages));
    QVERIFY(!window.windowTitle().contains(Password));
    // ... nor in the log, which did record the attempts (so it was really written) ...
    QFile log(logPath);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray logged = log.readAll();
    QVERIFY2(logged.contains("connecting to") && logged.contains("28P01"), logged.constData());
    QVERIFY2(!logged.contains(Password.toUtf8()) && !logged.contains("not-the-password"),
             logged.constData());
    QCOMPARE(QFileInfo(logPath).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    // ... nor in any settings file (MainWindow stores none today; this holds it to the rule).
    QSettings().sync();
    for (const auto location : {QStandardPaths::GenericConfigLocation,
                                QStandardPaths::AppConfigLocation,
                                QStandardPaths::AppDataLocation}) {
        QDirIterator it(QStandardPaths::writableLocation(location),
                        QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(Password.toUtf8()), qPrintable(file.fileName()));
        }
    }
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
