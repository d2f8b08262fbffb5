#pragma once

#include "ruleinfo.h"

#include <QList>

class LintState;
class StatementContext;
struct RawFinding;

// A group of related rules in one file (index rules, column rules …). Families keep no state of
// their own: what they need to remember between statements lives in LintState, so one instance
// serves every lint run on every thread.
class RuleFamily
{
public:
    virtual ~RuleFamily() = default;

    virtual QList<RuleInfo> rules() const = 0;
    // Called for every statement that parsed, in order, with the state before it.
    virtual void check(const StatementContext &context) const = 0;
    // Called after the last statement of a file.
    virtual void finishFile(const LintState &state, QList<RawFinding> *findings) const
    {
        Q_UNUSED(state)
        Q_UNUSED(findings)
    }
};
