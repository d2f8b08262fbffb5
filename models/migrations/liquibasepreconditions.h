#pragma once

#include "liquibasechangeset.h"

#include <QCoreApplication>
#include <QString>

class Connection;

// A changeset's --preconditions, checked before it runs as Liquibase checks them: each
// --precondition-sql-check query's first value compared, as text, with its expectedResult; a
// failed check does what onFail says, a check whose query fails what onError says. Runs on the
// connection's thread, outside the changeset's transaction.
class LiquibasePreconditions
{
    Q_DECLARE_TR_FUNCTIONS(LiquibasePreconditions)

public:
    struct Outcome
    {
        enum class Action {
            Run,     // all passed, or WARN: run it (the message says why it warns)
            Halt,    // HALT: stop the run here
            Skip,    // CONTINUE: not now, and not recorded; asked again next time
            MarkRan, // MARK_RAN: recorded as run without running it
        };
        Action action = Action::Run;
        QString message; // empty when every check passed
    };

    static Outcome evaluate(Connection &connection, const LiquibaseChangeSet &changeSet);
};
