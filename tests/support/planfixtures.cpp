#include "planfixtures.h"

#include "plancorpus.h"
#include "testsandbox.h"

#include "explain/planparseerror.h"
#include "explain/plankeys.h"
#include "explain/planparser.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>

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

int findNode(const Plan &plan, const QString &type, const QString &alias)
{
    for (const PlanNode &node : plan.nodes()) {
        if (node.displayName() == type && (alias.isEmpty() || node.text(PlanKey::Alias) == alias))
            return node.id();
    }
    return -1;
}

QString parseMangled(const QStringList &inputs, quint32 seed)
{
    QRandomGenerator random(seed);
    int parsed = 0;
    int failed = 0;
    auto attempt = [&](const QString &text) {
        Plan plan;
        PlanParseError error;
        if (PlanParser::parse(text, &plan, &error)) {
            ++parsed;
            return true;
        }
        ++failed;
        return !error.message().isEmpty();
    };
    for (const QString &input : inputs) {
        if (input.isEmpty())
            return QStringLiteral("an input is empty");
        for (int cut = 0; cut < input.size(); cut += std::max<qsizetype>(1, input.size() / 150)) {
            if (!attempt(input.left(cut)))
                return QStringLiteral("no message for a plan cut at %1").arg(cut);
        }
        for (int round = 0; round < 150; ++round) {
            QString scrambled = input;
            for (int edit = 0; edit < 8; ++edit) {
                const int at = int(random.bounded(qint64(scrambled.size())));
                scrambled[at] = QChar(char16_t(random.bounded(32, 127)));
            }
            if (!attempt(scrambled))
                return QStringLiteral("no message for scrambled round %1").arg(round);
        }
    }
    if (parsed == 0 || failed == 0)
        return QStringLiteral("%1 parsed, %2 failed: expected some of each").arg(parsed).arg(failed);
    return {};
}

} // namespace PlanFixtures
