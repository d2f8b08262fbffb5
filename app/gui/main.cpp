// slipway: the desktop workbench.

#include "mainwindow.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "db/connectionworker.h"
#include "db/threadguard.h"
#include "logcategories.h"
#include "logsetup.h"
#include "sql/allocatortuning.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <memory>

namespace {

void installTranslations(QApplication &app)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(),
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(),
                  QStringLiteral("slipway"),
                  QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

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
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Slipway"));
    QCoreApplication::setApplicationName(QStringLiteral("Slipway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Slipway"));
    QGuiApplication::setDesktopFileName(QStringLiteral("slipway"));
    installTranslations(app);
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
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QCoreApplication::translate("main", "Connect to PostgreSQL with a libpq conninfo or URI."),
        QStringLiteral("conninfo"));
    const QCommandLineOption
        sqliteOption(QStringLiteral("sqlite"),
                     QCoreApplication::translate("main", "Open a SQLite database file."),
                     QStringLiteral("file"));
    const QCommandLineOption
        nameOption(QStringLiteral("name"),
                   QCoreApplication::translate(
                       "main", "Connection name shown in the window (default: \"Command line\")."),
                   QStringLiteral("name"));
    const QCommandLineOption productionOption(
        QStringLiteral("production"),
        QCoreApplication::translate("main", "Treat the connection as a production database."));
    const QCommandLineOption migrationsOption(
        QStringLiteral("migrations"),
        QCoreApplication::translate("main", "Show this migration folder in the Migrations dock."),
        QStringLiteral("dir"));
    const QCommandLineOption
        sqlOption(QStringLiteral("sql"),
                  QCoreApplication::translate("main", "Initial text of the first console."),
                  QStringLiteral("text"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main",
                                    "Run the console's text once connected, save a PNG of the "
                                    "window, print its path and exit."),
        QStringLiteral("file"));
    parser.addOptions({connectOption,
                       sqliteOption,
                       nameOption,
                       productionOption,
                       migrationsOption,
                       sqlOption,
                       screenshotOption});
    parser.process(app);

    if (parser.isSet(connectOption) && parser.isSet(sqliteOption)) {
        QTextStream(stderr) << "slipway: --connect and --sqlite cannot be combined\n";
        return 2;
    }

    MainWindow window;
    if (parser.isSet(migrationsOption))
        window.openMigrationFolder(parser.value(migrationsOption));
    if (parser.isSet(sqlOption)) {
        SqlEditor *editor = window.currentConsole()->editor();
        editor->setText(parser.value(sqlOption));
        editor->setModified(false); // given on the command line, not typed: nothing to lose
        editor->setCursorCharIndex(0);
    }

    const bool screenshot = parser.isSet(screenshotOption);
    if (screenshot)
        window.resize(1400, 850);
    window.show();

    ConnectionProfile profile;
    if (parser.isSet(connectOption)) {
        profile.engine = Connection::Engine::PostgreSQL;
        profile.conninfo = parser.value(connectOption);
    } else if (parser.isSet(sqliteOption)) {
        profile.engine = Connection::Engine::SQLite;
        profile.conninfo = QFileInfo(parser.value(sqliteOption)).absoluteFilePath();
    }
    const bool connecting = !profile.conninfo.isEmpty();
    if (connecting) {
        if (parser.isSet(nameOption))
            profile.name = parser.value(nameOption);
        else if (profile.engine == Connection::Engine::SQLite)
            profile.name = QFileInfo(profile.conninfo).fileName();
        else
            profile.name = QCoreApplication::translate("main", "Command line");
        profile.production = parser.isSet(productionOption);
    }
    if (screenshot)
        arrangeScreenshot(window, parser.value(screenshotOption), connecting);
    if (connecting)
        window.connectTo(profile);

    return app.exec();
}
