#include "planparser.h"

#include "planinput.h"
#include "planjsonparser.h"
#include "plantextparser.h"

#include <QCoreApplication>

bool PlanParser::parse(const QString &input, Plan *plan, PlanParseError *error)
{
    // What EXPLAIN (FORMAT JSON) returns needs no cleaning; megabytes of it parse in a fraction
    // of the time the line-by-line path takes. Anything else, or any problem, takes that path.
    for (const QChar c : input) {
        if (c.isSpace())
            continue;
        if (c == QLatin1Char('[') || c == QLatin1Char('{')) {
            PlanParseError ignored;
            if (PlanJsonParser::parseDocument(input.toUtf8(), plan, &ignored))
                return true;
        }
        break;
    }
    const PlanInput cleaned = PlanInput::fromText(input);
    switch (cleaned.kind()) {
    case PlanInput::Kind::Empty:
        *error = PlanParseError(0,
                                0,
                                QCoreApplication::translate("PlanParser",
                                                            "the input is empty; expected the "
                                                            "output of EXPLAIN"));
        return false;
    case PlanInput::Kind::Json:
        return PlanJsonParser::parse(cleaned, plan, error);
    case PlanInput::Kind::Text:
        return PlanTextParser::parse(cleaned, plan, error);
    }
    return false;
}
