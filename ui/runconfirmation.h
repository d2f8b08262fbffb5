#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;
struct Migration;

// Asks before the migrations panel changes a database: which migrations will run, what each
// does (PostgreSQL's grammar reads the scripts: DROPs and TRUNCATEs first, then locks that block
// writers, schema and data changes), and a button that names the action ("Apply 2 Migrations",
// "Roll Back 002 add colour"); Cancel is the default for a rollback. Asynchronous and
// window-modal, so nothing nests an event loop. GUI thread only.
class RunConfirmation
{
    Q_DECLARE_TR_FUNCTIONS(RunConfirmation)

public:
    struct Script
    {
        QString label;      // "002 add widgets colour"
        QStringList effects; // StatementEffect's reasons; an unreadable file says so
    };

    // The up (or down) script of the migration, read and classified.
    static Script describe(const QString &label, const Migration &migration, bool down);

    static void ask(QWidget *parent,
                    const QString &question,   // "Apply 2 migrations to shop?"
                    const QString &actionText, // the accepting button's text
                    const QList<Script> &scripts,
                    bool destructiveDefault, // true: Cancel is the default button
                    std::function<void(bool confirmed)> done);
};
