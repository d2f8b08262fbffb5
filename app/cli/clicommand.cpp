#include "clicommand.h"

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
