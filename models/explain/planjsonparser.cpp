#include "planjsonparser.h"

#include "plan.h"
#include "plankeys.h"
#include "planparseerror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// The cleaned lines joined into one document, with the original line number of each line.
struct Source
{
    QByteArray utf8;
    QList<int> lineStarts; // byte offset where each cleaned line starts
    QList<int> lineNumbers;

    int lineOf(qsizetype offset) const
    {
        const auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
        const qsizetype index = std::max<qsizetype>(0, (it - lineStarts.begin()) - 1);
        return lineNumbers.value(index);
    }
    int columnOf(qsizetype offset) const
    {
        const auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
        const qsizetype index = std::max<qsizetype>(0, (it - lineStarts.begin()) - 1);
        return int(QString::fromUtf8(
                       utf8.mid(lineStarts.value(index), offset - lineStarts.value(index)))
                       .size())
               + 1;
    }
};

// Offset just past the first complete JSON value, so text after the document (a psql footer,
// a prompt, a second paste) does not break parsing. -1 when the value never closes.
qsizetype endOfValue(const QByteArray &text)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

// Byte offset of the n-th (0-based) object in document order that holds a "Node Type" key,
// or of the n-th object inside a "Plans" array when the node lacks one. Used only to give
// semantic errors a line.
qsizetype offsetOfNode(const QByteArray &text, int wanted)
{
    // Plan nodes appear in the text in the same pre-order the parser walks them: each node's
    // object opens after "Plan": or inside a "Plans" array.
    int seen = -1;
    bool inString = false;
    QByteArray lastKey;
    qsizetype stringStart = 0;
    QList<bool> inPlans; // per open array: is it a "Plans" array?
    QList<char> stack;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                lastKey = text.mid(stringStart, i - stringStart);
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            stringStart = i + 1;
            break;
        case '{': {
            const bool node = (!stack.isEmpty() && stack.last() == '[' && inPlans.last())
                              || (!stack.isEmpty() && stack.last() == ':' && lastKey == "Plan");
            if (!stack.isEmpty() && stack.last() == ':')
                stack.removeLast();
            stack.append('{');
            if (node && ++seen == wanted)
                return i;
            break;
        }
        case '[':
            inPlans.append(!stack.isEmpty() && stack.last() == ':' && lastKey == "Plans");
            if (!stack.isEmpty() && stack.last() == ':')
                stack.removeLast();
            stack.append('[');
            break;
        case ':':
            stack.append(':');
            break;
        case ',':
            if (!stack.isEmpty() && stack.last() == ':')
                stack.removeLast();
            break;
        case '}':
        case ']':
            if (!stack.isEmpty() && stack.last() == ':')
                stack.removeLast();
            if (!stack.isEmpty())
                stack.removeLast();
            if (c == ']' && !inPlans.isEmpty())
                inPlans.removeLast();
            break;
        default:
            break;
        }
    }
    return 0;
}

class Builder
{
    Q_DECLARE_TR_FUNCTIONS(PlanJsonParser)

public:
    Builder(const Source *source, Plan *plan, PlanParseError *error)
        : m_source(source)
        , m_plan(plan)
        , m_error(error)
    {}

    bool addTree(const QJsonObject &root)
    {
        // Explicit stack: a deep plan must not exhaust the call stack.
        struct Pending
        {
            QJsonObject object;
            int parent;
        };
        QList<Pending> stack{{root, -1}};
        while (!stack.isEmpty()) {
            Pending pending = stack.takeLast();
            QJsonObject properties = pending.object;
            const QJsonValue plans = properties.take(PlanKey::Plans);
            const int ordinal = m_plan->size();
            if (!properties.value(PlanKey::NodeType).isString()) {
                fail(ordinal, tr("expected \"Node Type\" in this plan node"));
                return false;
            }
            if (!plans.isUndefined() && !plans.isArray()) {
                fail(ordinal, tr("expected \"Plans\" to be an array of plan nodes"));
                return false;
            }
            const int id = m_plan->addNode(pending.parent, properties);
            const QJsonArray children = plans.toArray();
            for (qsizetype i = children.size() - 1; i >= 0; --i) {
                if (!children.at(i).isObject()) {
                    fail(ordinal, tr("expected only objects in \"Plans\""));
                    return false;
                }
                stack.append({children.at(i).toObject(), id});
            }
        }
        return true;
    }

private:
    void fail(int ordinal, const QString &message)
    {
        if (!m_source) { // the fast path: the caller parses again with line numbers
            *m_error = PlanParseError(0, 0, message);
            return;
        }
        const qsizetype at = offsetOfNode(m_source->utf8, ordinal);
        *m_error = PlanParseError(m_source->lineOf(at), m_source->columnOf(at), message);
    }

    const Source *m_source;
    Plan *m_plan;
    PlanParseError *m_error;
};

// source: the cleaned lines with their numbers, or null on the fast path.
bool buildPlan(const QJsonDocument &json, const Source *source, Plan *plan, PlanParseError *error)
{
    const int firstLine = source ? source->lineNumbers.value(0) : 0;
    QJsonObject top;
    if (json.isArray()) {
        const QJsonArray array = json.array();
        if (array.isEmpty() || !array.first().isObject()) {
            *error = PlanParseError(firstLine,
                                    1,
                                    PlanJsonParser::tr("expected [{\"Plan\": …}] from EXPLAIN (FORMAT JSON)"));
            return false;
        }
        if (array.size() > 1)
            plan->addWarning(
                PlanJsonParser::tr("The JSON holds %1 plans; only the first is shown.").arg(array.size()));
        top = array.first().toObject();
    } else {
        top = json.object();
    }
    QJsonObject root;
    if (top.value(PlanKey::Plan).isObject()) {
        root = top.take(PlanKey::Plan).toObject();
    } else if (top.contains(PlanKey::NodeType)) {
        root = top;
        top = QJsonObject();
    } else {
        *error = PlanParseError(
            firstLine, 1, PlanJsonParser::tr("expected a \"Plan\" object (the output of EXPLAIN (FORMAT JSON))"));
        return false;
    }
    Builder builder(source, plan, error);
    if (!builder.addTree(root))
        return false;
    plan->setProperties(top);
    return true;
}

} // namespace

bool PlanJsonParser::parseDocument(const QByteArray &utf8, Plan *plan, PlanParseError *error)
{
    *plan = Plan();
    plan->setSourceFormat(Plan::Format::Json);
    QJsonParseError jsonError;
    const QJsonDocument json = QJsonDocument::fromJson(utf8, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        *error = PlanParseError(0, 0, jsonError.errorString());
        return false;
    }
    return buildPlan(json, nullptr, plan, error);
}

bool PlanJsonParser::parse(const PlanInput &input, Plan *plan, PlanParseError *error)
{
    *plan = Plan();
    plan->setSourceFormat(Plan::Format::Json);
    Source source;
    for (const PlanInput::Line &line : input.lines()) {
        source.lineStarts.append(int(source.utf8.size()));
        source.lineNumbers.append(line.number);
        source.utf8 += line.text.toUtf8();
        source.utf8 += '\n';
    }
    const qsizetype end = endOfValue(source.utf8);
    QByteArray document = source.utf8;
    if (end > 0) {
        if (!source.utf8.mid(end).trimmed().isEmpty())
            plan->addWarning(
                tr("Text after the JSON plan was ignored (from line %1).").arg(source.lineOf(end)));
        document = source.utf8.left(end);
    }
    QJsonParseError jsonError;
    const QJsonDocument json = QJsonDocument::fromJson(document, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        qsizetype at = std::min<qsizetype>(jsonError.offset, document.size() - 1);
        // A document cut short fails at its end: point at its last character, not past it.
        while (end < 0 && at > 0 && QChar::isSpace(uchar(document.at(at))))
            --at;
        QString message = jsonError.errorString();
        if (end < 0)
            message = tr("%1 — the JSON plan ends before it is complete (truncated?)").arg(message);
        else
            message = tr("%1 — expected valid JSON from EXPLAIN (FORMAT JSON)").arg(message);
        *error = PlanParseError(source.lineOf(at), source.columnOf(at), message);
        return false;
    }

    return buildPlan(json, &source, plan, error);
}
