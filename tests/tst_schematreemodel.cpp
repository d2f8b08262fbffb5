#include "corpus.h"
#include "schemafixtures.h"
#include "testsandbox.h"

#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/threadguard.h"
#include "schema/schematreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The lazy schema tree over a real server, driven exactly as a view drives it (fetchMore, then
// rows arrive from the worker) with the test thread forbidden to touch the database, and checked
// by QAbstractItemModelTester throughout.
class TestSchemaTreeModel : public QObject
{
    Q_OBJECT

    using Kind = SchemaNode::Kind;

    static inline const QString Prefix = QStringLiteral("slipway_schema_tree");

    QString m_kinds;
    QString m_realistic;
    std::unique_ptr<ConnectionWorker> m_worker;
    std::unique_ptr<SchemaTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    std::unique_ptr<ConnectionWorker> openWorker(const QString &conninfo)
    {
        auto worker = std::make_unique<ConnectionWorker>(std::make_unique<PgConnection>(conninfo));
        QSignalSpy opened(worker.get(), &ConnectionWorker::opened);
        worker->open();
        if (!QTest::qWaitFor([&opened] { return !opened.isEmpty(); }, 10000))
            return nullptr;
        return worker;
    }

    // Runs a statement on the model's connection and waits (the test never blocks on the server).
    bool run(const QString &sql)
    {
        QSignalSpy finished(m_worker.get(), &ConnectionWorker::queryFinished);
        QSignalSpy failed(m_worker.get(), &ConnectionWorker::queryFailed);
        m_worker->runQuery(sql);
        return QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 10000)
               && failed.isEmpty();
    }

    bool waitIdle(SchemaTreeModel &model)
    {
        return QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000);
    }

    // Expands like a view: fetchMore, then wait for the rows.
    bool expand(const QModelIndex &index)
    {
        if (m_model->canFetchMore(index))
            m_model->fetchMore(index);
        return waitIdle(*m_model);
    }

    QModelIndex path(const QList<QPair<Kind, QString>> &steps)
    {
        QModelIndex at;
        for (const auto &step : steps) {
            if (!expand(at))
                return {};
            at = m_model->find(at, step.first, step.second);
            if (!at.isValid())
                return {};
        }
        return at;
    }

    QStringList childNames(const QModelIndex &parent)
    {
        QStringList names;
        for (int r = 0; r < m_model->rowCount(parent); ++r)
            names << m_model->index(r, 0, parent).data().toString();
        return names;
    }

    static int countKind(const SchemaNode *node, Kind kind)
    {
        int n = node->kind() == kind ? 1 : 0;
        for (int i = 0; i < node->childCount(); ++i)
            n += countKind(node->child(i), kind);
        return n;
    }

private slots:
    void initTestCase()
    {
        if (Corpus::conformanceRun() && Corpus::root().isEmpty())
            QSKIP("SLIPWAY_CORPUS unset: conformance run skipped (see scripts/fetch-corpus)");
        QString error;
        const auto databases = SchemaFixtures::recreateKindsAndRealistic(Prefix, &error);
        QVERIFY2(!databases.kinds.isEmpty() && !databases.realistic.isEmpty(), qPrintable(error));
        m_kinds = databases.kinds;
        m_realistic = databases.realistic;
        ThreadGuard::forbidCurrentThread();
    }

    void init()
    {
        m_worker = openWorker(m_kinds);
        QVERIFY(m_worker);
        m_model = std::make_unique<SchemaTreeModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_worker.reset();
    }

    void cleanupTestCase()
    {
        ThreadGuard::allowAllThreads();
        QString error;
        QVERIFY2(SchemaFixtures::dropKindsAndRealistic(Prefix, &error), qPrintable(error));
    }

    void emptyWithoutConnection()
    {
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->hasChildren());
        QVERIFY(!m_model->canFetchMore({}));
    }

    // Without a tester walking the tree, nothing is read before it is asked for.
    void lazyUntilAsked()
    {
        SchemaTreeModel lazy;
        QSignalSpy loading(&lazy, &SchemaTreeModel::loadingChanged);
        QSignalSpy loaded(&lazy, &SchemaTreeModel::nodeLoaded);
        lazy.setConnection(m_worker.get());
        QVERIFY(lazy.isLoading());
        QCOMPARE(lazy.rowCount(), 0); // nothing until the answer arrives
        QVERIFY(waitIdle(lazy));
        QCOMPARE(loading.count(), 2);
        QCOMPARE(loaded.count(), 1);
        QStringList top;
        for (int r = 0; r < lazy.rowCount(); ++r)
            top << lazy.index(r, 0).data().toString();
        QCOMPARE(top.last(), QStringLiteral("Extensions")); // after the schemas
        top.sort(); // schema order is the database's collation
        QCOMPARE(top,
                 (QStringList{QStringLiteral("Extensions"),
                              QStringLiteral("Odd \"Names\""),
                              QStringLiteral("kinds"),
                              QStringLiteral("public")}));
        const QModelIndex kinds = lazy.find({}, Kind::Schema, QStringLiteral("kinds"));
        const QModelIndex odd = lazy.find({}, Kind::Schema, QStringLiteral("Odd \"Names\""));
        QVERIFY(lazy.hasChildren(kinds));
        QVERIFY(lazy.canFetchMore(kinds));
        QCOMPARE(lazy.rowCount(kinds), 0);
        QCOMPARE(kinds.data(SchemaTreeModel::DetailRole).toString(), QStringLiteral("5 tables"));
        lazy.fetchMore(kinds);
        QVERIFY(kinds.data(SchemaTreeModel::LoadingRole).toBool());
        QCOMPARE(kinds.data(SchemaTreeModel::DetailRole).toString(), QStringLiteral("loading…"));
        QVERIFY(!lazy.canFetchMore(kinds)); // one read at a time per node
        QVERIFY(waitIdle(lazy));
        QCOMPARE(loaded.count(), 2);
        QVERIFY(lazy.rowCount(kinds) > 0);
        QVERIFY(!kinds.data(SchemaTreeModel::LoadingRole).toBool());
        QCOMPARE(lazy.rowCount(odd), 0); // its sibling was not read
        QVERIFY(lazy.canFetchMore(odd));
        const QModelIndex tables = lazy.find(kinds, Kind::Folder, QStringLiteral("Tables"));
        const QModelIndex parent = lazy.find(tables, Kind::Table, QStringLiteral("parent"));
        QVERIFY(lazy.canFetchMore(parent));
        QCOMPARE(lazy.rowCount(parent), 0);
        const QModelIndex extensions = lazy.find({}, Kind::Folder, QStringLiteral("Extensions"));
        QStringList names;
        for (int r = 0; r < lazy.rowCount(extensions); ++r)
            names << lazy.index(r, 0, extensions).data().toString();
        QCOMPARE(names, (QStringList{QStringLiteral("pg_trgm"), QStringLiteral("plpgsql")}));
    }

    void schemaExpandsIntoFolders()
    {
        m_model->setConnection(m_worker.get());
        const QModelIndex kinds = path({{Kind::Schema, QStringLiteral("kinds")}});
        QVERIFY(expand(kinds));
        QCOMPARE(childNames(kinds),
                 (QStringList{QStringLiteral("Tables"),
                              QStringLiteral("Views"),
                              QStringLiteral("Materialized Views"),
                              QStringLiteral("Sequences"),
                              QStringLiteral("Functions"),
                              QStringLiteral("Procedures"),
                              QStringLiteral("Aggregates"),
                              QStringLiteral("Types")}));
        const QModelIndex tables = m_model->find(kinds, Kind::Folder, QStringLiteral("Tables"));
        QCOMPARE(childNames(tables),
                 (QStringList{QStringLiteral("child"),
                              QStringLiteral("events"),
                              QStringLiteral("parent"),
                              QStringLiteral("remote"),
                              QStringLiteral("scratch")}));
        QCOMPARE(tables.data(SchemaTreeModel::DetailRole).toString(), QStringLiteral("5"));
        const QModelIndex sequences = m_model->find(kinds,
                                                    Kind::Folder,
                                                    QStringLiteral("Sequences"));
        QCOMPARE(childNames(sequences),
                 (QStringList{QStringLiteral("child_id_seq"),
                              QStringLiteral("parent_id_seq"),
                              QStringLiteral("ticket_seq")}));
        const QModelIndex functions = m_model->find(kinds,
                                                    Kind::Folder,
                                                    QStringLiteral("Functions"));
        const QModelIndex add = m_model->find(functions, Kind::Function, QStringLiteral("add"));
        QCOMPARE(add.data(SchemaTreeModel::DetailRole).toString(),
                 QStringLiteral("(a integer, b integer) → integer"));
        const QModelIndex types = m_model->find(kinds, Kind::Folder, QStringLiteral("Types"));
        QCOMPARE(m_model->find(types, Kind::Type, QStringLiteral("positive"))
                     .data(SchemaTreeModel::DetailRole)
                     .toString(),
                 QStringLiteral("domain over integer"));
        QCOMPARE(m_model->find(tables, Kind::ForeignTable, QStringLiteral("remote"))
                     .data(SchemaTreeModel::KindRole)
                     .toInt(),
                 int(Kind::ForeignTable));
    }

    void tableExpandsIntoItsParts()
    {
        m_model->setConnection(m_worker.get());
        const QModelIndex events = path({{Kind::Schema, QStringLiteral("kinds")},
                                         {Kind::Folder, QStringLiteral("Tables")},
                                         {Kind::PartitionedTable, QStringLiteral("events")}});
        QVERIFY(events.isValid());
        QVERIFY(expand(events));
        QCOMPARE(childNames(events),
                 (QStringList{QStringLiteral("Columns"),
                              QStringLiteral("Constraints"),
                              QStringLiteral("Indexes"),
                              QStringLiteral("Partitions")}));
        const QModelIndex columns = m_model->find(events, Kind::Folder, QStringLiteral("Columns"));
        QCOMPARE(childNames(columns),
                 (QStringList{QStringLiteral("id"),
                              QStringLiteral("happened_on"),
                              QStringLiteral("payload")}));
        const QModelIndex id = m_model->index(0, 0, columns);
        QVERIFY(id.data(SchemaTreeModel::KeyColumnRole).toBool());
        QCOMPARE(id.data(SchemaTreeModel::DetailRole).toString(),
                 QStringLiteral("bigint, not null"));
        QVERIFY(!m_model->index(2, 0, columns).data(SchemaTreeModel::KeyColumnRole).toBool());
        const QModelIndex partitions = m_model->find(events,
                                                     Kind::Folder,
                                                     QStringLiteral("Partitions"));
        QCOMPARE(childNames(partitions),
                 (QStringList{QStringLiteral("events_2024"), QStringLiteral("events_default")}));
        const QModelIndex y2024 = m_model->index(0, 0, partitions);
        QCOMPARE(y2024.data(SchemaTreeModel::DetailRole).toString(),
                 QStringLiteral("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"));
        QVERIFY(expand(y2024));
        QVERIFY(m_model->find(y2024, Kind::Folder, QStringLiteral("Indexes")).isValid());

        const QModelIndex child = path({{Kind::Schema, QStringLiteral("kinds")},
                                        {Kind::Folder, QStringLiteral("Tables")},
                                        {Kind::Table, QStringLiteral("child")}});
        QVERIFY(expand(child));
        const QModelIndex constraints = m_model->find(child,
                                                      Kind::Folder,
                                                      QStringLiteral("Constraints"));
        const QModelIndex notValid = m_model->find(constraints,
                                                   Kind::Constraint,
                                                   QStringLiteral("child_qty_small"));
        QVERIFY(notValid.data(SchemaTreeModel::WarningRole).toBool());
        QCOMPARE(notValid.data(SchemaTreeModel::DetailRole).toString(),
                 QStringLiteral("check, not valid"));
        QCOMPARE(m_model->find(constraints, Kind::Constraint, QStringLiteral("child_parent_id_fkey"))
                     .data(SchemaTreeModel::DetailRole)
                     .toString(),
                 QStringLiteral("foreign key → kinds.parent"));
        const QModelIndex triggers = m_model->find(child, Kind::Folder, QStringLiteral("Triggers"));
        QCOMPARE(m_model->find(triggers, Kind::Trigger, QStringLiteral("child_audit"))
                     .data(SchemaTreeModel::DetailRole)
                     .toString(),
                 QStringLiteral("→ kinds.touch(), disabled"));
        const QModelIndex indexes = m_model->find(child, Kind::Folder, QStringLiteral("Indexes"));
        QCOMPARE(m_model->find(indexes, Kind::Index, QStringLiteral("child_partial"))
                     .data(SchemaTreeModel::DetailRole)
                     .toString(),
                 QStringLiteral("btree (qty) WHERE (qty > 10)"));
        QCOMPARE(m_model->find(indexes, Kind::Index, QStringLiteral("child_partial"))
                     .data(SchemaTreeModel::QualifiedNameRole)
                     .toString(),
                 QStringLiteral("kinds.child_partial"));
    }

    void namesAreQuotedForSql()
    {
        m_model->setConnection(m_worker.get());
        const QString odd = QStringLiteral("Odd \"Names\"");
        const QModelIndex quoted = path({{Kind::Schema, odd},
                                         {Kind::Folder, QStringLiteral("Tables")},
                                         {Kind::Table, QStringLiteral("Table \"Quoted\" Name")}});
        QVERIFY(quoted.isValid());
        QCOMPARE(quoted.data().toString(),
                 QStringLiteral("Table \"Quoted\" Name")); // shown as named
        QCOMPARE(quoted.data(SchemaTreeModel::QualifiedNameRole).toString(),
                 QStringLiteral("\"Odd \"\"Names\"\"\".\"Table \"\"Quoted\"\" Name\""));
        QVERIFY(expand(quoted));
        const QModelIndex columns = m_model->find(quoted, Kind::Folder, QStringLiteral("Columns"));
        QStringList sqlNames;
        for (int r = 0; r < m_model->rowCount(columns); ++r)
            sqlNames << m_model->index(r, 0, columns)
                            .data(SchemaTreeModel::QualifiedNameRole)
                            .toString();
        QCOMPARE(sqlNames,
                 (QStringList{QStringLiteral("\"select\""),
                              QStringLiteral("\"Mixed Case\""),
                              QStringLiteral("\"ünïcødé\""),
                              QStringLiteral("\"with space\""),
                              QStringLiteral("\"user\"")}));
        const QModelIndex tables = quoted.parent();
        QCOMPARE(m_model->find(tables, Kind::Table, QStringLiteral("Σχήμα"))
                     .data(SchemaTreeModel::QualifiedNameRole)
                     .toString(),
                 QStringLiteral("\"Odd \"\"Names\"\"\".\"Σχήμα\""));
        QCOMPARE(m_model->find(tables, Kind::Table, QStringLiteral("user"))
                     .data(SchemaTreeModel::QualifiedNameRole)
                     .toString(),
                 QStringLiteral("\"Odd \"\"Names\"\"\".\"user\""));
    }

    void filterReloadsFromTheServer()
    {
        m_model->setConnection(m_worker.get());
        QVERIFY(waitIdle(*m_model));
        m_model->setFilter(QStringLiteral("event*"));
        QVERIFY(waitIdle(*m_model));
        QCOMPARE(childNames({}),
                 (QStringList{QStringLiteral("kinds"), QStringLiteral("Extensions")}));
        const QModelIndex tables = path(
            {{Kind::Schema, QStringLiteral("kinds")}, {Kind::Folder, QStringLiteral("Tables")}});
        QCOMPARE(childNames(tables), QStringList{QStringLiteral("events")});
        QCOMPARE(tables.parent().data(SchemaTreeModel::DetailRole).toString(),
                 QStringLiteral("1 table"));
        m_model->setFilter(QString());
        QVERIFY(waitIdle(*m_model));
        QCOMPARE(m_model->rowCount(), 4);
    }

    void systemSchemasOnRequest()
    {
        m_model->setConnection(m_worker.get());
        QVERIFY(waitIdle(*m_model));
        QVERIFY(!m_model->find({}, Kind::Schema, QStringLiteral("pg_catalog")).isValid());
        m_model->setShowSystemSchemas(true);
        QVERIFY(waitIdle(*m_model));
        QVERIFY(m_model->find({}, Kind::Schema, QStringLiteral("pg_catalog")).isValid());
        QVERIFY(m_model->find({}, Kind::Schema, QStringLiteral("information_schema")).isValid());
    }

    void refreshRereadsOneNode()
    {
        m_model->setConnection(m_worker.get());
        const QModelIndex scratch = path({{Kind::Schema, QStringLiteral("kinds")},
                                          {Kind::Folder, QStringLiteral("Tables")},
                                          {Kind::Table, QStringLiteral("scratch")}});
        QVERIFY(expand(scratch));
        const QModelIndex columns = m_model->find(scratch, Kind::Folder, QStringLiteral("Columns"));
        QCOMPARE(childNames(columns), (QStringList{QStringLiteral("k"), QStringLiteral("v")}));
        QVERIFY(run(QStringLiteral("ALTER TABLE kinds.scratch ADD COLUMN added_later date")));
        QCOMPARE(m_model->rowCount(columns), 2); // nothing changes on its own
        QSignalSpy loaded(m_model.get(), &SchemaTreeModel::nodeLoaded);
        m_model->refresh(columns); // a folder refreshes its table
        QVERIFY(waitIdle(*m_model));
        QCOMPARE(loaded.count(), 1);
        const QModelIndex again = m_model->find(scratch, Kind::Folder, QStringLiteral("Columns"));
        QCOMPARE(childNames(again),
                 (QStringList{QStringLiteral("k"),
                              QStringLiteral("v"),
                              QStringLiteral("added_later")}));
        QVERIFY(run(QStringLiteral("ALTER TABLE kinds.scratch DROP COLUMN added_later")));
    }

    void failureShowsInTheTreeAndRefreshRecovers()
    {
        m_model->setConnection(m_worker.get());
        const QModelIndex kinds = path({{Kind::Schema, QStringLiteral("kinds")}});
        QVERIFY(expand(kinds));
        QVERIFY(run(QStringLiteral("BEGIN")));
        QVERIFY(!run(QStringLiteral("SELECT 1/0")));
        QSignalSpy failed(m_model.get(), &SchemaTreeModel::loadFailed);
        m_model->refresh(kinds);
        QVERIFY(waitIdle(*m_model));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_model->rowCount(kinds), 1);
        const QModelIndex message = m_model->index(0, 0, kinds);
        QCOMPARE(message.data(SchemaTreeModel::KindRole).toInt(), int(Kind::Message));
        QVERIFY(message.data(SchemaTreeModel::WarningRole).toBool());
        QVERIFY2(message.data().toString().contains(QStringLiteral("failed transaction")),
                 qPrintable(message.data().toString()));
        QVERIFY(!m_model->hasChildren(message));
        QVERIFY(run(QStringLiteral("ROLLBACK")));
        m_model->refresh(message); // from the message itself: rereads its schema
        QVERIFY(waitIdle(*m_model));
        QVERIFY(m_model->find(kinds, Kind::Folder, QStringLiteral("Tables")).isValid());
        QCOMPARE(failed.count(), 1);
    }

    void resetWhileLoadingDropsTheAnswer()
    {
        m_model->setConnection(m_worker.get());
        m_model->setFilter(QStringLiteral("parent")); // the first read is still on its way
        QVERIFY(waitIdle(*m_model));
        QCOMPARE(childNames({}),
                 (QStringList{QStringLiteral("kinds"), QStringLiteral("Extensions")}));
        m_worker.reset(); // the connection goes away: the tree empties instead of waiting forever
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->isLoading());
    }

    // The full read gives the same tree as expanding everything, and the realistic schema's
    // objects all show: the library (tests/data/schema/library.sql), or Pagila from the corpus in
    // the conformance run (tst_schematreemodel_corpus).
    void loadAllMatchesPgCatalog_data()
    {
        QTest::addColumn<int>("tables");
        QTest::addColumn<int>("views");
        QTest::addColumn<int>("sequences");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("quotedType");
        QTest::addColumn<QString>("qualified");
        if (Corpus::conformanceRun()) {
            // Published shape of Pagila on PostgreSQL 15 (corpus INDEX.tsv): 71 tables incl. the
            // payment partitions, 7 views, 1 materialized view, 13 sequences.
            QTest::newRow("pagila")
                << 71 << 7 << 13 << QStringLiteral("public") << QStringLiteral("bıgınt")
                << QStringLiteral("public.\"bıgınt\"");
        } else {
            // library.sql's header: 35 tables incl. the loan_event partitions, 5 views, 1
            // materialized view, 17 sequences.
            QTest::newRow("library")
                << 35 << 5 << 17 << QStringLiteral("lending") << QStringLiteral("größe")
                << QStringLiteral("lending.\"größe\"");
        }
    }

    void loadAllMatchesPgCatalog()
    {
        QFETCH(int, tables);
        QFETCH(int, views);
        QFETCH(int, sequences);
        QFETCH(QString, schema);
        QFETCH(QString, quotedType);
        QFETCH(QString, qualified);
        m_worker = openWorker(m_realistic);
        QVERIFY(m_worker);
        m_model->setConnection(m_worker.get());
        QVERIFY(waitIdle(*m_model));
        QSignalSpy full(m_model.get(), &SchemaTreeModel::fullyLoaded);
        m_model->loadAll();
        QVERIFY(full.wait(30000) || !full.isEmpty());
        const SchemaNode *root = m_model->rootNode();
        QCOMPARE(countKind(root, Kind::Table) + countKind(root, Kind::PartitionedTable), tables);
        QCOMPARE(countKind(root, Kind::View), views);
        QCOMPARE(countKind(root, Kind::MaterializedView), 1);
        QCOMPARE(countKind(root, Kind::Sequence), sequences);
        QCOMPARE(countKind(root, Kind::Aggregate), 1);
        const QModelIndex schemaIndex = m_model->find({}, Kind::Schema, schema);
        QVERIFY(schemaIndex.isValid());
        QVERIFY(!m_model->canFetchMore(schemaIndex)); // already loaded
        const QModelIndex types = m_model->find(schemaIndex, Kind::Folder, QStringLiteral("Types"));
        QVERIFY(m_model->find(types, Kind::Type, quotedType).isValid());
        QCOMPARE(m_model->find(types, Kind::Type, quotedType)
                     .data(SchemaTreeModel::QualifiedNameRole)
                     .toString(),
                 qualified);
        // The lazy path gives the same tree: under a tester every node gets fetched as the tester
        // walks it, which expands everything.
        SchemaTreeModel lazy;
        QAbstractItemModelTester tester(&lazy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        lazy.setConnection(m_worker.get());
        QVERIFY(waitIdle(lazy));
        for (Kind kind : {Kind::Schema,
                          Kind::Folder,
                          Kind::Table,
                          Kind::PartitionedTable,
                          Kind::View,
                          Kind::MaterializedView,
                          Kind::Sequence,
                          Kind::Function,
                          Kind::Aggregate,
                          Kind::Type,
                          Kind::Extension,
                          Kind::Column,
                          Kind::Constraint,
                          Kind::Index,
                          Kind::Trigger}) {
            QCOMPARE(countKind(lazy.rootNode(), kind), countKind(root, kind));
        }
        QCOMPARE(lazy.rootNode()->subtreeSize(), root->subtreeSize());
    }
};

QTEST_GUILESS_MAIN(TestSchemaTreeModel)
#include "tst_schematreemodel.moc"
