#pragma once

#include "db/dberror.h"
#include "schema/objectdetails.h"

#include <QPointer>
#include <QWidget>

class ConnectionWorker;
class QLabel;
class QTabWidget;
class QTreeWidget;
class SqlEditor;

// The schema browser's lower half: DDL, Properties, Statistics and Dependencies of the object
// selected in the tree. Each showObject() sends one read to the connection's worker; an answer
// for an object that is no longer selected is dropped. GUI thread only.
class ObjectPanel : public QWidget
{
    Q_OBJECT

public:
    enum Tab { DdlTab, PropertiesTab, StatisticsTab, DependenciesTab };

    explicit ObjectPanel(QWidget *parent = nullptr);

    void setConnection(ConnectionWorker *worker);
    void showObject(const ObjectRef &object);
    void clear();

    const ObjectRef &object() const { return m_object; }
    const ObjectDetails &details() const { return m_details; }
    bool isLoading() const { return m_loading; }

    QTabWidget *tabs() const { return m_tabs; }
    SqlEditor *ddlEditor() const { return m_ddl; }
    QTreeWidget *propertiesView() const { return m_properties; }
    QTreeWidget *statisticsView() const { return m_statistics; }
    QTreeWidget *dependenciesView() const { return m_dependencies; }
    QTreeWidget *dependentsView() const { return m_dependents; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void loaded();
    void loadFailed(const DbError &error);

private:
    void present(const ObjectDetails &details);
    static void fill(QTreeWidget *view, const ObjectDetails::Entries &entries);
    static void fill(QTreeWidget *view, const QList<ObjectDependency> &entries);

    QPointer<ConnectionWorker> m_worker;
    ObjectRef m_object;
    ObjectDetails m_details;
    quint64 m_request = 0;
    bool m_loading = false;

    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    SqlEditor *m_ddl = nullptr;
    QTreeWidget *m_properties = nullptr;
    QTreeWidget *m_statistics = nullptr;
    QTreeWidget *m_dependencies = nullptr;
    QTreeWidget *m_dependents = nullptr;
};
