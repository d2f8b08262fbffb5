#include "plantextproperty.h"

#include "plankeys.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {

const QString number = QStringLiteral("(-?\\d+(?:\\.\\d+)?)");

// Keys whose values are lists in the JSON format (ExplainPropertyList).
bool isListKey(const QString &key)
{
    static const QStringList keys{QStringLiteral("Output"),
                                  QStringLiteral("Sort Key"),
                                  QStringLiteral("Group Key"),
                                  QStringLiteral("Presorted Key"),
                                  QStringLiteral("Conflict Arbiter Indexes"),
                                  QStringLiteral("Params Evaluated")};
    return keys.contains(key);
}

// Conditions and expressions stay text even when they read "true" or "1".
bool isTextKey(const QString &key)
{
    static const QStringList keys{QStringLiteral("Order By"),
                                  QStringLiteral("Cache Key"),
                                  QStringLiteral("Cache Mode"),
                                  QStringLiteral("Function Call"),
                                  QStringLiteral("Table Function Call"),
                                  QStringLiteral("Remote SQL"),
                                  QStringLiteral("Relations"),
                                  QStringLiteral("Conflict Resolution"),
                                  QStringLiteral("Sort Method"),
                                  QStringLiteral("Repeatable Seed")};
    if (key.startsWith(QLatin1String("Rows Removed by")))
        return false;
    return key.endsWith(QLatin1String("Cond")) || key.endsWith(QLatin1String("Filter"))
           || key.endsWith(QLatin1String("Condition")) || keys.contains(key);
}

QJsonValue scalar(const QString &key, const QString &value)
{
    if (isTextKey(key))
        return value;
    if (value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("false"))
        return false;
    static const QRegularExpression numeric(QStringLiteral("^-?\\d+(?:\\.\\d+)?$"));
    if (numeric.match(value).hasMatch()) {
        bool ok = false;
        const qint64 whole = value.toLongLong(&ok);
        if (ok)
            return whole; // Query Identifier needs all 64 bits
        return value.toDouble();
    }
    return value;
}

// "hit=1 read=2" → [("hit", "1"), ("read", "2")]
QList<std::pair<QString, QString>> pairs(const QString &text)
{
    static const QRegularExpression pair(QStringLiteral("([A-Za-z][A-Za-z ]*?)=(\\S+)"));
    QList<std::pair<QString, QString>> out;
    auto it = pair.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out.append({m.captured(1).trimmed(), m.captured(2)});
    }
    return out;
}

QString capitalised(const QString &word)
{
    return word.isEmpty() ? word : word.at(0).toUpper() + word.mid(1);
}

double kilobytes(const QString &value)
{
    QString v = value.trimmed();
    if (v.endsWith(QLatin1String("kB")))
        v.chop(2);
    return v.toDouble();
}

// "Full-sort Groups: 1  Sort Method: quicksort  Average Memory: 123kB  Peak Memory: 234kB"
QJsonObject parseSortGroups(const QString &value)
{
    static const QRegularExpression count(QStringLiteral("^(\\d+)"));
    static const QRegularExpression methods(QStringLiteral("Sort Methods?: (.+?)(?:  |$)"));
    static const QRegularExpression space(QStringLiteral("(Average|Peak) (Memory|Disk): (\\d+)kB"));
    QJsonObject group;
    group.insert(QLatin1String("Group Count"), count.match(value).captured(1).toDouble());
    QJsonArray used;
    for (const QString &method : PlanTextProperty::splitList(methods.match(value).captured(1)))
        used.append(method);
    group.insert(QLatin1String("Sort Methods Used"), used);
    QJsonObject memory;
    QJsonObject disk;
    auto it = space.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QJsonObject &target = m.captured(2) == QLatin1String("Memory") ? memory : disk;
        target.insert(m.captured(1) + QLatin1String(" Sort Space Used"), m.captured(3).toDouble());
    }
    if (!memory.isEmpty())
        group.insert(QLatin1String("Sort Space Memory"), memory);
    if (!disk.isEmpty())
        group.insert(QLatin1String("Sort Space Disk"), disk);
    return group;
}

} // namespace

QStringList PlanTextProperty::splitList(const QString &value)
{
    QStringList items;
    int depth = 0;
    QChar quote;
    QString current;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (!quote.isNull()) {
            current.append(c);
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            --depth;
        } else if (c == QLatin1Char(',') && depth == 0) {
            items.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(c);
    }
    if (!current.trimmed().isEmpty() || !items.isEmpty())
        items.append(current.trimmed());
    return items;
}

QJsonObject PlanTextProperty::parseSettings(const QString &value)
{
    QJsonObject settings;
    for (const QString &item : splitList(value)) {
        const qsizetype eq = item.indexOf(QLatin1String(" = "));
        if (eq < 0)
            continue;
        QString setting = item.mid(eq + 3).trimmed();
        if (setting.size() >= 2 && setting.startsWith(QLatin1Char('\''))
            && setting.endsWith(QLatin1Char('\'')))
            setting = setting.mid(1, setting.size() - 2)
                          .replace(QLatin1String("''"), QLatin1String("'"));
        settings.insert(item.left(eq).trimmed(), setting);
    }
    return settings;
}

bool PlanTextProperty::parseTrigger(const QString &line, QJsonObject *trigger)
{
    // PostgreSQL prints "Trigger NAME", "Trigger NAME for constraint CNAME" (VERBOSE) or, for a
    // constraint's trigger without VERBOSE, "Trigger for constraint CNAME" with no trigger name
    // at all; the lookahead keeps that last form from reading "for constraint CNAME" as a name.
    static const QRegularExpression re(
        QStringLiteral("^Trigger(?: (?!for constraint )(.+?))?(?: for constraint (.+?))?"
                       "(?: on (.+?))?: (?:time=%1 )?calls=%1$")
            .arg(number));
    const QRegularExpressionMatch m = re.match(line);
    if (!m.hasMatch())
        return false;
    if (!m.captured(1).isEmpty())
        trigger->insert(QLatin1String("Trigger Name"), m.captured(1));
    if (!m.captured(2).isEmpty())
        trigger->insert(QLatin1String("Constraint Name"), m.captured(2));
    if (!m.captured(3).isEmpty())
        trigger->insert(QLatin1String("Relation"), m.captured(3));
    if (!m.captured(4).isEmpty())
        trigger->insert(QLatin1String("Time"), m.captured(4).toDouble());
    trigger->insert(QLatin1String("Calls"), m.captured(5).toDouble());
    return true;
}

bool PlanTextProperty::applyJit(const QString &line, QJsonObject *jit)
{
    const qsizetype colon = line.indexOf(QLatin1String(": "));
    if (colon < 0)
        return false;
    const QString key = line.left(colon);
    const QString value = line.mid(colon + 2).trimmed();
    if (key == QLatin1String("Options")) {
        QJsonObject options;
        for (const QString &item : splitList(value)) {
            const qsizetype space = item.lastIndexOf(QLatin1Char(' '));
            options.insert(item.left(space), item.mid(space + 1) == QLatin1String("true"));
        }
        jit->insert(key, options);
        return true;
    }
    if (key == QLatin1String("Timing")) {
        static const QRegularExpression part(
            QStringLiteral("^(\\w+) %1 ms(?: \\((\\w+) %1 ms\\))?$").arg(number));
        QJsonObject timing;
        for (const QString &item : splitList(value)) {
            const QRegularExpressionMatch m = part.match(item);
            if (!m.hasMatch())
                continue;
            if (m.captured(3).isEmpty()) {
                timing.insert(m.captured(1), m.captured(2).toDouble());
            } else { // PostgreSQL 17: "Generation 1.3 ms (Deform 0.3 ms)"
                timing.insert(m.captured(1),
                              QJsonObject{{m.captured(3), m.captured(4).toDouble()},
                                          {QStringLiteral("Total"), m.captured(2).toDouble()}});
            }
        }
        jit->insert(key, timing);
        return true;
    }
    jit->insert(key, scalar(key, value));
    return true;
}

bool PlanTextProperty::applyBuffers(const QString &value, QJsonObject *target)
{
    for (const QString &group : value.split(QLatin1String(", "))) {
        const QString scope = group.section(QLatin1Char(' '), 0, 0);
        for (const auto &[name, count] : pairs(group.section(QLatin1Char(' '), 1))) {
            target->insert(capitalised(scope) + QLatin1Char(' ') + capitalised(name)
                               + QLatin1String(" Blocks"),
                           count.toDouble());
        }
    }
    return true;
}

bool PlanTextProperty::applyIoTimings(const QString &value, QJsonObject *target)
{
    for (const QString &group : value.split(QLatin1String(", "))) {
        const QString first = group.section(QLatin1Char(' '), 0, 0);
        const bool scoped = !first.contains(QLatin1Char('='));
        // "read=…" (up to 14, and planning) and "shared/local read=…" (15) are the
        // "I/O Read Time" of the JSON format; 16 splits shared, local and temp.
        QString prefix;
        if (scoped && first == QLatin1String("temp"))
            prefix = QStringLiteral("Temp ");
        else if (scoped && first == QLatin1String("shared"))
            prefix = QStringLiteral("Shared ");
        else if (scoped && first == QLatin1String("local"))
            prefix = QStringLiteral("Local ");
        for (const auto &[name, ms] : pairs(scoped ? group.section(QLatin1Char(' '), 1) : group)) {
            target->insert(prefix + QLatin1String("I/O ") + capitalised(name)
                               + QLatin1String(" Time"),
                           ms.toDouble());
        }
    }
    return true;
}

bool PlanTextProperty::applySpecial(const QString &key,
                                    const QString &value,
                                    const QString &nodeType,
                                    QJsonObject *target)
{
    if (key == QLatin1String("Buffers"))
        return applyBuffers(value, target);
    if (key == QLatin1String("I/O Timings"))
        return applyIoTimings(value, target);
    if (key == QLatin1String("WAL")) {
        for (const auto &[name, count] : pairs(value)) {
            const QString jsonName = name == QLatin1String("fpi") ? QStringLiteral("FPI")
                                     : name == QLatin1String("buffers full")
                                         ? QStringLiteral("Buffers Full")
                                         : capitalised(name);
            target->insert(QLatin1String("WAL ") + jsonName, count.toDouble());
        }
        return true;
    }
    if (key == QLatin1String("Sort Method")) {
        static const QRegularExpression re(QStringLiteral("^(.+?)\\s+(Memory|Disk): (\\d+)kB$"));
        const QRegularExpressionMatch m = re.match(value);
        if (!m.hasMatch())
            return false;
        target->insert(PlanKey::SortMethod, m.captured(1));
        target->insert(PlanKey::SortSpaceUsed, m.captured(3).toDouble());
        target->insert(PlanKey::SortSpaceType, m.captured(2));
        return true;
    }
    if (key == QLatin1String("Buckets")) {
        static const QRegularExpression re(QStringLiteral(
            "^(\\d+)(?: \\(originally (\\d+)\\))?\\s+Batches: (\\d+)(?: \\(originally "
            "(\\d+)\\))?\\s+Memory Usage: (\\d+)kB"));
        const QRegularExpressionMatch m = re.match(value);
        if (!m.hasMatch())
            return false;
        target->insert(QLatin1String("Hash Buckets"), m.captured(1).toDouble());
        target->insert(QLatin1String("Original Hash Buckets"),
                       (m.captured(2).isEmpty() ? m.captured(1) : m.captured(2)).toDouble());
        target->insert(PlanKey::HashBatches, m.captured(3).toDouble());
        target->insert(PlanKey::OriginalHashBatches,
                       (m.captured(4).isEmpty() ? m.captured(3) : m.captured(4)).toDouble());
        target->insert(PlanKey::PeakMemoryUsage, m.captured(5).toDouble());
        return true;
    }
    if ((key == QLatin1String("Batches") || key == QLatin1String("Planned Partitions"))
        && nodeType != QLatin1String("Hash")) {
        // HashAggregate: "Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage: 1kB"
        const QString line = key + QLatin1String(": ") + value;
        static const QRegularExpression part(
            QStringLiteral("(Planned Partitions|Batches|Memory Usage|Disk Usage): (\\d+)(?:kB)?"));
        auto it = part.globalMatch(line);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const QString name = m.captured(1);
            const QString jsonName = name == QLatin1String("Batches")
                                         ? QString(PlanKey::HashAggBatches)
                                     : name == QLatin1String("Memory Usage")
                                         ? QString(PlanKey::PeakMemoryUsage)
                                         : name;
            target->insert(jsonName, m.captured(2).toDouble());
        }
        return true;
    }
    if (key == QLatin1String("Hits")) {
        // Memoize: "Hits: 998  Misses: 2  Evictions: 0  Overflows: 0  Memory Usage: 1kB"
        const QString line = key + QLatin1String(": ") + value;
        static const QRegularExpression part(
            QStringLiteral("(Hits|Misses|Evictions|Overflows|Memory Usage): (\\d+)"));
        auto it = part.globalMatch(line);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            target->insert(m.captured(1) == QLatin1String("Memory Usage")
                               ? QString(PlanKey::PeakMemoryUsage)
                               : QLatin1String("Cache ") + m.captured(1),
                           m.captured(2).toDouble());
        }
        return true;
    }
    if (key == QLatin1String("Heap Blocks")) {
        for (const auto &[name, count] : pairs(value))
            target->insert(capitalised(name) + QLatin1String(" Heap Blocks"), count.toDouble());
        return true;
    }
    if (key == QLatin1String("Full-sort Groups") || key == QLatin1String("Pre-sorted Groups")) {
        target->insert(key, parseSortGroups(value));
        return true;
    }
    if (key == QLatin1String("Tuples")) { // MERGE
        for (const auto &[name, count] : pairs(value))
            target->insert(QLatin1String("Tuples ") + capitalised(name), count.toDouble());
        return true;
    }
    if (key == QLatin1String("Memory")) { // planning memory, PostgreSQL 17
        for (const auto &[name, amount] : pairs(value))
            target->insert(QLatin1String("Memory ") + capitalised(name), kilobytes(amount));
        return true;
    }
    if (key == QLatin1String("Sampling")) {
        static const QRegularExpression re(
            QStringLiteral("^(\\S+) \\((.*?)\\)(?: REPEATABLE \\((.*)\\))?$"));
        const QRegularExpressionMatch m = re.match(value);
        if (!m.hasMatch())
            return false;
        target->insert(QLatin1String("Sampling Method"), m.captured(1));
        target->insert(QLatin1String("Sampling Parameters"),
                       QJsonArray::fromStringList(splitList(m.captured(2))));
        if (!m.captured(3).isEmpty())
            target->insert(QLatin1String("Repeatable Seed"), m.captured(3));
        return true;
    }
    return false;
}

bool PlanTextProperty::apply(const QString &line, const QString &nodeType, QJsonObject *target)
{
    qsizetype colon = line.indexOf(QLatin1String(": "));
    if (colon < 0 && line.endsWith(QLatin1Char(':')))
        colon = line.size() - 1;
    if (colon <= 0)
        return false;
    const QString key = line.left(colon);
    const QString value = line.mid(colon + 2).trimmed();
    if (!key.front().isLetter())
        return false;
    if (applySpecial(key, value, nodeType, target))
        return true;
    if (isListKey(key)) {
        const QJsonArray list = QJsonArray::fromStringList(splitList(value));
        // A key printed twice (grouping sets) keeps every occurrence.
        if (target->contains(key)) {
            QJsonArray all = target->value(key).toArray();
            all.append(list);
            target->insert(key, all);
        } else {
            target->insert(key, list);
        }
        return true;
    }
    target->insert(key, scalar(key, value));
    return true;
}
