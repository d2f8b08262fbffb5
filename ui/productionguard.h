#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

// Decides whether SQL about to run against a production database is destructive, and asks the
// user to confirm it by typing the database name. The classification is a pure function of the
// text (a small lexer that skips comments, strings and quoted identifiers, then looks at the
// leading keywords); the prompt is asynchronous so nothing nests an event loop. GUI thread only
// for the prompt; the classification is thread-safe.
class ProductionGuard
{
    Q_DECLARE_TR_FUNCTIONS(ProductionGuard)

public:
    // What makes one statement destructive ("DROP", "DELETE", "ALTER … DROP"), or an empty
    // string when it is not.
    static QString destructiveReason(const QString &statement);
    static bool isDestructive(const QString &statement)
    {
        return !destructiveReason(statement).isEmpty();
    }
    // Reasons for every destructive statement of a script, in order, without duplicates.
    static QStringList destructiveReasons(const QString &script);

    // Shows a window-modal prompt asking for `database` to be typed; `done(true)` runs only when
    // the typed text matches exactly, `done(false)` on a mismatch or cancel.
    static void confirm(QWidget *parent,
                        const QString &database,
                        const QStringList &reasons,
                        std::function<void(bool confirmed)> done);
};
