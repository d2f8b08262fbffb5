// The slipway binary as a user starts it on a desktop: a child process on a real X server (ctest
// runs this suite under xvfb-run) with Qt's xcb platform, read back through the X server with
// xwininfo. The offscreen platform cannot show what happens here: xcb removes the options it
// knows (--name among them) from the command line before the application reads it.

#include "testsandbox.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {

struct TopLevel
{
    QString title;
    QString instance; // WM_CLASS: the X11 instance name, then the class
    QString windowClass;
};

} // namespace

class TestGuiCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connectionNameReachesTheWindow_data();
    void connectionNameReachesTheWindow();
    void unknownOptionsAreRefused();

private:
    // A slipway process on the X server, with its settings and data in a directory of its own.
    void start(QProcess &process, const QStringList &arguments);
    // The first window of the X server whose title says it is connected ("… — Slipway").
    static std::optional<TopLevel> connectedWindow(QString *listing);

    QTemporaryDir m_home;
    QString m_gui;
    QString m_conninfo;
};

void TestGuiCommandLine::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "needs an X server: run through ctest, which starts one with xvfb-run");
    m_gui = qEnvironmentVariable("SLIPWAY_GUI");
    QVERIFY2(!m_gui.isEmpty() && QFileInfo(m_gui).isExecutable(),
             "SLIPWAY_GUI must name the slipway binary");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("xwininfo")).isEmpty(),
             "xwininfo (Debian x11-utils) is missing: run scripts/bootstrap");
    QVERIFY(m_home.isValid());
    QString error;
    m_conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
    QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
}

void TestGuiCommandLine::start(QProcess &process, const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    // Saved profiles, window state and logs of these runs never reach the user's own.
    for (const char *name :
         {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"})
        env.insert(QString::fromLatin1(name), m_home.path());
    env.insert(QStringLiteral("SLIPWAY_DATA_DIR"), m_home.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(m_gui, arguments);
}

std::optional<TopLevel> TestGuiCommandLine::connectedWindow(QString *listing)
{
    QProcess xwininfo;
    xwininfo.start(QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-tree")});
    if (!xwininfo.waitForFinished(10000))
        return std::nullopt;
    *listing = QString::fromUtf8(xwininfo.readAllStandardOutput());
    // e.g.  0x200006 "Demo — Slipway": ("slipway" "Slipway")  1280x800+0+0  +0+0
    static const QRegularExpression
        line(QStringLiteral(R"re(^\s*0x[0-9a-f]+ "(.+ — Slipway)": \("([^"]*)" "([^"]*)"\))re"),
             QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(*listing);
    if (!match.hasMatch())
        return std::nullopt;
    return TopLevel{match.captured(1), match.captured(2), match.captured(3)};
}

void TestGuiCommandLine::connectionNameReachesTheWindow_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("instance");
    QTest::newRow("--name NAME") << QStringList{QStringLiteral("--name"), QStringLiteral("Demo")}
                                 << QStringLiteral("slipway");
    QTest::newRow("--name=NAME") << QStringList{QStringLiteral("--name=Demo")}
                                 << QStringLiteral("slipway");
    // Qt's own options still reach Qt: xcb's single-dash -name sets the X11 instance name.
    QTest::newRow("beside Qt's -name") << QStringList{QStringLiteral("-name"),
                                                      QStringLiteral("workbench"),
                                                      QStringLiteral("--name"),
                                                      QStringLiteral("Demo")}
                                       << QStringLiteral("workbench");
}

void TestGuiCommandLine::connectionNameReachesTheWindow()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, instance);

    QProcess slipway;
    start(slipway, QStringList{QStringLiteral("--connect"), m_conninfo} + arguments);
    QVERIFY2(slipway.waitForStarted(10000), qPrintable(slipway.errorString()));

    // The title names the connection once it is open; until then it is "Slipway".
    std::optional<TopLevel> window;
    QString listing;
    const bool shown = QTest::qWaitFor(
        [&] {
            window = connectedWindow(&listing);
            return window || slipway.state() == QProcess::NotRunning;
        },
        30000);
    const QString output = QString::fromLocal8Bit(slipway.readAllStandardError());
    slipway.terminate();
    if (!slipway.waitForFinished(10000))
        slipway.kill();
    QVERIFY2(shown && window, qPrintable(listing + output));

    QCOMPARE(window->title, QStringLiteral("Demo — Slipway"));
    QCOMPARE(window->instance, instance);
    QCOMPARE(window->windowClass, QStringLiteral("Slipway"));
}

void TestGuiCommandLine::unknownOptionsAreRefused()
{
    // Options that are neither slipway's nor Qt's still reach the parser, which refuses them.
    QProcess slipway;
    start(slipway, {QStringLiteral("--name"), QStringLiteral("Demo"), QStringLiteral("--bogus")});
    QVERIFY2(slipway.waitForFinished(30000), qPrintable(slipway.errorString()));
    QCOMPARE(slipway.exitStatus(), QProcess::NormalExit);
    QVERIFY(slipway.exitCode() != 0);
    const QString error = QString::fromLocal8Bit(slipway.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("Unknown option 'bogus'")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "tst_guicommandline.moc"
