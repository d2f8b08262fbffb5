#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// slipway-cli as users and CI run it: a real child process with its exit code and streams.
namespace TestSandbox {

struct CliOptions
{
    QByteArray input; // written to stdin; stdin is closed either way, so nothing waits on it
    int timeoutMs = 120000;
    QString workingDirectory;
};

struct CliRun
{
    int exitCode = -1; // -1: did not start or timed out (err says which); -2: crashed
    QByteArray stdOut; // as written, for binary output (PNG) and JSON parsing
    QString out;       // stdOut decoded as UTF-8
    QString err;
};

// Runs cliPath() with the arguments and waits for it to finish.
CliRun runCli(const QStringList &arguments, const CliOptions &options = {});

} // namespace TestSandbox
