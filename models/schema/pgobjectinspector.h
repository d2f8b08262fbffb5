#pragma once

#include "objectdetails.h"

#include <QCoreApplication>

class Connection;

// Properties, statistics and pg_depend neighbours of one PostgreSQL object, for the object
// panel. A handful of small queries by oid, on the connection's thread; throws DbException.
class PgObjectInspector
{
    Q_DECLARE_TR_FUNCTIONS(PgObjectInspector)

public:
    explicit PgObjectInspector(Connection &connection);

    ObjectDetails::Entries properties(const ObjectRef &object);
    ObjectDetails::Entries statistics(const ObjectRef &object);
    // What the object depends on, and what depends on it. Views are represented by their
    // rewrite rules in pg_depend; both directions are translated back to the view.
    void dependencies(const ObjectRef &object,
                      QList<ObjectDependency> *dependencies,
                      QList<ObjectDependency> *dependents);

private:
    ObjectDetails::Entries relationProperties(const ObjectRef &object);
    ObjectDetails::Entries partProperties(const ObjectRef &object);
    ObjectDetails::Entries routineProperties(const ObjectRef &object);
    ObjectDetails::Entries typeProperties(const ObjectRef &object);
    ObjectDetails::Entries tableStatistics(const ObjectRef &object);
    // Runs a one-row query and pairs each column with its label; NULL shows as `none`.
    ObjectDetails::Entries labelled(const QString &sql,
                                    const QStringList &labels,
                                    const QString &none);

    static QString yesNo(bool value);
    static QString size(const QString &bytes);
    static QString count(const QString &number);

    Connection &m_connection;
};
