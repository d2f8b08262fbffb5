#include "db/connectionworker.h"
#include "db/sqliteconnection.h"
#include "db/threadguard.h"
#include "schema/schematreemodel.h"
#include "schema/sqlitecatalogreader.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

// SQLite introspection on a real database file: tables, columns, keys, indexes, triggers, views,
// as records and as the browser's tree.
class TestSchemaSqlite : public QObject
{
    Q_OBJECT

    using Kind = SchemaNode::Kind;

    QTemporaryDir m_dir;
    QString m_path;

    template<typename T>
    static const T *byName(const QList<T> &list, const QString &name)
    {
        auto it = std::find_if(list.cbegin(), list.cend(), [&](const T &t) {
            return t.name == name;
        });
        return it == list.cend() ? nullptr : &*it;
    }

    template<typename T>
    static QList<T> of(const QList<T> &list, CatalogOid relation)
    {
        QList<T> result;
        std::copy_if(list.cbegin(), list.cend(), std::back_inserter(result), [&](const T &t) {
            return t.relationOid == relation;
        });
        return result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("music.sqlite"));
        SqliteConnection db(m_path, SqliteConnection::OpenMode::CreateIfMissing);
        db.open();
        for (const char *sql : {
                 "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
                 "CREATE TABLE \"Album Tracks\" (album_id INTEGER NOT NULL REFERENCES artist (id) "
                 "ON DELETE CASCADE,"
                 " track_no INTEGER NOT NULL, title TEXT DEFAULT 'untitled', length_s REAL,"
                 " doubled REAL GENERATED ALWAYS AS (length_s * 2) STORED, PRIMARY KEY (album_id, "
                 "track_no))",
                 "CREATE INDEX album_title ON \"Album Tracks\" (title) WHERE title IS NOT NULL",
                 "CREATE INDEX \"lower title\" ON \"Album Tracks\" (lower(title))",
                 "CREATE VIEW long_tracks AS SELECT title FROM \"Album Tracks\" WHERE length_s > "
                 "300",
                 "CREATE TRIGGER artist_touch AFTER UPDATE ON artist BEGIN SELECT 1; END",
                 "CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER)",
                 "INSERT INTO counter (n) VALUES (1)",
             })
            db.execute(QString::fromUtf8(sql));
    }

    void records()
    {
        SqliteConnection db(m_path);
        db.open();
        SqliteCatalogReader reader(db);
        const Catalog catalog = reader.readEverything(CatalogScope::everything());
        QCOMPARE(catalog.schemas.size(), 1);
        QCOMPARE(catalog.schemas.first().name, QStringLiteral("main"));
        QCOMPARE(catalog.schemas.first().tableCount, 3);
        QStringList names;
        for (const CatalogRelation &r : catalog.relations)
            names << r.name;
        // sqlite_sequence (from AUTOINCREMENT) is internal and hidden.
        QCOMPARE(names,
                 (QStringList{QStringLiteral("Album Tracks"),
                              QStringLiteral("artist"),
                              QStringLiteral("counter"),
                              QStringLiteral("long_tracks")}));
        QCOMPARE(byName(catalog.relations, QStringLiteral("long_tracks"))->kind,
                 CatalogRelation::Kind::View);
        QVERIFY(byName(catalog.relations, QStringLiteral("artist"))
                    ->sql.startsWith(QStringLiteral("CREATE TABLE artist")));

        const CatalogOid tracks = byName(catalog.relations, QStringLiteral("Album Tracks"))->oid;
        const QList<CatalogColumn> columns = of(catalog.columns, tracks);
        QCOMPARE(columns.size(), 5);
        QCOMPARE(columns.at(0).name, QStringLiteral("album_id"));
        QCOMPARE(columns.at(0).type, QStringLiteral("INTEGER"));
        QVERIFY(columns.at(0).notNull);
        QVERIFY(columns.at(0).primaryKeyPart);
        QCOMPARE(columns.at(2).defaultExpression, QStringLiteral("'untitled'"));
        QVERIFY(!columns.at(2).primaryKeyPart);
        QCOMPARE(columns.at(4).generated, 's');

        const QList<CatalogConstraint> constraints = of(catalog.constraints, tracks);
        auto typed = [&](char type) {
            return std::find_if(constraints.cbegin(),
                                constraints.cend(),
                                [type](const CatalogConstraint &c) { return c.type == type; });
        };
        QVERIFY(typed('p') != constraints.cend());
        QCOMPARE(typed('p')->definition, QStringLiteral("PRIMARY KEY (album_id, track_no)"));
        QVERIFY(typed('f') != constraints.cend());
        QCOMPARE(typed('f')->definition,
                 QStringLiteral("FOREIGN KEY (album_id) REFERENCES artist(id)"));
        QCOMPARE(typed('f')->onDelete, 'c');
        QCOMPARE(typed('f')->referencedTable, QStringLiteral("artist"));

        const CatalogOid artist = byName(catalog.relations, QStringLiteral("artist"))->oid;
        const QList<CatalogConstraint> artistConstraints = of(catalog.constraints, artist);
        QVERIFY(std::any_of(artistConstraints.cbegin(),
                            artistConstraints.cend(),
                            [](const CatalogConstraint &c) {
                                return c.type == 'u'
                                       && c.definition == QLatin1String("UNIQUE (name)");
                            }));

        const QList<CatalogIndex> indexes = of(catalog.indexes, tracks);
        QCOMPARE(indexes.size(), 3); // the primary key's implicit index and the two named ones
        QVERIFY(byName(indexes, QStringLiteral("album_title"))->partial);
        QVERIFY(byName(indexes, QStringLiteral("lower title"))->hasExpressions);
        QVERIFY(byName(indexes, QStringLiteral("album_title"))
                    ->definition.startsWith(QStringLiteral("CREATE INDEX album_title")));
        QVERIFY(std::any_of(indexes.cbegin(), indexes.cend(), [](const CatalogIndex &i) {
            return i.primary && i.definition == QLatin1String("PRIMARY KEY (album_id, track_no)");
        }));

        QCOMPARE(of(catalog.triggers, artist).size(), 1);
        QCOMPARE(of(catalog.triggers, artist).first().name, QStringLiteral("artist_touch"));

        // System tables on request; a filter narrows in memory exactly like the server does.
        const Catalog system = reader.readEverything(CatalogScope::everything(true));
        QVERIFY(byName(system.relations, QStringLiteral("sqlite_sequence")));
        const Catalog filtered = reader.readSchemaObjects(
            CatalogScope::schemas({SqliteCatalogReader::MainSchemaOid},
                                  false,
                                  NameFilter(QStringLiteral("*_tracks"))));
        QCOMPARE(filtered.relations.size(), 1);
        QCOMPARE(filtered.relations.first().name, QStringLiteral("long_tracks"));
        QVERIFY(
            reader
                .readSchemas(
                    CatalogScope::everything(false, NameFilter(QStringLiteral("nothing like it"))))
                .isEmpty());
        const Catalog parts = reader.readRelationParts({tracks});
        QCOMPARE(parts.columns.size(), 5);
        QCOMPARE(parts.indexes.size(), 3);
        QVERIFY(parts.relations.isEmpty());
    }

    void tree()
    {
        ThreadGuard::forbidCurrentThread();
        ConnectionWorker worker(std::make_unique<SqliteConnection>(m_path));
        QSignalSpy opened(&worker, &ConnectionWorker::opened);
        worker.open();
        QTRY_VERIFY(!opened.isEmpty());
        SchemaTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConnection(&worker);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QCOMPARE(model.rowCount(), 1); // main, and no Extensions folder
        const QModelIndex main = model.find({}, Kind::Schema, QStringLiteral("main"));
        QVERIFY(main.isValid());
        const QModelIndex tables = model.find(main, Kind::Folder, QStringLiteral("Tables"));
        QCOMPARE(model.rowCount(tables), 3);
        const QModelIndex tracks = model.find(tables, Kind::Table, QStringLiteral("Album Tracks"));
        QCOMPARE(tracks.data(SchemaTreeModel::QualifiedNameRole).toString(),
                 QStringLiteral("main.\"Album Tracks\""));
        const QModelIndex columns = model.find(tracks, Kind::Folder, QStringLiteral("Columns"));
        QCOMPARE(model.rowCount(columns), 5);
        QVERIFY(model.index(0, 0, columns).data(SchemaTreeModel::KeyColumnRole).toBool());
        QVERIFY(model.find(tracks, Kind::Folder, QStringLiteral("Indexes")).isValid());
        QVERIFY(model.find(tracks, Kind::Folder, QStringLiteral("Constraints")).isValid());
        const QModelIndex views = model.find(main, Kind::Folder, QStringLiteral("Views"));
        QCOMPARE(model.rowCount(views), 1);
        ThreadGuard::allowAllThreads();
    }
};

QTEST_GUILESS_MAIN(TestSchemaSqlite)
#include "tst_schemasqlite.moc"
