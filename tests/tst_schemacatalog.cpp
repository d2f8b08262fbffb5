#include "corpus.h"
#include "schemafixtures.h"
#include "testsandbox.h"

#include "db/pgconnection.h"
#include "schema/pgcatalogreader.h"
#include "schema/sqlidentifier.h"

#include <QTest>

#include <algorithm>

// PostgreSQL introspection (PgCatalogReader, PgCatalogQueries) against real databases: one with
// every object kind, and a lending library of realistic shape (tests/data/schema/library.sql).
// Expected values come from the SQL that built the objects, counted by hand, and from direct
// pg_catalog counts, never from the reader itself. The conformance run of countsMatchPgCatalog
// (tst_schemacatalog_corpus) reads Pagila from $SLIPWAY_CORPUS instead of the library.
class TestSchemaCatalog : public QObject
{
    Q_OBJECT

    static inline const QString Prefix = QStringLiteral("slipway_schema_catalog");
    QString m_kinds;
    QString m_realistic;
    std::unique_ptr<PgConnection> m_kindsDb;

    template<typename T>
    static const T *byName(const QList<T> &list, const QString &name)
    {
        auto it = std::find_if(list.cbegin(), list.cend(), [&](const T &t) {
            return t.name == name;
        });
        return it == list.cend() ? nullptr : &*it;
    }

    static const CatalogRelation *relation(const Catalog &catalog,
                                           const QString &schema,
                                           const QString &name)
    {
        for (const CatalogRelation &r : catalog.relations) {
            if (r.schema == schema && r.name == name)
                return &r;
        }
        return nullptr;
    }

    template<typename T>
    static QList<T> of(const QList<T> &list, CatalogOid relation)
    {
        QList<T> result;
        for (const T &t : list) {
            if (t.relationOid == relation)
                result.append(t);
        }
        return result;
    }

    static qint64 count(PgConnection &db, const QString &sql)
    {
        return db.fetchAll(sql).text(0, 0).toLongLong();
    }

private slots:
    void initTestCase()
    {
        if (Corpus::conformanceRun() && Corpus::root().isEmpty())
            QSKIP("SLIPWAY_CORPUS unset: conformance run skipped (see scripts/fetch-corpus)");
        QString error;
        QVERIFY2(!TestSandbox::conninfo(QStringLiteral("postgres"), &error).isEmpty(),
                 qPrintable(error));
        const auto databases = SchemaFixtures::recreateKindsAndRealistic(Prefix, &error);
        QVERIFY2(!databases.kinds.isEmpty() && !databases.realistic.isEmpty(), qPrintable(error));
        m_kinds = databases.kinds;
        m_realistic = databases.realistic;
        m_kindsDb = std::make_unique<PgConnection>(m_kinds);
        m_kindsDb->open();
    }

    void cleanupTestCase()
    {
        m_kindsDb.reset();
        QString error;
        QVERIFY2(SchemaFixtures::dropKindsAndRealistic(Prefix, &error), qPrintable(error));
    }

    void schemasHideSystemUnlessAsked()
    {
        PgCatalogReader reader(*m_kindsDb);
        const QList<CatalogSchema> user = reader.readSchemas(CatalogScope::everything(false));
        QStringList names;
        for (const CatalogSchema &s : user)
            names << s.name;
        QVERIFY(names.contains(QStringLiteral("kinds")));
        QVERIFY(names.contains(QStringLiteral("Odd \"Names\"")));
        QVERIFY(names.contains(QStringLiteral("public")));
        QVERIFY(!names.contains(QStringLiteral("pg_catalog")));
        QVERIFY(!names.contains(QStringLiteral("information_schema")));
        QCOMPARE(byName(user, QStringLiteral("kinds"))->comment,
                 QStringLiteral("one of everything"));
        // parent, child, events, scratch, remote: partitions do not count at schema level.
        QCOMPARE(byName(user, QStringLiteral("kinds"))->tableCount, 5);

        const QList<CatalogSchema> all = reader.readSchemas(CatalogScope::everything(true));
        QVERIFY(byName(all, QStringLiteral("pg_catalog")));
        QVERIFY(byName(all, QStringLiteral("pg_catalog"))->system);
        QVERIFY(byName(all, QStringLiteral("information_schema")));
        QVERIFY(!byName(all, QStringLiteral("kinds"))->system);
    }

    void relationsOfEveryKind()
    {
        const Catalog catalog = PgCatalogReader(*m_kindsDb)
                                    .readEverything(CatalogScope::everything());
        const QString k = QStringLiteral("kinds");
        using Kind = CatalogRelation::Kind;
        QVERIFY(relation(catalog, k, QStringLiteral("parent")));
        QCOMPARE(relation(catalog, k, QStringLiteral("parent"))->kind, Kind::Table);
        QCOMPARE(relation(catalog, k, QStringLiteral("parent"))->comment,
                 QStringLiteral("the parent table"));
        QCOMPARE(relation(catalog, k, QStringLiteral("parent"))->options,
                 QStringList{QStringLiteral("fillfactor=80")});
        const CatalogRelation *events = relation(catalog, k, QStringLiteral("events"));
        QVERIFY(events);
        QCOMPARE(events->kind, Kind::PartitionedTable);
        QCOMPARE(events->partitionKey, QStringLiteral("RANGE (happened_on)"));
        const CatalogRelation *y2024 = relation(catalog, k, QStringLiteral("events_2024"));
        QVERIFY(y2024);
        QVERIFY(y2024->isPartition);
        QCOMPARE(y2024->parentOid, events->oid);
        QCOMPARE(y2024->parentName, QStringLiteral("events"));
        QCOMPARE(y2024->partitionBound,
                 QStringLiteral("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"));
        QCOMPARE(relation(catalog, k, QStringLiteral("events_default"))->partitionBound,
                 QStringLiteral("DEFAULT"));
        QCOMPARE(relation(catalog, k, QStringLiteral("scratch"))->persistence, 'u');
        const CatalogRelation *remote = relation(catalog, k, QStringLiteral("remote"));
        QCOMPARE(remote->kind, Kind::ForeignTable);
        QCOMPARE(remote->foreignServer, QStringLiteral("kinds_server"));
        QCOMPARE(remote->foreignOptions, QStringList{QStringLiteral("table_name=remote_table")});
        QCOMPARE(relation(catalog, k, QStringLiteral("parent_codes"))->kind, Kind::View);
        QCOMPARE(relation(catalog, k, QStringLiteral("mood_counts"))->kind, Kind::MaterializedView);

        const CatalogRelation *ticket = relation(catalog, k, QStringLiteral("ticket_seq"));
        QCOMPARE(ticket->kind, Kind::Sequence);
        QCOMPARE(ticket->sequenceType, QStringLiteral("integer"));
        QCOMPARE(ticket->sequenceStart, 100);
        QCOMPARE(ticket->sequenceIncrement, 5);
        QCOMPARE(ticket->sequenceMin, 100);
        QCOMPARE(ticket->sequenceMax, 100000);
        QCOMPARE(ticket->sequenceCache, 10);
        QVERIFY(ticket->sequenceCycle);
        QCOMPARE(ticket->ownerDependency, char(0));
        const CatalogRelation *serial = relation(catalog, k, QStringLiteral("child_id_seq"));
        QCOMPARE(serial->ownerDependency, 'a');
        QCOMPARE(serial->ownedByTable, QStringLiteral("child"));
        QCOMPARE(serial->ownedByColumn, QStringLiteral("id"));
        const CatalogRelation *identity = relation(catalog, k, QStringLiteral("parent_id_seq"));
        QCOMPARE(identity->ownerDependency, 'i');
        QCOMPARE(identity->ownedByColumn, QStringLiteral("id"));
    }

    void columnsConstraintsIndexesTriggers()
    {
        const Catalog catalog = PgCatalogReader(*m_kindsDb)
                                    .readEverything(CatalogScope::everything());
        const QString k = QStringLiteral("kinds");
        const CatalogRelation *parent = relation(catalog, k, QStringLiteral("parent"));
        const QList<CatalogColumn> columns = of(catalog.columns, parent->oid);
        QCOMPARE(columns.size(), 9);
        QCOMPARE(columns.at(0).name, QStringLiteral("id"));
        QCOMPARE(columns.at(0).identity, 'a');
        QVERIFY(columns.at(0).notNull);
        QCOMPARE(columns.at(1).collation, QStringLiteral("C"));
        QCOMPARE(columns.at(1).comment, QStringLiteral("business key"));
        QCOMPARE(columns.at(2).defaultExpression, QStringLiteral("'none'::text"));
        QVERIFY(columns.at(2).collation.isEmpty());
        QCOMPARE(columns.at(3).generated, 's');
        QCOMPARE(columns.at(3).defaultExpression, QStringLiteral("length(code)"));
        QCOMPARE(columns.at(5).type, QStringLiteral("kinds.positive"));
        QCOMPARE(columns.at(6).defaultExpression,
                 QStringLiteral("nextval('kinds.ticket_seq'::regclass)"));

        const CatalogRelation *child = relation(catalog, k, QStringLiteral("child"));
        const QList<CatalogConstraint> constraints = of(catalog.constraints, child->oid);
        const CatalogConstraint *fk = byName(constraints, QStringLiteral("child_parent_id_fkey"));
        QVERIFY(fk);
        QCOMPARE(fk->type, 'f');
        QCOMPARE(fk->referencedSchema, k);
        QCOMPARE(fk->referencedTable, QStringLiteral("parent"));
        QCOMPARE(fk->onDelete, 'c');
        QCOMPARE(fk->onUpdate, 'n');
        QCOMPARE(fk->columns, QList<int>{2});
        QVERIFY(fk->validated);
        QVERIFY(!byName(constraints, QStringLiteral("child_qty_small"))->validated);
        const CatalogConstraint *self = byName(constraints, QStringLiteral("child_self"));
        QVERIFY(self->deferrable && self->deferred && !self->validated);
        QCOMPARE(byName(constraints, QStringLiteral("child_qty_check"))->definition,
                 QStringLiteral("CHECK ((qty >= 0))"));
        QCOMPARE(byName(constraints, QStringLiteral("child_pkey"))->type, 'p');
        QVERIFY(std::any_of(constraints.cbegin(),
                            constraints.cend(),
                            [](const CatalogConstraint &c) { return c.type == 'x'; }));

        const QList<CatalogIndex> indexes = of(catalog.indexes, child->oid);
        QVERIFY(byName(indexes, QStringLiteral("child_partial"))->partial);
        QVERIFY(byName(indexes, QStringLiteral("child_note_lower"))->hasExpressions);
        QCOMPARE(byName(indexes, QStringLiteral("child_note_trgm"))->method, QStringLiteral("gin"));
        const CatalogIndex *pkey = byName(indexes, QStringLiteral("child_pkey"));
        QVERIFY(pkey->primary && pkey->unique && pkey->valid);
        QCOMPARE(pkey->constraintName, QStringLiteral("child_pkey"));
        QVERIFY(pkey->sizeBytes > 0);
        QCOMPARE(pkey->columns, QList<int>{1});
        QCOMPARE(
            byName(indexes, QStringLiteral("child_partial"))->definition,
            QStringLiteral(
                "CREATE INDEX child_partial ON kinds.child USING btree (qty) WHERE (qty > 10)"));
        const CatalogRelation *y2024 = relation(catalog, k, QStringLiteral("events_2024"));
        const QList<CatalogIndex> partitionIndexes = of(catalog.indexes, y2024->oid);
        QCOMPARE(partitionIndexes.size(),
                 2); // the primary key and events_payload, both from the parent
        QVERIFY(std::all_of(partitionIndexes.cbegin(),
                            partitionIndexes.cend(),
                            [](const CatalogIndex &i) { return i.inherited; }));
        // One list: begin and end of two temporaries would walk from one into the other.
        const QList<CatalogConstraint> partitionConstraints = of(catalog.constraints, y2024->oid);
        QVERIFY(!partitionConstraints.isEmpty());
        QVERIFY(std::all_of(partitionConstraints.cbegin(),
                            partitionConstraints.cend(),
                            [](const CatalogConstraint &c) { return c.inherited; }));

        const QList<CatalogTrigger> triggers = of(catalog.triggers, child->oid);
        QCOMPARE(triggers.size(), 2);
        QCOMPARE(byName(triggers, QStringLiteral("child_touch"))->function, QStringLiteral("touch"));
        QCOMPARE(byName(triggers, QStringLiteral("child_touch"))->functionSchema, k);
        QCOMPARE(byName(triggers, QStringLiteral("child_audit"))->enabled, 'D');
        QCOMPARE(byName(triggers, QStringLiteral("child_touch"))->enabled, 'O');
    }

    void routinesTypesExtensions()
    {
        const Catalog catalog = PgCatalogReader(*m_kindsDb)
                                    .readEverything(CatalogScope::everything());
        QList<CatalogRoutine> routines;
        for (const CatalogRoutine &r : catalog.routines) {
            if (r.schema == QLatin1String("kinds"))
                routines.append(r);
        }
        QCOMPARE(routines.size(), 4);
        QCOMPARE(byName(routines, QStringLiteral("add"))->arguments,
                 QStringLiteral("a integer, b integer"));
        QCOMPARE(byName(routines, QStringLiteral("add"))->result, QStringLiteral("integer"));
        QCOMPARE(byName(routines, QStringLiteral("add"))->language, QStringLiteral("sql"));
        QCOMPARE(byName(routines, QStringLiteral("touch"))->result, QStringLiteral("trigger"));
        QCOMPARE(byName(routines, QStringLiteral("reset_scratch"))->kind, 'p');
        QVERIFY(byName(routines, QStringLiteral("reset_scratch"))->result.isEmpty());
        QCOMPARE(byName(routines, QStringLiteral("total"))->kind, 'a');

        QList<CatalogType> types;
        for (const CatalogType &t : catalog.types) {
            if (t.schema == QLatin1String("kinds"))
                types.append(t);
        }
        QStringList typeNames;
        for (const CatalogType &t : types)
            typeNames << t.name;
        // No array types (_mood) and no multirange twin (floatmultirange).
        QCOMPARE(typeNames,
                 (QStringList{QStringLiteral("floatrange"),
                              QStringLiteral("mood"),
                              QStringLiteral("pair"),
                              QStringLiteral("positive")}));
        const CatalogType *mood = byName(types, QStringLiteral("mood"));
        QCOMPARE(mood->kind, 'e');
        QCOMPARE(mood->enumLabels,
                 (QStringList{QStringLiteral("sad"),
                              QStringLiteral("ok"),
                              QStringLiteral("happy"),
                              QStringLiteral("it's complicated")}));
        QCOMPARE(mood->comment, QStringLiteral("how it went"));
        const CatalogType *pair = byName(types, QStringLiteral("pair"));
        QCOMPARE(pair->kind, 'c');
        QCOMPARE(pair->attributes.size(), 2);
        QCOMPARE(pair->attributes.at(1).first, QStringLiteral("y"));
        QCOMPARE(pair->attributes.at(1).second, QStringLiteral("text"));
        const CatalogType *positive = byName(types, QStringLiteral("positive"));
        QCOMPARE(positive->kind, 'd');
        QCOMPARE(positive->baseType, QStringLiteral("integer"));
        QVERIFY(positive->notNull);
        QCOMPARE(positive->defaultExpression, QStringLiteral("1"));
        QCOMPARE(positive->constraints.size(), 1);
        QCOMPARE(positive->constraints.at(0).first, QStringLiteral("positive_check"));
        QCOMPARE(positive->constraints.at(0).second, QStringLiteral("CHECK ((VALUE > 0))"));
        QCOMPARE(byName(types, QStringLiteral("floatrange"))->rangeSubtype,
                 QStringLiteral("double precision"));

        QStringList extensions;
        for (const CatalogExtension &e : catalog.extensions)
            extensions << e.name;
        QCOMPARE(extensions, (QStringList{QStringLiteral("pg_trgm"), QStringLiteral("plpgsql")}));
        QVERIFY(!catalog.extensions.first().version.isEmpty());
    }

    void oddNamesArriveRaw()
    {
        const Catalog catalog = PgCatalogReader(*m_kindsDb)
                                    .readEverything(CatalogScope::everything());
        const QString odd = QStringLiteral("Odd \"Names\"");
        const CatalogRelation *quoted = relation(catalog,
                                                 odd,
                                                 QStringLiteral("Table \"Quoted\" Name"));
        QVERIFY(quoted);
        QStringList columns;
        for (const CatalogColumn &c : of(catalog.columns, quoted->oid))
            columns << c.name;
        QCOMPARE(columns,
                 (QStringList{QStringLiteral("select"),
                              QStringLiteral("Mixed Case"),
                              QStringLiteral("ünïcødé"),
                              QStringLiteral("with space"),
                              QStringLiteral("user")}));
        QVERIFY(relation(catalog, odd, QStringLiteral("user")));
        QVERIFY(relation(catalog, odd, QStringLiteral("Σχήμα")));
        QVERIFY(relation(catalog, odd, QStringLiteral("Order")));
        QVERIFY(byName(of(catalog.indexes, quoted->oid), QStringLiteral("Idx.With.Dots")));
    }

    // Each lazy read returns exactly the slice of the full read it stands for.
    void lazyReadsAgreeWithFullRead()
    {
        PgCatalogReader reader(*m_kindsDb);
        const Catalog all = reader.readEverything(CatalogScope::everything());
        const CatalogSchema *kinds = byName(all.schemas, QStringLiteral("kinds"));
        QVERIFY(kinds);
        const Catalog objects = reader.readSchemaObjects(CatalogScope::schemas({kinds->oid}));
        QStringList lazy, full;
        for (const CatalogRelation &r : objects.relations)
            lazy << r.name;
        for (const CatalogRelation &r : all.relations) {
            if (r.schemaOid == kinds->oid && !r.isPartition)
                full << r.name;
        }
        QCOMPARE(lazy, full);
        QVERIFY(!lazy.contains(QStringLiteral("events_2024")));
        QCOMPARE(objects.routines.size(), 4);
        QCOMPARE(objects.types.size(), 4);
        QVERIFY(objects.columns.isEmpty());

        const CatalogRelation *events = relation(all,
                                                 QStringLiteral("kinds"),
                                                 QStringLiteral("events"));
        const Catalog parts = reader.readRelationParts({events->oid});
        QCOMPARE(parts.columns.size(), of(all.columns, events->oid).size());
        QCOMPARE(parts.constraints.size(), of(all.constraints, events->oid).size());
        QCOMPARE(parts.indexes.size(), of(all.indexes, events->oid).size());
        QStringList partitions;
        for (const CatalogRelation &r : parts.relations)
            partitions << r.name;
        QCOMPARE(partitions,
                 (QStringList{QStringLiteral("events_2024"), QStringLiteral("events_default")}));
    }

    void filterRunsInTheQuery_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("schemas");
        QTest::addColumn<QStringList>("kindsObjects");
        QTest::newRow("substring")
            << QStringLiteral("EVENT") << QStringList{QStringLiteral("kinds")}
            << QStringList{QStringLiteral("events")};
        QTest::newRow("glob") << QStringLiteral("p*t") << QStringList{QStringLiteral("kinds")}
                              << QStringList{QStringLiteral("parent")};
        QTest::newRow("glob ?") << QStringLiteral("?dd") << QStringList{QStringLiteral("kinds")}
                                << QStringList{QStringLiteral("add")};
        QTest::newRow("quoted name")
            << QStringLiteral("\"quoted\"") << QStringList{QStringLiteral("Odd \"Names\"")}
            << QStringList{};
        QTest::newRow("percent is literal")
            << QStringLiteral("%") << QStringList{} << QStringList{};
        QTest::newRow("underscore is literal")
            << QStringLiteral("ticket_") << QStringList{QStringLiteral("kinds")}
            << QStringList{QStringLiteral("ticket_seq")};
        QTest::newRow("type") << QStringLiteral("mood") << QStringList{QStringLiteral("kinds")}
                              << QStringList{QStringLiteral("mood"), QStringLiteral("mood_counts")};
    }

    void filterRunsInTheQuery()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, schemas);
        QFETCH(QStringList, kindsObjects);
        PgCatalogReader reader(*m_kindsDb);
        const NameFilter nameFilter(filter);
        QStringList schemaNames;
        CatalogOid kindsOid = 0;
        for (const CatalogSchema &s :
             reader.readSchemas(CatalogScope::everything(false, nameFilter)))
            schemaNames << s.name;
        QCOMPARE(schemaNames, schemas);
        for (const CatalogSchema &s : reader.readSchemas(CatalogScope::everything()))
            kindsOid = s.name == QLatin1String("kinds") ? s.oid : kindsOid;
        const Catalog objects = reader.readSchemaObjects(
            CatalogScope::schemas({kindsOid}, false, nameFilter));
        QStringList names;
        for (const CatalogRelation &r : objects.relations)
            names << r.name;
        for (const CatalogRoutine &r : objects.routines)
            names << r.name;
        for (const CatalogType &t : objects.types)
            names << t.name;
        names.sort();
        QCOMPARE(names, kindsObjects);
    }

    // Every kind the browser lists, counted by pg_catalog directly. The realistic schema must
    // match its shape as counted by hand too: the library's 35 tables (with the loan_event
    // partitions) and 17 sequences, or Pagila's documented 71 tables (with the payment
    // partitions) in the conformance run.
    void countsMatchPgCatalog_data()
    {
        QTest::addColumn<QString>("database");
        if (Corpus::conformanceRun()) {
            QTest::newRow("pagila") << QStringLiteral("pagila");
            return;
        }
        QTest::newRow("all kinds") << QStringLiteral("kinds");
        QTest::newRow("library") << QStringLiteral("library");
    }

    void countsMatchPgCatalog()
    {
        QFETCH(QString, database);
        PgConnection db(database == QLatin1String("kinds") ? m_kinds : m_realistic);
        db.open();
        const Catalog catalog = PgCatalogReader(db).readEverything(CatalogScope::everything());
        const QString user = QStringLiteral(
            "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'");
        auto relations = [&](const QString &kinds) {
            return count(
                db,
                QStringLiteral(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind IN (%1) AND %2")
                    .arg(kinds, user));
        };
        auto countKinds = [&](std::initializer_list<CatalogRelation::Kind> kinds) {
            return qint64(std::count_if(catalog.relations.cbegin(),
                                        catalog.relations.cend(),
                                        [&](const CatalogRelation &r) {
                                            return std::find(kinds.begin(), kinds.end(), r.kind)
                                                   != kinds.end();
                                        }));
        };
        using Kind = CatalogRelation::Kind;
        const qint64 tables = relations(QStringLiteral("'r','p','f'"));
        QCOMPARE(countKinds({Kind::Table, Kind::PartitionedTable, Kind::ForeignTable}), tables);
        if (database == QLatin1String("pagila"))
            QCOMPARE(tables, 71);
        if (database == QLatin1String("library")) {
            QCOMPARE(tables, 35);
            QCOMPARE(countKinds({Kind::PartitionedTable}), 1);
            QCOMPARE(countKinds({Kind::View}), 5);
            QCOMPARE(countKinds({Kind::MaterializedView}), 1);
            QCOMPARE(countKinds({Kind::Sequence}), 17);
        }
        QCOMPARE(countKinds({Kind::View}), relations(QStringLiteral("'v'")));
        QCOMPARE(countKinds({Kind::MaterializedView}), relations(QStringLiteral("'m'")));
        QCOMPARE(countKinds({Kind::Sequence}), relations(QStringLiteral("'S'")));
        QCOMPARE(
            qint64(catalog.columns.size()),
            count(db,
                  QStringLiteral(
                      "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 "
                      "AND NOT a.attisdropped AND c.relkind IN ('r','p','f','v','m') AND %1")
                      .arg(user)));
        QCOMPARE(qint64(catalog.constraints.size()),
                 count(db,
                       QStringLiteral("SELECT count(*) FROM pg_constraint co JOIN pg_class c ON "
                                      "c.oid = co.conrelid "
                                      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1")
                           .arg(user)));
        QCOMPARE(qint64(catalog.indexes.size()), relations(QStringLiteral("'i','I'")));
        QCOMPARE(qint64(catalog.triggers.size()),
                 count(db,
                       QStringLiteral(
                           "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE NOT t.tgisinternal AND %1")
                           .arg(user)));
        for (const char kind : {'f', 'p', 'a', 'w'}) {
            const qint64 listed = std::count_if(catalog.routines.cbegin(),
                                                catalog.routines.cend(),
                                                [kind](const CatalogRoutine &r) {
                                                    return r.kind == kind;
                                                });
            QCOMPARE(listed,
                     count(db,
                           QStringLiteral("SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
                                          "ON n.oid = p.pronamespace WHERE p.prokind = '%1' AND %2 "
                                          // range constructors are part of their type
                                          "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE "
                                          "d.classid = 'pg_proc'::regclass AND d.objid = p.oid "
                                          "AND d.deptype = 'i')")
                               .arg(QLatin1Char(kind))
                               .arg(user)));
        }
        const qint64 enums = std::count_if(catalog.types.cbegin(),
                                           catalog.types.cend(),
                                           [](const CatalogType &t) { return t.kind == 'e'; });
        QCOMPARE(enums,
                 count(db,
                       QStringLiteral("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid "
                                      "= t.typnamespace "
                                      "WHERE t.typtype = 'e' AND %1")
                           .arg(user)));
        const qint64 domains = std::count_if(catalog.types.cbegin(),
                                             catalog.types.cend(),
                                             [](const CatalogType &t) { return t.kind == 'd'; });
        QCOMPARE(domains,
                 count(db,
                       QStringLiteral("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid "
                                      "= t.typnamespace "
                                      "WHERE t.typtype = 'd' AND %1")
                           .arg(user)));
        const qint64 composites = std::count_if(catalog.types.cbegin(),
                                                catalog.types.cend(),
                                                [](const CatalogType &t) { return t.kind == 'c'; });
        QCOMPARE(composites, relations(QStringLiteral("'c'")));
        QCOMPARE(qint64(catalog.extensions.size()),
                 count(db, QStringLiteral("SELECT count(*) FROM pg_extension")));
        if (database == QLatin1String("pagila")) {
            // The domain whose name needs quoting on any keyboard: public."bıgınt".
            QVERIFY(
                std::any_of(catalog.types.cbegin(), catalog.types.cend(), [](const CatalogType &t) {
                    return t.name == QStringLiteral("bıgınt") && t.kind == 'd';
                }));
            QCOMPARE(SqlIdentifier::qualified(u"public", u"bıgınt"),
                     QStringLiteral("public.\"bıgınt\""));
        }
        if (database == QLatin1String("library")) {
            // The domain whose name needs quoting: lending."größe"; 2 enums, 1 composite type,
            // 5 functions, 1 procedure, 1 aggregate, 4 triggers (library.sql's header).
            QVERIFY(
                std::any_of(catalog.types.cbegin(), catalog.types.cend(), [](const CatalogType &t) {
                    return t.name == QStringLiteral("größe") && t.kind == 'd';
                }));
            QCOMPARE(SqlIdentifier::qualified(u"lending", u"größe"),
                     QStringLiteral("lending.\"größe\""));
            QCOMPARE(enums, 2);
            QCOMPARE(domains, 2);
            QCOMPARE(composites, 1);
            auto routines = [&](char kind) {
                return qint64(
                    std::count_if(catalog.routines.cbegin(),
                                  catalog.routines.cend(),
                                  [kind](const CatalogRoutine &r) { return r.kind == kind; }));
            };
            QCOMPARE(routines('f'), 5);
            QCOMPARE(routines('p'), 1);
            QCOMPARE(routines('a'), 1);
            QCOMPARE(qint64(catalog.triggers.size()), 4);
        }
    }

    void readsInsideTheUsersTransaction()
    {
        PgConnection db(m_kinds);
        db.open();
        PgCatalogReader reader(db);
        (void) reader.readEverything(CatalogScope::everything());
        QCOMPARE(db.transactionState(), Connection::TransactionState::Idle); // own snapshot ended

        db.execute(QStringLiteral("BEGIN"));
        db.execute(QStringLiteral("CREATE TABLE kinds.uncommitted (id int)"));
        const CatalogSchema *kinds = nullptr;
        const QList<CatalogSchema> schemas = reader.readSchemas(CatalogScope::everything());
        kinds = byName(schemas, QStringLiteral("kinds"));
        const Catalog objects = reader.readSchemaObjects(CatalogScope::schemas({kinds->oid}));
        QVERIFY(byName(objects.relations, QStringLiteral("uncommitted")));
        QCOMPARE(db.transactionState(), Connection::TransactionState::InTransaction); // left open

        QVERIFY_THROWS_EXCEPTION(DbException, db.execute(QStringLiteral("SELECT 1/0")));
        QCOMPARE(db.transactionState(), Connection::TransactionState::Failed);
        try {
            (void) reader.readSchemaObjects(CatalogScope::schemas({kinds->oid}));
            QFAIL("reading inside a failed transaction must be refused");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(QStringLiteral("ROLLBACK")),
                     qPrintable(e.error().message));
        }
        QCOMPARE(db.transactionState(), Connection::TransactionState::Failed); // not ours to end
        db.execute(QStringLiteral("ROLLBACK"));
        const Catalog after = reader.readSchemaObjects(CatalogScope::schemas({kinds->oid}));
        QVERIFY(!byName(after.relations, QStringLiteral("uncommitted")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaCatalog)
#include "tst_schemacatalog.moc"
