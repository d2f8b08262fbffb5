#include "plancorpus.h"

#include "explain/planparser.h"

#include <QDir>
#include <QFile>

namespace PlanCorpus {

namespace {

QString plansDir()
{
    const QString corpus = qEnvironmentVariable("SLIPWAY_CORPUS");
    return corpus.isEmpty() ? QString() : QDir(corpus).filePath(QStringLiteral("plans"));
}

} // namespace

QString directory(QString *error)
{
    const QString dir = plansDir();
    if (dir.isEmpty()) {
        *error = QStringLiteral("SLIPWAY_CORPUS must point at the shared corpus");
        return {};
    }
    if (!QFile::exists(QDir(dir).filePath(QStringLiteral("INDEX.tsv")))) {
        *error = QStringLiteral("no plans corpus in %1").arg(dir);
        return {};
    }
    return dir;
}

QString path(const QString &name)
{
    return QDir(plansDir()).filePath(name);
}

QString read(const QString &name)
{
    QFile file(path(name));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

Plan parse(const QString &text, const QString &origin)
{
    Plan plan;
    PlanParseError error;
    if (!PlanParser::parse(text, &plan, &error)) {
        qWarning("%s%s",
                 qPrintable(origin.isEmpty() ? QString() : origin + QStringLiteral(": ")),
                 qPrintable(error.toString()));
    }
    return plan;
}

Plan load(const QString &name)
{
    QFile file(path(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("%s: %s", qPrintable(name), qPrintable(file.errorString()));
        return {};
    }
    return parse(QString::fromUtf8(file.readAll()), name);
}

} // namespace PlanCorpus
