#include "clirun.h"

#include "testsandbox.h"

#include <QProcess>

namespace TestSandbox {

CliRun runCli(const QStringList &arguments, const CliOptions &options)
{
    QProcess process;
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    process.start(cliPath(), arguments);
    CliRun run;
    if (!process.waitForStarted()) {
        run.err = QStringLiteral("could not start %1: %2").arg(cliPath(), process.errorString());
        return run;
    }
    if (!options.input.isEmpty())
        process.write(options.input);
    process.closeWriteChannel();
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.stdOut = process.readAllStandardOutput();
    run.out = QString::fromUtf8(run.stdOut);
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace TestSandbox
