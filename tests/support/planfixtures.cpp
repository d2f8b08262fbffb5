#include "planfixtures.h"

#include "plancorpus.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>

namespace PlanFixtures {

QString directory()
{
    return QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("tests/data/plans"));
}

QString path(const QString &name)
{
    return QDir(directory()).filePath(name);
}

QString read(const QString &name)
{
    QFile file(path(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("%s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

Plan load(const QString &name)
{
    return PlanCorpus::parse(read(name), name);
}

QList<Entry> index()
{
    QList<Entry> entries;
    const QStringList rows = read(QStringLiteral("INDEX.tsv")).split(u'\n', Qt::SkipEmptyParts);
    if (rows.isEmpty())
        return entries;
    const QStringList header = rows.first().split(u'\t');
    const qsizetype file = header.indexOf(QStringLiteral("file"));
    const qsizetype format = header.indexOf(QStringLiteral("format"));
    const qsizetype nodes = header.indexOf(QStringLiteral("node_count"));
    const qsizetype style = header.indexOf(QStringLiteral("style"));
    if (file < 0 || format < 0 || nodes < 0 || style < 0) {
        qWarning("tests/data/plans/INDEX.tsv: unexpected header %s", qPrintable(rows.first()));
        return entries;
    }
    for (const QString &row : rows.mid(1)) {
        const QStringList cells = row.split(u'\t');
        entries.append({cells.value(file),
                        cells.value(format),
                        cells.value(nodes).toInt(),
                        cells.value(style)});
    }
    return entries;
}

int countJsonNodeTypes(const QString &text)
{
    return int(text.count(QStringLiteral("\"Node Type\"")));
}

int countTextArrows(const QString &text)
{
    return text.trimmed().isEmpty() ? 0 : int(text.count(QStringLiteral("->"))) + 1;
}

} // namespace PlanFixtures
