#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

// Asks before SQL runs against a production database. Which statements need the question is
// StatementEffect's decision (PostgreSQL's grammar, models/sql): anything that writes data,
// changes the schema, blocks writers with a lock or runs code the text does not show, and
// anything the grammar cannot read. The prompt asks for the database name to be typed and is
// asynchronous, so nothing nests an event loop. GUI thread only for the prompt; the
// classification is thread-safe.
class ProductionGuard
{
    Q_DECLARE_TR_FUNCTIONS(ProductionGuard)

public:
    // Why the statement (or each statement of the text) needs confirmation, joined with ", "
    // ("DELETE on public.orders"); an empty string when it can run without asking.
    static QString destructiveReason(const QString &statement);
    static bool isDestructive(const QString &statement)
    {
        return !destructiveReason(statement).isEmpty();
    }
    // Reasons for every statement of a script that needs confirmation, the irreversible ones
    // (TRUNCATE, DROP, UPDATE/DELETE without WHERE) first, without duplicates.
    static QStringList destructiveReasons(const QString &script);

    // Shows a window-modal prompt listing the reasons and asking for `database` to be typed;
    // `done(true)` runs only when the typed text matches exactly, `done(false)` on a mismatch or
    // cancel.
    static void confirm(QWidget *parent,
                        const QString &database,
                        const QStringList &reasons,
                        std::function<void(bool confirmed)> done);
};
