// slipway: the desktop workbench.

#include "argumentsplit.h"
#include "mainwindow.h"
#include "sqlconsole.h"
#include "sqleditor.h"
#include "windowsession.h"

#include "db/connectionworker.h"
#include "db/profilestore.h"
#include "db/threadguard.h"
#include "logcategories.h"
#include "logsetup.h"
#include "sql/allocatortuning.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace {

// slipway's own options. Made twice: before QApplication for their names (see ArgumentSplit),
// and after it, once the translators are installed, for --help.
struct GuiOptions
{
    QCommandLineOption
        connect{QStringLiteral("connect"),
                QCoreApplication::translate("main",
                                            "Connect to PostgreSQL with a libpq conninfo or URI."),
                QStringLiteral("conninfo")};
    QCommandLineOption sqlite{QStringLiteral("sqlite"),
                              QCoreApplication::translate("main", "Open a SQLite database file."),
                              QStringLiteral("file")};
    QCommandLineOption name{QStringLiteral("name"),
                            QCoreApplication::translate(
                                "main",
                                "Connection name shown in the window (default: \"Command line\")."),
                            QStringLiteral("name")};
    QCommandLineOption
        production{QStringLiteral("production"),
                   QCoreApplication::translate("main",
                                               "Treat the connection as a production database.")};
    QCommandLineOption migrations{
        QStringLiteral("migrations"),
        QCoreApplication::translate("main", "Show this migration folder in the Migrations dock."),
        QStringLiteral("dir")};
    QCommandLineOption sql{QStringLiteral("sql"),
                           QCoreApplication::translate("main", "Initial text of the first console."),
                           QStringLiteral("text")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main",
                                    "Run the console's text once connected, save a PNG of the "
                                    "window, print its path and exit."),
        QStringLiteral("file")};

    QList<QCommandLineOption> all() const
    {
        return {connect, sqlite, name, production, migrations, sql, screenshot};
    }
};

// --screenshot: run the first console's text once connected, grab the window when the query
// is done, save it and quit. Exit 1 on a failed connection or query, or after a minute.
void arrangeScreenshot(MainWindow &window, const QString &file, bool connecting)
{
    auto done = std::make_shared<bool>(false);
    auto finish = [&window, file, done](bool ok, const QString &problem) {
        if (*done)
            return;
        *done = true;
        QTextStream err(stderr);
        if (!ok) {
            err << "slipway: " << problem << '\n';
            QCoreApplication::exit(1);
            return;
        }
        // Let the last batch and the status bar paint before grabbing.
        QTimer::singleShot(300, &window, [&window, file] {
            QTextStream out(stdout);
            QTextStream err(stderr);
            const QString path = QFileInfo(file).absoluteFilePath();
            if (!window.grab().save(path, "PNG")) {
                err << "slipway: cannot write " << path << '\n';
                QCoreApplication::exit(1);
                return;
            }
            out << path << '\n';
            out.flush();
            QCoreApplication::exit(0);
        });
    };

    QTimer::singleShot(60000, &window, [finish] {
        finish(false, QStringLiteral("timed out after 60 s"));
    });

    if (!connecting) {
        finish(true, {});
        return;
    }
    QObject::connect(&window, &MainWindow::connectionFailed, &window, [finish](const DbError &error) {
        finish(false, QStringLiteral("connection failed: ") + error.message);
    });
    QObject::connect(&window, &MainWindow::connected, &window, [&window, finish](const ServerInfo &) {
        SqlConsole *console = window.currentConsole();
        if (!console || console->editor()->text().trimmed().isEmpty()) {
            finish(true, {});
            return;
        }
        auto problem = std::make_shared<QString>(QStringLiteral("query did not finish"));
        QObject::connect(console,
                         &SqlConsole::statementFailed,
                         &window,
                         [problem](const DbError &error) {
                             *problem = QStringLiteral("query failed: ") + error.toDisplayString();
                         });
        QObject::connect(console,
                         &SqlConsole::executionFinished,
                         &window,
                         [problem, finish](bool ok) { finish(ok, *problem); });
        console->run();
    });
}

} // namespace

int main(int argc, char *argv[])
{
    AllocatorTuning::keepFreedMemory();
    ArgumentSplit split(argc, argv, GuiOptions().all());
    QApplication app(split.qtArgc(), split.qtArgv());
    QCoreApplication::setOrganizationName(QStringLiteral("Slipway"));
    QCoreApplication::setApplicationName(QStringLiteral("Slipway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Slipway"));
    QGuiApplication::setDesktopFileName(QStringLiteral("slipway"));
    Translations::install(&app);
    LogSetup::applyRules();
    {
        QString error;
        if (!LogSetup::logToFile(LogSetup::defaultLogFile(), &error))
            qCWarning(lcUi) << "no log file:" << error;
    }

    // The GUI thread never talks to a database; any attempt throws instead of freezing.
    ThreadGuard::forbidCurrentThread();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main",
                                    "Slipway: a workbench for changing PostgreSQL databases."));
    parser.addHelpOption();
    parser.addVersionOption();
    const GuiOptions options; // now with translated descriptions, for --help
    parser.addOptions(options.all());
    parser.process(split.parserArguments(QCoreApplication::arguments()));

    if (parser.isSet(options.connect) && parser.isSet(options.sqlite)) {
        QTextStream(stderr) << "slipway: --connect and --sqlite cannot be combined\n";
        return 2;
    }

    MainWindow window;
    // Started bare, the window comes back as it was left; a target on the command line wins.
    const bool bare = !parser.isSet(options.connect) && !parser.isSet(options.sqlite)
                      && !parser.isSet(options.migrations) && !parser.isSet(options.sql)
                      && !parser.isSet(options.screenshot);
    ConnectionProfile restored;
    if (bare) {
        QSettings settings;
        const QString name = WindowSession::restore(window, settings);
        if (!name.isEmpty())
            restored = ProfileStore(settings).profile(name);
    }
    if (parser.isSet(options.migrations))
        window.openMigrationFolder(parser.value(options.migrations));
    if (parser.isSet(options.sql)) {
        SqlEditor *editor = window.currentConsole()->editor();
        editor->setText(parser.value(options.sql));
        editor->setModified(false); // given on the command line, not typed: nothing to lose
        editor->setCursorCharIndex(0);
    }

    // Pictures show the window as a user first sees it: the default 1280×800.
    const bool screenshot = parser.isSet(options.screenshot);
    window.show();

    ConnectionProfile profile;
    if (parser.isSet(options.connect)) {
        profile.engine = Connection::Engine::PostgreSQL;
        profile.conninfo = parser.value(options.connect);
    } else if (parser.isSet(options.sqlite)) {
        profile.engine = Connection::Engine::SQLite;
        profile.conninfo = QFileInfo(parser.value(options.sqlite)).absoluteFilePath();
    }
    const bool connecting = !profile.conninfo.isEmpty();
    if (connecting) {
        if (parser.isSet(options.name))
            profile.name = parser.value(options.name);
        else if (profile.engine == Connection::Engine::SQLite)
            profile.name = QFileInfo(profile.conninfo).fileName();
        else
            profile.name = QCoreApplication::translate("main", "Command line");
        profile.production = parser.isSet(options.production);
    }
    if (screenshot)
        arrangeScreenshot(window, parser.value(options.screenshot), connecting);
    if (connecting)
        window.connectTo(profile);
    else if (restored.isValid())
        window.connectTo(restored); // asks for a password if libpq finds none

    return app.exec();
}
