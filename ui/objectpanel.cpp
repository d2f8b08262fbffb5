#include "objectpanel.h"

#include "sqleditor.h"

#include "db/connectionworker.h"
#include "schema/objectdetailsreader.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QTreeWidget *makeList(QWidget *parent, const QString &objectName, const QStringList &headers)
{
    auto *view = new QTreeWidget(parent);
    view->setObjectName(objectName);
    view->setHeaderLabels(headers);
    view->setRootIsDecorated(false);
    view->setAlternatingRowColors(true);
    view->setUniformRowHeights(true);
    view->setWordWrap(false);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->header()->setStretchLastSection(true);
    view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    return view;
}

} // namespace

ObjectPanel::ObjectPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("objectTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setContentsMargins(6, 4, 6, 0);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("objectStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setContentsMargins(6, 0, 6, 0);
    m_status->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("objectTabs"));
    m_tabs->setDocumentMode(true);

    m_ddl = new SqlEditor(m_tabs);
    m_ddl->setObjectName(QStringLiteral("ddlEditor"));
    m_ddl->setReadOnly(true);
    m_tabs->addTab(m_ddl, tr("DDL"));

    m_properties = makeList(m_tabs, QStringLiteral("properties"), {tr("Property"), tr("Value")});
    m_tabs->addTab(m_properties, tr("Properties"));
    m_statistics = makeList(m_tabs, QStringLiteral("statistics"), {tr("Statistic"), tr("Value")});
    m_tabs->addTab(m_statistics, tr("Statistics"));

    auto *dependencies = new QSplitter(Qt::Vertical, m_tabs);
    dependencies->setObjectName(QStringLiteral("dependenciesSplitter"));
    m_dependencies = makeList(dependencies,
                              QStringLiteral("dependencies"),
                              {tr("Depends on"), tr("Type")});
    m_dependents = makeList(dependencies, QStringLiteral("dependents"), {tr("Used by"), tr("Type")});
    m_dependencies->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_dependents->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_dependencies->header()->setStretchLastSection(false);
    m_dependents->header()->setStretchLastSection(false);
    dependencies->addWidget(m_dependencies);
    dependencies->addWidget(m_dependents);
    m_tabs->addTab(dependencies, tr("Dependencies"));

    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ObjectPanel::setConnection(ConnectionWorker *worker)
{
    m_worker = worker;
    clear();
}

void ObjectPanel::clear()
{
    ++m_request; // whatever is on its way is no longer wanted
    m_loading = false;
    m_object = ObjectRef();
    m_details = ObjectDetails();
    m_title->setText(tr("Select an object in the tree"));
    m_status->hide();
    present(m_details);
}

void ObjectPanel::showObject(const ObjectRef &object)
{
    if (!object.isValid() || !m_worker) {
        clear();
        return;
    }
    m_object = object;
    const quint64 request = ++m_request;
    m_loading = true;
    m_title->setText(object.schema.isEmpty() || object.kind == SchemaNode::Kind::Column
                             || object.kind == SchemaNode::Kind::Constraint
                             || object.kind == SchemaNode::Kind::Trigger
                         ? object.name
                         : object.schema + u'.' + object.name);
    m_status->setText(tr("Reading…"));
    m_status->show();
    m_worker->call<ObjectDetails>(
        this,
        [object](Connection &connection) { return ObjectDetailsReader::read(connection, object); },
        [this, request](ObjectDetails details) {
            if (request != m_request)
                return;
            m_loading = false;
            m_status->hide();
            m_details = details;
            present(details);
            emit loaded();
        },
        [this, request](const DbError &error) {
            if (request != m_request)
                return;
            m_loading = false;
            m_details = ObjectDetails();
            present(m_details);
            m_status->setText(tr("Could not read this object: %1").arg(error.message));
            m_status->show();
            emit loadFailed(error);
        });
}

void ObjectPanel::present(const ObjectDetails &details)
{
    m_ddl->setReadOnly(false);
    m_ddl->setText(details.ddl);
    m_ddl->setReadOnly(true);
    fill(m_properties, details.properties);
    fill(m_statistics, details.statistics);
    fill(m_dependencies, details.dependencies);
    fill(m_dependents, details.dependents);
}

void ObjectPanel::fill(QTreeWidget *view, const ObjectDetails::Entries &entries)
{
    view->clear();
    QList<QTreeWidgetItem *> items;
    for (const auto &entry : entries) {
        auto *item = new QTreeWidgetItem({entry.first, entry.second});
        item->setToolTip(1, entry.second);
        items.append(item);
    }
    view->addTopLevelItems(items);
}

void ObjectPanel::fill(QTreeWidget *view, const QList<ObjectDependency> &entries)
{
    view->clear();
    QList<QTreeWidgetItem *> items;
    for (const ObjectDependency &entry : entries)
        items.append(new QTreeWidgetItem({entry.object, entry.type}));
    view->addTopLevelItems(items);
}
