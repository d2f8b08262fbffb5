#pragma once

#include <QObject>
#include <QString>

// The one place that says "this database changed": the migrations panel after it applied or
// rolled back, the deploy wizard after it executed, a console after a statement that changed the
// schema committed, and a status read that found the history different from the last one (a
// change made elsewhere, say by the CLI). The schema tree, the object panel, the editors' live
// schema and the migrations panel listen and read again, so no view shows a state that is gone.
// Databases are named by ConnectionProfile::targetKey. One instance per application; GUI thread.
class DatabaseChanges : public QObject
{
    Q_OBJECT

public:
    enum class Source { Migrations, Deploy, Console, StatusRead };
    Q_ENUM(Source)

    static DatabaseChanges *instance();

    // `origin` is the object that made the change (listeners skip their own), or null.
    void announce(const QString &targetKey, Source source, const QObject *origin = nullptr);

signals:
    void changed(const QString &targetKey, DatabaseChanges::Source source, const QObject *origin);

private:
    using QObject::QObject;
};

// Reads a console session's command tags in order and says when a schema change has become
// visible to other sessions: a CREATE, ALTER, DROP … in autocommit, or the COMMIT of a
// transaction that held one (a ROLLBACK forgets it). Follows BEGIN / COMMIT / ROLLBACK by their
// tags; a transaction ended by an error is ended by the ROLLBACK the user then runs.
class SchemaChangeTracker
{
public:
    // True when this statement made a schema change visible.
    bool finished(const QString &commandTag);

private:
    bool m_inTransaction = false;
    bool m_changedInTransaction = false;
};
