#include "plantextparser.h"

#include "plan.h"
#include "plankeys.h"
#include "planparseerror.h"
#include "plantextnode.h"
#include "plantextproperty.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

namespace {

int indentation(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}

struct Block
{
    enum Kind { Worker, WorkerJit };
    Kind kind = Worker;
    int column = 0;
    int worker = 0;
};

// "Group Key:", "Hash Key:" and "Sort Key:" lines of an Aggregate, kept in order: with
// grouping sets they describe the JSON format's "Grouping Sets" array.
struct GroupingLine
{
    QString key;
    QString value;
    int column = 0;
};

struct Frame
{
    int node = -1;
    int arrowColumn = -1; // column of "->"; -1 for the root
    int textColumn = 0;   // column where the node name starts
    int propertyColumn = -1;
    QJsonObject properties;
    QMap<int, QJsonObject> workers;
    QMap<int, QJsonObject> workerJit;
    QList<Block> blocks;
    QList<GroupingLine> grouping;
    int normalChildren = 0;
    // The "InitPlan 1 (returns $0)" / "SubPlan 1" / "CTE x" header awaiting its "->" child.
    QString header;
    int headerColumn = -1;
};

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(PlanTextParser)

public:
    Parser(const PlanInput &input, Plan *plan, PlanParseError *error)
        : m_lines(input.lines())
        , m_plan(plan)
        , m_error(error)
    {}

    bool run();

private:
    bool fail(int lineIndex, int column, const QString &message)
    {
        *m_error = PlanParseError(m_lines.at(lineIndex).number, column, message);
        return false;
    }
    bool openNode(int lineIndex, int arrowColumn);
    bool propertyLine(int lineIndex, int column, const QString &text);
    void finishFrame(Frame &frame);
    void popTo(int size);
    bool topLevelLine(const QString &text, int column);
    static bool isTopLevelKey(const QString &text);
    QString relationshipFor(const Frame &parent) const;
    void fillDefaults();

    const QList<PlanInput::Line> &m_lines;
    Plan *m_plan;
    PlanParseError *m_error;
    QList<Frame> m_frames;
    QJsonObject m_top;
    QJsonObject *m_topBlock = nullptr;
    QJsonObject m_topPlanning;
    QJsonObject m_topJit;
    int m_topBlockColumn = -1;
    bool m_inTopLevel = false;
};

bool Parser::isTopLevelKey(const QString &text)
{
    static const QRegularExpression key(QStringLiteral(
        "^(?:Planning [Tt]ime|Execution [Tt]ime|Total runtime|Query Identifier|Settings|"
        "Serialization):|^(?:Planning|JIT):$|^Trigger .+: (?:time=|calls=)"));
    return key.match(text).hasMatch();
}

QString Parser::relationshipFor(const Frame &parent) const
{
    const QString type = parent.properties.value(PlanKey::NodeType).toString();
    if (type == QLatin1String("Append") || type == QLatin1String("Merge Append")
        || type == QLatin1String("BitmapAnd") || type == QLatin1String("BitmapOr"))
        return QStringLiteral("Member");
    if (type == QLatin1String("Subquery Scan"))
        return QStringLiteral("Subquery");
    if (type == QLatin1String("Custom Scan"))
        return QStringLiteral("children");
    switch (parent.normalChildren) {
    case 0:
        return QStringLiteral("Outer");
    case 1:
        return QStringLiteral("Inner");
    default:
        return QStringLiteral("Member");
    }
}

// ROLLUP, CUBE and GROUPING SETS: "Hash Key" lines are hashed sets of their own, "Sort Key"
// opens a sorted set whose "Group Key" lines are indented below it, and other "Group Key" lines
// share one sorted set. A plain GROUP BY is one "Group Key" line.
void finishGrouping(Frame &frame)
{
    if (frame.grouping.isEmpty())
        return;
    int groupLines = 0;
    bool sets = false;
    for (const GroupingLine &line : std::as_const(frame.grouping)) {
        groupLines += line.key == QLatin1String("Group Key");
        sets = sets || line.key != QLatin1String("Group Key") || line.value == QLatin1String("()");
    }
    sets = sets || groupLines > 1;
    const auto keys = [](const QString &value) {
        return value == QLatin1String("()")
                   ? QJsonArray()
                   : QJsonArray::fromStringList(PlanTextProperty::splitList(value));
    };
    if (!sets) {
        frame.properties.insert(QLatin1String("Group Key"), keys(frame.grouping.first().value));
        return;
    }
    QJsonArray groupingSets;
    QJsonObject current;
    QString currentKind;
    int sortColumn = -1;
    const auto flush = [&] {
        if (!current.isEmpty())
            groupingSets.append(current);
        current = QJsonObject();
    };
    for (const GroupingLine &line : std::as_const(frame.grouping)) {
        if (line.key == QLatin1String("Sort Key")) {
            flush();
            current.insert(QLatin1String("Sort Key"), keys(line.value));
            current.insert(QLatin1String("Group Keys"), QJsonArray());
            currentKind = QStringLiteral("Group Keys");
            sortColumn = line.column;
            continue;
        }
        const bool insideSort = sortColumn >= 0 && line.column > sortColumn;
        if (!insideSort)
            sortColumn = -1;
        const QString kind = line.key == QLatin1String("Hash Key") ? QStringLiteral("Hash Keys")
                                                                   : QStringLiteral("Group Keys");
        const bool joinsCurrent = insideSort
                                  || (kind == QLatin1String("Group Keys") && currentKind == kind
                                      && !current.contains(QLatin1String("Sort Key")));
        if (!joinsCurrent) {
            flush();
            currentKind = kind;
        }
        QJsonArray list = current.value(kind).toArray();
        list.append(keys(line.value));
        current.insert(kind, list);
    }
    flush();
    frame.properties.insert(QLatin1String("Grouping Sets"), groupingSets);
}

void Parser::finishFrame(Frame &frame)
{
    finishGrouping(frame);
    if (!frame.workers.isEmpty()) {
        QJsonArray workers;
        for (auto it = frame.workers.begin(); it != frame.workers.end(); ++it) {
            QJsonObject worker = it.value();
            worker.insert(PlanKey::WorkerNumber, it.key());
            if (frame.workerJit.contains(it.key()))
                worker.insert(PlanKey::Jit, frame.workerJit.value(it.key()));
            workers.append(worker);
        }
        frame.properties.insert(PlanKey::Workers, workers);
    }
    m_plan->setNodeProperties(frame.node, frame.properties);
}

void Parser::popTo(int size)
{
    while (m_frames.size() > size) {
        finishFrame(m_frames.last());
        m_frames.removeLast();
    }
}

bool Parser::openNode(int lineIndex, int arrowColumn)
{
    const QString &line = m_lines.at(lineIndex).text;
    QJsonObject properties;
    QString problem;
    int column = 0;
    if (!PlanTextNode::parse(line, &properties, &problem, &column))
        return fail(lineIndex, column, problem);

    int parent = -1;
    if (!m_frames.isEmpty()) {
        int keep = int(m_frames.size());
        while (keep > 1 && m_frames.at(keep - 1).arrowColumn >= arrowColumn)
            --keep;
        popTo(keep);
        Frame &owner = m_frames.last();
        if (owner.headerColumn >= 0 && arrowColumn > owner.headerColumn) {
            const bool sub = owner.header.startsWith(QLatin1String("SubPlan"));
            properties.insert(PlanKey::ParentRelationship,
                              sub ? QStringLiteral("SubPlan") : QStringLiteral("InitPlan"));
            properties.insert(PlanKey::SubplanName, owner.header);
        } else {
            owner.headerColumn = -1;
            properties.insert(PlanKey::ParentRelationship, relationshipFor(owner));
            ++owner.normalChildren;
        }
        parent = owner.node;
    }
    Frame frame;
    frame.node = m_plan->addNode(parent);
    frame.arrowColumn = m_frames.isEmpty() ? -1 : arrowColumn;
    const QString trimmed = line.trimmed();
    frame.textColumn = indentation(line)
                       + (trimmed.startsWith(QLatin1String("->")) ? 2 + indentation(trimmed.mid(2))
                                                                  : 0);
    frame.properties = properties;
    m_frames.append(frame);
    return true;
}

bool Parser::propertyLine(int lineIndex, int column, const QString &text)
{
    // A line less indented than the current node belongs to an ancestor.
    int keep = int(m_frames.size());
    while (keep > 1 && m_frames.at(keep - 1).textColumn >= column)
        --keep;
    popTo(keep);
    Frame &frame = m_frames.last();

    static const QRegularExpression header(
        QStringLiteral("^(?:InitPlan(?: \\d+)?(?: \\(returns .*\\))?|SubPlan(?: \\d+)?|CTE .+)$"));
    if (header.match(text).hasMatch()) {
        frame.header = text;
        frame.headerColumn = column;
        frame.blocks.clear();
        return true;
    }
    if (frame.propertyColumn < 0)
        frame.propertyColumn = column;
    while (!frame.blocks.isEmpty() && frame.blocks.last().column >= column)
        frame.blocks.removeLast();

    const QString nodeType = frame.properties.value(PlanKey::NodeType).toString();
    static const QRegularExpression worker(QStringLiteral("^Worker (\\d+):\\s*(.*)$"));
    const QRegularExpressionMatch w = worker.match(text);
    if (w.hasMatch()) {
        const int n = w.captured(1).toInt();
        frame.blocks.append({Block::Worker, column, n});
        QJsonObject &target = frame.workers[n];
        const QString rest = w.captured(2);
        if (rest.isEmpty())
            return true;
        static const QRegularExpression actual(QStringLiteral(
            "^actual(?: time=(-?[\\d.]+)\\.\\.(-?[\\d.]+))? rows=(-?[\\d.]+) loops=(-?[\\d.]+)$"));
        const QRegularExpressionMatch a = actual.match(rest);
        if (a.hasMatch()) {
            if (!a.captured(1).isEmpty()) {
                target.insert(PlanKey::ActualStartupTime, a.captured(1).toDouble());
                target.insert(PlanKey::ActualTotalTime, a.captured(2).toDouble());
            }
            target.insert(PlanKey::ActualRows, a.captured(3).toDouble());
            target.insert(PlanKey::ActualLoops, a.captured(4).toDouble());
            return true;
        }
        if (PlanTextProperty::apply(rest, nodeType, &target))
            return true;
        return fail(lineIndex,
                    column + int(w.capturedStart(2)) + 1,
                    tr("expected worker details (\"Key: value\")"));
    }
    if (!frame.blocks.isEmpty()) {
        const Block block = frame.blocks.last();
        if (block.kind == Block::Worker && text == QLatin1String("JIT:")) {
            frame.blocks.append({Block::WorkerJit, column, block.worker});
            return true;
        }
        if (block.kind == Block::WorkerJit) {
            if (PlanTextProperty::applyJit(text, &frame.workerJit[block.worker]))
                return true;
        } else if (PlanTextProperty::apply(text, nodeType, &frame.workers[block.worker])) {
            return true;
        }
        return fail(lineIndex, column + 1, tr("expected worker details (\"Key: value\")"));
    }

    if (nodeType == QLatin1String("Aggregate")) {
        static const QRegularExpression grouping(
            QStringLiteral("^(Group Key|Hash Key|Sort Key): (.*)$"));
        const QRegularExpressionMatch g = grouping.match(text);
        if (g.hasMatch()) {
            frame.grouping.append({g.captured(1), g.captured(2).trimmed(), column});
            return true;
        }
    }

    // "Update on public.ta1 ta_1": one target table of a ModifyTable on several relations.
    static const QRegularExpression targetTable(QStringLiteral(
        "^(?:Insert|Update|Delete|Merge|Foreign Insert|Foreign Update|Foreign Delete) on (.+)$"));
    const QRegularExpressionMatch t = targetTable.match(text);
    if (t.hasMatch() && nodeType == QLatin1String("ModifyTable")) {
        QJsonObject parsed;
        QString ignored;
        int ignoredColumn = 0;
        PlanTextNode::parse(QLatin1String("Seq Scan on ") + t.captured(1),
                            &parsed,
                            &ignored,
                            &ignoredColumn);
        QJsonObject table;
        for (const QLatin1String key : {PlanKey::RelationName, PlanKey::Schema, PlanKey::Alias}) {
            if (parsed.contains(key))
                table.insert(key, parsed.value(key));
        }
        QJsonArray tables = frame.properties.value(QLatin1String("Target Tables")).toArray();
        tables.append(table);
        frame.properties.insert(QLatin1String("Target Tables"), tables);
        return true;
    }
    if (PlanTextProperty::apply(text, nodeType, &frame.properties))
        return true;
    return fail(lineIndex,
                column + 1,
                tr("expected a plan node (\"->  Seq Scan on t  (cost=…)\") or a property "
                   "(\"Key: value\")"));
}

bool Parser::topLevelLine(const QString &text, int column)
{
    if (m_topBlock && column > m_topBlockColumn) {
        if (m_topBlock == &m_topJit)
            return PlanTextProperty::applyJit(text, m_topBlock);
        return PlanTextProperty::apply(text, QString(), m_topBlock);
    }
    m_topBlock = nullptr;
    if (text == QLatin1String("Planning:") || text == QLatin1String("JIT:")) {
        m_topBlock = text == QLatin1String("JIT:") ? &m_topJit : &m_topPlanning;
        m_topBlockColumn = column;
        return true;
    }
    QJsonObject trigger;
    if (PlanTextProperty::parseTrigger(text, &trigger)) {
        QJsonArray triggers = m_top.value(PlanKey::Triggers).toArray();
        triggers.append(trigger);
        m_top.insert(PlanKey::Triggers, triggers);
        return true;
    }
    static const QRegularExpression timing(
        QStringLiteral("^(Planning [Tt]ime|Execution [Tt]ime|Total runtime): (-?[\\d.]+) ms$"));
    const QRegularExpressionMatch m = timing.match(text);
    if (m.hasMatch()) {
        const QString name = m.captured(1);
        const QLatin1String key = name.startsWith(QLatin1String("Planning")) ? PlanKey::PlanningTime
                                  : name.startsWith(QLatin1String("Execution"))
                                      ? PlanKey::ExecutionTime
                                      : PlanKey::TotalRuntime;
        m_top.insert(key, m.captured(2).toDouble());
        return true;
    }
    if (text.startsWith(QLatin1String("Settings: "))) {
        m_top.insert(PlanKey::Settings, PlanTextProperty::parseSettings(text.mid(10)));
        return true;
    }
    if (text.startsWith(QLatin1String("Serialization: "))) {
        static const QRegularExpression re(
            QStringLiteral("time=([\\d.]+) ms\\s+output=(\\d+)kB\\s+format=(\\w+)"));
        const QRegularExpressionMatch s = re.match(text);
        QJsonObject serialization;
        if (s.hasMatch()) {
            serialization.insert(QLatin1String("Time"), s.captured(1).toDouble());
            serialization.insert(QLatin1String("Output Volume"), s.captured(2).toDouble());
            serialization.insert(QLatin1String("Format"), s.captured(3));
        }
        m_top.insert(QLatin1String("Serialization"), serialization);
        return true;
    }
    return PlanTextProperty::apply(text, QString(), &m_top);
}

void Parser::fillDefaults()
{
    // The text format leaves out what the JSON format always prints; PostgreSQL's rules for
    // leaving it out are exact, so the values can be restored.
    bool timing = false;
    bool verbose = false;
    QString modified;
    for (const PlanNode &node : m_plan->nodes()) {
        timing = timing || node.hasTiming();
        verbose = verbose || node.has(PlanKey::Output);
        if (modified.isEmpty() && node.nodeType() == QLatin1String("ModifyTable"))
            modified = node.text(PlanKey::RelationName);
    }
    // A trigger line names its table only when the statement changes several; otherwise it is
    // the one the ModifyTable writes.
    QJsonArray triggers = m_plan->properties().value(PlanKey::Triggers).toArray();
    if (!triggers.isEmpty() && !modified.isEmpty()) {
        for (qsizetype i = 0; i < triggers.size(); ++i) {
            QJsonObject trigger = triggers.at(i).toObject();
            if (!trigger.contains(QLatin1String("Relation")))
                trigger.insert(QLatin1String("Relation"), modified);
            triggers[i] = trigger;
        }
        QJsonObject top = m_plan->properties();
        top.insert(PlanKey::Triggers, triggers);
        m_plan->setProperties(top);
    }
    for (const PlanNode &node : m_plan->nodes()) {
        QJsonObject p = node.properties();
        const QString type = node.nodeType();
        const bool analyze = node.hasActuals();
        auto setDefault = [&p](const QString &key, const QJsonValue &value) {
            if (!p.contains(key))
                p.insert(key, value);
        };
        if (analyze && timing && node.neverExecuted()) {
            setDefault(PlanKey::ActualStartupTime, 0.0);
            setDefault(PlanKey::ActualTotalTime, 0.0);
        }
        if (analyze && type == QLatin1String("Bitmap Heap Scan")) {
            setDefault(QLatin1String("Exact Heap Blocks"), 0.0);
            setDefault(QLatin1String("Lossy Heap Blocks"), 0.0);
        }
        const QString strategy = node.text(PlanKey::Strategy);
        if (type == QLatin1String("Aggregate")
            && (strategy == QLatin1String("Hashed") || strategy == QLatin1String("Mixed"))) {
            if (node.hasCosts())
                setDefault(QLatin1String("Planned Partitions"), 0.0);
            if (p.contains(PlanKey::HashAggBatches))
                setDefault(PlanKey::DiskUsage, 0.0);
        }
        if (type == QLatin1String("Gather"))
            setDefault(QLatin1String("Single Copy"), false);
        if (type == QLatin1String("Append") || type == QLatin1String("Merge Append"))
            setDefault(QLatin1String("Subplans Removed"), 0.0);
        if (analyze) {
            // Row counts removed by a condition print only when positive in text.
            for (const char *condition : {"Filter", "Join Filter", "Conflict Filter"}) {
                if (p.contains(QLatin1String(condition)))
                    setDefault(QLatin1String("Rows Removed by %1").arg(QLatin1String(condition)),
                               0.0);
            }
            const bool recheck = (p.contains(QLatin1String("Index Cond"))
                                  && (type == QLatin1String("Index Scan")
                                      || type == QLatin1String("Index Only Scan")))
                                 || p.contains(QLatin1String("Recheck Cond"));
            if (recheck)
                setDefault(PlanKey::RowsRemovedByIndexRecheck, 0.0);
        }
        if (verbose
            && (type == QLatin1String("Nested Loop") || type == QLatin1String("Hash Join")
                || type == QLatin1String("Merge Join")))
            setDefault(QLatin1String("Inner Unique"), false);
        if (analyze && type == QLatin1String("ModifyTable")
            && node.text(PlanKey::Operation) == QLatin1String("Merge")) {
            for (const char *key :
                 {"Tuples Inserted", "Tuples Updated", "Tuples Deleted", "Tuples Skipped"})
                setDefault(QLatin1String(key), 0.0);
        }
        if (p != node.properties())
            m_plan->setNodeProperties(node.id(), p);
    }
}

bool Parser::run()
{
    int first = 0;
    while (first < m_lines.size() && m_lines.at(first).text.trimmed().isEmpty())
        ++first;
    if (first >= m_lines.size()) {
        *m_error = PlanParseError(0, 0, tr("the input is empty; expected EXPLAIN output"));
        return false;
    }
    if (!PlanInput::looksLikeNodeLine(m_lines.at(first).text)) {
        const QString start = m_lines.at(first).text.trimmed();
        if (start.startsWith(QLatin1String("<explain"))
            || start.startsWith(QLatin1String("- Plan:"))) {
            return fail(
                first,
                1,
                tr("expected EXPLAIN output in JSON or text; this is FORMAT %1, which Slipway "
                   "does not read")
                    .arg(start.startsWith(QLatin1Char('<')) ? QStringLiteral("XML")
                                                            : QStringLiteral("YAML")));
        }
        return fail(first,
                    indentation(m_lines.at(first).text) + 1,
                    tr("expected a plan node such as \"Seq Scan on t  (cost=0.00..1.01 rows=1 "
                       "width=4)\" or a JSON plan"));
    }
    if (!openNode(first, indentation(m_lines.at(first).text)))
        return false;
    const int rootColumn = m_frames.first().textColumn;

    for (int i = first + 1; i < m_lines.size(); ++i) {
        const QString &line = m_lines.at(i).text;
        const QString text = line.trimmed();
        if (text.isEmpty())
            continue;
        const int column = indentation(line);
        if (!m_inTopLevel) {
            const Frame &current = m_frames.last();
            const int propertyColumn = current.propertyColumn >= 0 ? current.propertyColumn
                                                                   : current.textColumn + 1;
            const bool workerBlock = !current.blocks.isEmpty()
                                     && column > current.blocks.last().column;
            if (isTopLevelKey(text) && !workerBlock
                && (column < propertyColumn || column <= rootColumn)) {
                popTo(0);
                m_inTopLevel = true;
            }
        }
        if (m_inTopLevel) {
            if (text.startsWith(QLatin1String("->")) || !topLevelLine(text, column)) {
                m_plan->addWarning(
                    tr("Text after the plan was ignored (from line %1).").arg(m_lines.at(i).number));
                break;
            }
            continue;
        }
        if (text.startsWith(QLatin1String("->"))) {
            if (!openNode(i, column))
                return false;
        } else if (!propertyLine(i, column, text)) {
            return false;
        }
    }
    popTo(0);
    if (!m_topPlanning.isEmpty())
        m_top.insert(PlanKey::Planning, m_topPlanning);
    if (!m_topJit.isEmpty())
        m_top.insert(PlanKey::Jit, m_topJit);
    m_plan->setProperties(m_top);
    fillDefaults();
    return true;
}

} // namespace

bool PlanTextParser::parse(const PlanInput &input, Plan *plan, PlanParseError *error)
{
    *plan = Plan();
    plan->setSourceFormat(Plan::Format::Text);
    Parser parser(input, plan, error);
    return parser.run();
}
