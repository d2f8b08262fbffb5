#include "clicommand.h"

#include "db/pgconnection.h"
#include "db/sqliteconnection.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QCoreApplication>

int CliCommand::usageError(const QString &message)
{
    m_err << "slipway-cli " << name() << ": " << message << Qt::endl;
    return UsageError;
}

int CliCommand::failure(const QString &message)
{
    m_err << "slipway-cli " << name() << ": " << message << Qt::endl;
    return Failure;
}

bool CliCommand::parseArguments(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    parser.addHelpOption();
    if (!parser.parse(QStringList{name()} + arguments)) {
        *exitCode = usageError(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the program by argv[0] (a path, and without the command): say it as typed.
        static const QRegularExpression usage(QStringLiteral("^(\\S+:) \\S+"));
        m_out << parser.helpText().replace(usage,
                                           QStringLiteral("\\1 slipway-cli ") + name());
        m_out.flush();
        *exitCode = Ok;
        return false;
    }
    return true;
}

void CliCommand::addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("db"),
                      QCoreApplication::translate("CliCommand", "PostgreSQL conninfo or URI"),
                      QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("sqlite"),
                      QCoreApplication::translate("CliCommand", "SQLite database file"),
                      QStringLiteral("file")});
}

std::unique_ptr<Connection> CliCommand::openConnection(const QCommandLineParser &parser,
                                                       int *exitCode,
                                                       bool createSqliteFile)
{
    if (parser.isSet(QStringLiteral("db")) == parser.isSet(QStringLiteral("sqlite"))) {
        *exitCode = usageError(
            QCoreApplication::translate("CliCommand", "give either --db CONNINFO or --sqlite FILE"));
        return {};
    }
    std::unique_ptr<Connection> connection;
    if (parser.isSet(QStringLiteral("db")))
        connection = std::make_unique<PgConnection>(parser.value(QStringLiteral("db")));
    else
        connection = std::make_unique<SqliteConnection>(
            parser.value(QStringLiteral("sqlite")),
            createSqliteFile ? SqliteConnection::OpenMode::CreateIfMissing
                             : SqliteConnection::OpenMode::ExistingFile);
    try {
        connection->open();
    } catch (const DbException &e) {
        *exitCode = usageError(QCoreApplication::translate("CliCommand", "could not connect: %1")
                                   .arg(e.error().toDisplayString()));
        return {};
    }
    return connection;
}
