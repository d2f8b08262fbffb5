#pragma once

#include "db/connectionprofile.h"

#include <QPointer>
#include <QWidget>

class ConnectionWorker;
class IndexHealthDialog;
class ObjectPanel;
class QAction;
class QLineEdit;
class QMenu;
class QTimer;
class QTreeView;
class SchemaTreeModel;

// The schema browser that fills the main window's Schema dock: a filter box, the lazy object
// tree (SchemaTreeModel) and, below it, the object panel for the selected node. Context actions
// copy a quoted name or hand SQL to a new console (sqlRequested) — the DDL, SELECT of the first
// 100 rows, EXPLAIN; the window decides how to open it. GUI thread only; every read goes to the
// connection's worker.
class SchemaDock : public QWidget
{
    Q_OBJECT

public:
    explicit SchemaDock(QWidget *parent = nullptr);

    // nullptr empties the browser. Called again after a reconnect, it reads everything afresh.
    void setConnection(ConnectionWorker *worker, const ConnectionProfile &profile = {});

    SchemaTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    ObjectPanel *objectPanel() const { return m_panel; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *systemAction() const { return m_systemAction; }
    QAction *healthAction() const { return m_healthAction; }
    IndexHealthDialog *healthDialog() const; // the open Index Health window, if any

    // The context menu of a node (the caller owns it); its actions carry object names such as
    // "copyName", "openDdl", "selectRows", "explain", "refresh".
    QMenu *contextMenu(const QModelIndex &index, QWidget *parent);
    void copyName(const QModelIndex &index);
    void openDdl(const QModelIndex &index);
    void selectRows(const QModelIndex &index);
    void explain(const QModelIndex &index);
    void showIndexHealth();
    // Reads the whole tree again (the database changed) and reopens what was open: the expanded
    // nodes and the current one, found again by name as their parents load.
    void reloadKeepingState();

signals:
    // Open the text in a new editor tab titled `title`; run it at once when `run` is set.
    void sqlRequested(const QString &title, const QString &sql, bool run);
    // PostgreSQL: show the plan of `sql` (a SELECT of the object) in the plan viewer.
    void explainRequested(const QString &title, const QString &sql);
    // The "Open DDL" read failed (the message also shows in the object panel's status line).
    void actionFailed(const QString &message);

private:
    void onCurrentChanged();
    void onNodeLoaded(const QModelIndex &parent);
    QStringList pathOf(const QModelIndex &index) const;
    void collectExpanded(const QModelIndex &parent, QList<QStringList> *paths) const;
    void restoreState(const QModelIndex &parent);

    QPointer<ConnectionWorker> m_worker;
    QList<QStringList> m_restoreExpanded; // node names from the root, for reloadKeepingState
    QStringList m_restoreCurrent;
    ConnectionProfile m_profile;
    SchemaTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_filter = nullptr;
    ObjectPanel *m_panel = nullptr;
    QTimer *m_filterTimer = nullptr;
    QTimer *m_selectionTimer = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_systemAction = nullptr;
    QAction *m_healthAction = nullptr;
    QPointer<IndexHealthDialog> m_health;
};
