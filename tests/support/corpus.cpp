#include "corpus.h"

#include <QDir>
#include <QFileInfo>

namespace Corpus {

QString root()
{
    return qEnvironmentVariable("SLIPWAY_CORPUS");
}

QString folder(const QString &sub, QString *error)
{
    const QString base = root();
    if (base.isEmpty()) {
        *error = QStringLiteral("SLIPWAY_CORPUS is not set (scripts/fetch-corpus gets the corpus)");
        return {};
    }
    const QString path = QDir(base).filePath(sub);
    if (!QFileInfo(path).isDir()) {
        *error = QStringLiteral("%1 is missing: SLIPWAY_CORPUS=%2 is not a complete corpus "
                                "(scripts/fetch-corpus lays one out)")
                     .arg(path, base);
        return {};
    }
    return path;
}

bool conformanceRun()
{
    return qEnvironmentVariable("SLIPWAY_CONFORMANCE") == QLatin1String("1");
}

} // namespace Corpus
