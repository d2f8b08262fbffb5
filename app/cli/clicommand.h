#pragma once

#include <memory>

class Connection;
class QCommandLineParser;

#include <QStringList>
#include <QTextStream>

// One `slipway-cli <command>`: parses its own arguments and returns the process exit code.
// Exit codes are shared by every command (see ExitCode). Runs on the main thread of a
// QCoreApplication; commands may block (there is no GUI to keep responsive).
class CliCommand
{
public:
    enum ExitCode { Ok = 0, Failure = 1, UsageError = 2 };

    CliCommand(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    virtual ~CliCommand() = default;

    virtual QString name() const = 0;
    virtual QString summary() const = 0; // one line for `slipway-cli --help`
    // arguments excludes the program and the command name.
    virtual int run(const QStringList &arguments) = 0;

protected:
    // Prints "slipway-cli <name>: message" to stderr and returns UsageError.
    int usageError(const QString &message);
    int failure(const QString &message);

    // Adds --help and parses `arguments` (without the command name). False when the command
    // should return at once with *exitCode: after printing its help (Ok) or a usage error.
    bool parseArguments(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);

    // --db CONNINFO / --sqlite FILE, for commands that talk to a database.
    static void addConnectionOptions(QCommandLineParser &parser);
    // Opens the connection the options name; on a usage or connection error prints it and
    // returns null with *exitCode set. A missing SQLite file is created only when asked.
    std::unique_ptr<Connection> openConnection(const QCommandLineParser &parser,
                                               int *exitCode,
                                               bool createSqliteFile = false);

    QTextStream &m_out;
    QTextStream &m_err;
};
