#include "userdatadirectory.h"

#include <QDir>
#include <QStandardPaths>

QString UserDataDirectory::path()
{
    const QString overridden = qEnvironmentVariable("SLIPWAY_DATA_DIR");
    if (!overridden.isEmpty())
        return overridden;
    // GenericDataLocation (~/.local/share), not AppDataLocation: the latter depends on the
    // organisation and application names, which differ between the window and the CLI.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(QStringLiteral("slipway"));
}
