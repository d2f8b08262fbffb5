#include "plantextnode.h"

#include "plankeys.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace {

const QString number = QStringLiteral("(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)");

// Nodes whose text name is exactly their JSON node type and that have no target.
const QStringList &plainNodes()
{
    static const QStringList names{
        QStringLiteral("Result"),
        QStringLiteral("ProjectSet"),
        QStringLiteral("Append"),
        QStringLiteral("Merge Append"),
        QStringLiteral("Recursive Union"),
        QStringLiteral("BitmapAnd"),
        QStringLiteral("BitmapOr"),
        QStringLiteral("Gather"),
        QStringLiteral("Gather Merge"),
        QStringLiteral("Materialize"),
        QStringLiteral("Memoize"),
        QStringLiteral("Sort"),
        QStringLiteral("Incremental Sort"),
        QStringLiteral("Group"),
        QStringLiteral("WindowAgg"),
        QStringLiteral("Unique"),
        QStringLiteral("LockRows"),
        QStringLiteral("Limit"),
        QStringLiteral("Hash"),
        QStringLiteral("Nested Loop"),
        QStringLiteral("Foreign Scan"),
        QStringLiteral("Custom Scan"),
        QStringLiteral("Function Scan"),
        QStringLiteral("Values Scan"),
        QStringLiteral("Subquery Scan"),
        QStringLiteral("Seq Scan"),
    };
    return names;
}

// Scans printed as "<type> on <object> [alias]" and the JSON key the object name goes to.
QLatin1String objectKeyOf(const QString &scan)
{
    if (scan == QLatin1String("Function Scan"))
        return PlanKey::FunctionName;
    if (scan == QLatin1String("Table Function Scan"))
        return PlanKey::TableFunctionName;
    if (scan == QLatin1String("CTE Scan") || scan == QLatin1String("WorkTable Scan"))
        return PlanKey::CteName;
    if (scan == QLatin1String("Named Tuplestore Scan"))
        return PlanKey::TuplestoreName;
    if (scan == QLatin1String("Subquery Scan") || scan == QLatin1String("Values Scan"))
        return QLatin1String(); // only an alias
    return PlanKey::RelationName;
}

const QStringList &targetScans()
{
    static const QStringList names{QStringLiteral("Seq Scan"),
                                   QStringLiteral("Sample Scan"),
                                   QStringLiteral("Bitmap Heap Scan"),
                                   QStringLiteral("Tid Scan"),
                                   QStringLiteral("Tid Range Scan"),
                                   QStringLiteral("Subquery Scan"),
                                   QStringLiteral("Function Scan"),
                                   QStringLiteral("Table Function Scan"),
                                   QStringLiteral("Values Scan"),
                                   QStringLiteral("CTE Scan"),
                                   QStringLiteral("Named Tuplestore Scan"),
                                   QStringLiteral("WorkTable Scan")};
    return names;
}

// Reads one identifier as quote_identifier() prints it; "" inside quotes is one quote.
// Stops at a space (or a dot when splitting qualified names) outside quotes.
QString readIdentifier(const QString &s, qsizetype &pos, bool stopAtDot)
{
    QString out;
    if (pos < s.size() && s.at(pos) == QLatin1Char('"')) {
        ++pos;
        while (pos < s.size()) {
            if (s.at(pos) == QLatin1Char('"')) {
                if (pos + 1 < s.size() && s.at(pos + 1) == QLatin1Char('"')) {
                    out.append(QLatin1Char('"'));
                    pos += 2;
                    continue;
                }
                ++pos;
                break;
            }
            out.append(s.at(pos++));
        }
        return out;
    }
    while (pos < s.size() && s.at(pos) != QLatin1Char(' ')
           && !(stopAtDot && s.at(pos) == QLatin1Char('.')))
        out.append(s.at(pos++));
    return out;
}

// "public.orders o" → {["public", "orders"], ["o"]}: space-separated tokens, each split on dots.
QList<QStringList> readTargetTokens(const QString &target)
{
    QList<QStringList> tokens;
    qsizetype pos = 0;
    while (pos < target.size()) {
        while (pos < target.size() && target.at(pos) == QLatin1Char(' '))
            ++pos;
        if (pos >= target.size())
            break;
        QStringList parts;
        parts.append(readIdentifier(target, pos, true));
        while (pos < target.size() && target.at(pos) == QLatin1Char('.')) {
            ++pos;
            parts.append(readIdentifier(target, pos, true));
        }
        tokens.append(parts);
    }
    return tokens;
}

// Stores object, schema and alias the way ExplainTargetRel does for the JSON format: the alias
// is always present there, while the text format omits it when it equals the object name.
void applyTarget(const QString &target, QLatin1String objectKey, QJsonObject *p)
{
    const QList<QStringList> tokens = readTargetTokens(target);
    if (tokens.isEmpty())
        return;
    if (objectKey.isEmpty()) {
        p->insert(PlanKey::Alias, tokens.first().join(QLatin1Char('.')));
        return;
    }
    const QStringList &object = tokens.first();
    const QString name = object.last();
    p->insert(objectKey, name);
    if (object.size() > 1)
        p->insert(PlanKey::Schema, object.mid(0, object.size() - 1).join(QLatin1Char('.')));
    p->insert(PlanKey::Alias, tokens.size() > 1 ? tokens.at(1).join(QLatin1Char('.')) : name);
}

} // namespace

bool PlanTextNode::parseName(const QString &fullName, QJsonObject *p)
{
    QString name = fullName;
    bool parallel = false;
    bool async = false;
    if (name.startsWith(QLatin1String("Parallel "))) {
        parallel = true;
        name = name.mid(9);
    }
    if (name.startsWith(QLatin1String("Async "))) {
        async = true;
        name = name.mid(6);
    }
    p->insert(PlanKey::ParallelAware, parallel);
    p->insert(PlanKey::AsyncCapable, async);

    static const QRegularExpression join(QStringLiteral(
        "^(Nested Loop|Merge|Hash)(?: (Left|Right|Full|Semi|Anti|Right Anti|Right Semi))? Join$"));
    static const QRegularExpression aggregate(QStringLiteral(
        "^(?:(Partial|Finalize) )?(Aggregate|GroupAggregate|HashAggregate|MixedAggregate)$"));
    static const QRegularExpression setOp(
        QStringLiteral("^(SetOp|HashSetOp) (Intersect|Intersect All|Except|Except All)$"));
    static const QRegularExpression modify(
        QStringLiteral("^(Insert|Update|Delete|Merge) on (.+)$"));
    static const QRegularExpression foreign(
        QStringLiteral("^Foreign (Scan|Insert|Update|Delete)(?: on (.+))?$"));
    static const QRegularExpression custom(
        QStringLiteral("^Custom Scan \\((.+?)\\)(?: on (.+))?$"));
    static const QRegularExpression index(
        QStringLiteral("^(Index Scan|Index Only Scan)( Backward)? using (.+)$"));
    static const QRegularExpression bitmapIndex(QStringLiteral("^Bitmap Index Scan on (.+)$"));

    QRegularExpressionMatch m;
    if ((m = join.match(name)).hasMatch()) {
        const QString kind = m.captured(1);
        p->insert(PlanKey::NodeType,
                  kind == QLatin1String("Nested Loop") ? kind : kind + QLatin1String(" Join"));
        p->insert(PlanKey::JoinType,
                  m.captured(2).isEmpty() ? QStringLiteral("Inner") : m.captured(2));
        return true;
    }
    if (name == QLatin1String("Nested Loop")) {
        p->insert(PlanKey::NodeType, name);
        p->insert(PlanKey::JoinType, QStringLiteral("Inner"));
        return true;
    }
    if ((m = aggregate.match(name)).hasMatch()) {
        static const QHash<QString, QString>
            strategies{{QStringLiteral("Aggregate"), QStringLiteral("Plain")},
                       {QStringLiteral("GroupAggregate"), QStringLiteral("Sorted")},
                       {QStringLiteral("HashAggregate"), QStringLiteral("Hashed")},
                       {QStringLiteral("MixedAggregate"), QStringLiteral("Mixed")}};
        p->insert(PlanKey::NodeType, QStringLiteral("Aggregate"));
        p->insert(PlanKey::Strategy, strategies.value(m.captured(2)));
        p->insert(PlanKey::PartialMode,
                  m.captured(1).isEmpty() ? QStringLiteral("Simple") : m.captured(1));
        return true;
    }
    if ((m = setOp.match(name)).hasMatch()) {
        p->insert(PlanKey::NodeType, QStringLiteral("SetOp"));
        p->insert(PlanKey::Strategy,
                  m.captured(1) == QLatin1String("HashSetOp") ? QStringLiteral("Hashed")
                                                              : QStringLiteral("Sorted"));
        p->insert(PlanKey::Command, m.captured(2));
        return true;
    }
    if ((m = modify.match(name)).hasMatch()) {
        p->insert(PlanKey::NodeType, QStringLiteral("ModifyTable"));
        p->insert(PlanKey::Operation, m.captured(1));
        applyTarget(m.captured(2), PlanKey::RelationName, p);
        return true;
    }
    if ((m = foreign.match(name)).hasMatch()) {
        p->insert(PlanKey::NodeType, QStringLiteral("Foreign Scan"));
        p->insert(PlanKey::Operation,
                  m.captured(1) == QLatin1String("Scan") ? QStringLiteral("Select") : m.captured(1));
        if (m.hasCaptured(2) && !m.captured(2).isEmpty())
            applyTarget(m.captured(2), PlanKey::RelationName, p);
        return true;
    }
    if ((m = custom.match(name)).hasMatch()) {
        p->insert(PlanKey::NodeType, QStringLiteral("Custom Scan"));
        p->insert(PlanKey::CustomPlanProvider, m.captured(1));
        if (m.hasCaptured(2) && !m.captured(2).isEmpty())
            applyTarget(m.captured(2), PlanKey::RelationName, p);
        return true;
    }
    if ((m = index.match(name)).hasMatch()) {
        const QString rest = m.captured(3);
        qsizetype pos = 0;
        const QString indexName = readIdentifier(rest, pos, false);
        // Without " on <table>" it is not what PostgreSQL prints: an unknown node (below), which
        // still needs its "Node Type" like every other.
        if (rest.mid(pos).startsWith(QLatin1String(" on "))) {
            p->insert(PlanKey::NodeType, m.captured(1));
            p->insert(PlanKey::ScanDirection,
                      m.captured(2).isEmpty() ? QStringLiteral("Forward")
                                              : QStringLiteral("Backward"));
            p->insert(PlanKey::IndexName, indexName);
            applyTarget(rest.mid(pos + 4), PlanKey::RelationName, p);
            return true;
        }
    }
    if ((m = bitmapIndex.match(name)).hasMatch()) {
        qsizetype pos = 0;
        p->insert(PlanKey::NodeType, QStringLiteral("Bitmap Index Scan"));
        p->insert(PlanKey::IndexName, readIdentifier(m.captured(1), pos, false));
        return true;
    }
    for (const QString &scan : targetScans()) {
        if (name.startsWith(scan + QLatin1String(" on "))) {
            p->insert(PlanKey::NodeType, scan);
            applyTarget(name.mid(scan.size() + 4), objectKeyOf(scan), p);
            return true;
        }
    }
    if (name.startsWith(QLatin1String("Subquery Scan "))) { // before 9.0: no "on"
        p->insert(PlanKey::NodeType, QStringLiteral("Subquery Scan"));
        applyTarget(name.mid(14), QLatin1String(), p);
        return true;
    }
    if (plainNodes().contains(name)) {
        p->insert(PlanKey::NodeType, name);
        if (name == QLatin1String("Foreign Scan"))
            p->insert(PlanKey::Operation, QStringLiteral("Select"));
        return true;
    }
    p->insert(PlanKey::NodeType, name);
    return false;
}

bool PlanTextNode::isKnownNodeName(const QString &text)
{
    QString name = text.trimmed();
    if (name.startsWith(QLatin1String("->")))
        name = name.mid(2).trimmed();
    QJsonObject ignored;
    return !name.isEmpty() && parseName(name, &ignored);
}

bool PlanTextNode::parse(const QString &line, QJsonObject *properties, QString *error, int *column)
{
    static const QRegularExpression cost(
        QStringLiteral("^cost=%1\\.\\.%1 rows=%1 width=%1$").arg(number));
    static const QRegularExpression actual(
        QStringLiteral("^actual(?: time=%1\\.\\.%1)? rows=%1 loops=%1$").arg(number));

    QJsonObject &p = *properties;
    qsizetype start = 0;
    while (start < line.size() && line.at(start) == QLatin1Char(' '))
        ++start;
    QString text = line.mid(start);
    if (text.startsWith(QLatin1String("->"))) {
        text = text.mid(2);
        start += 2;
        while (!text.isEmpty() && text.front() == QLatin1Char(' ')) {
            text.remove(0, 1);
            ++start;
        }
    }

    // Peel the "(cost=…)" and "(actual …)" groups off the end of the line.
    while (text.endsWith(QLatin1Char(')'))) {
        const qsizetype open = text.lastIndexOf(QLatin1Char('('));
        if (open < 0)
            break;
        const QString group = text.mid(open + 1, text.size() - open - 2);
        const int groupColumn = int(start + open + 1);
        if (group.startsWith(QLatin1String("cost="))) {
            const QRegularExpressionMatch m = cost.match(group);
            if (!m.hasMatch()) {
                *error = QCoreApplication::translate(
                    "PlanTextNode", "expected \"(cost=STARTUP..TOTAL rows=N width=N)\"");
                *column = groupColumn;
                return false;
            }
            p.insert(PlanKey::StartupCost, m.captured(1).toDouble());
            p.insert(PlanKey::TotalCost, m.captured(2).toDouble());
            p.insert(PlanKey::PlanRows, m.captured(3).toDouble());
            p.insert(PlanKey::PlanWidth, m.captured(4).toDouble());
        } else if (group.startsWith(QLatin1String("actual"))) {
            const QRegularExpressionMatch m = actual.match(group);
            if (!m.hasMatch()) {
                *error = QCoreApplication::translate(
                    "PlanTextNode", "expected \"(actual time=STARTUP..TOTAL rows=N loops=N)\"");
                *column = groupColumn;
                return false;
            }
            if (m.hasCaptured(1) && !m.captured(1).isEmpty()) {
                p.insert(PlanKey::ActualStartupTime, m.captured(1).toDouble());
                p.insert(PlanKey::ActualTotalTime, m.captured(2).toDouble());
            }
            p.insert(PlanKey::ActualRows, m.captured(3).toDouble());
            p.insert(PlanKey::ActualLoops, m.captured(4).toDouble());
        } else if (group == QLatin1String("never executed")) {
            // The JSON format prints zeros for a node that never ran.
            p.insert(PlanKey::ActualRows, 0.0);
            p.insert(PlanKey::ActualLoops, 0.0);
        } else {
            break;
        }
        text = text.left(open);
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
    }
    for (const QLatin1String broken : {QLatin1String("(cost="), QLatin1String("(actual")}) {
        const qsizetype at = text.indexOf(broken);
        if (at >= 0) {
            *error = QCoreApplication::translate("PlanTextNode", "expected \")\" to close \"%1…\"")
                         .arg(broken.mid(1));
            *column = int(start + at + 1);
            return false;
        }
    }
    if (text.isEmpty()) {
        *error = QCoreApplication::translate("PlanTextNode", "expected a node name after \"->\"");
        *column = int(start + 1);
        return false;
    }
    parseName(text, &p);
    return true;
}
