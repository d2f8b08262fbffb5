// Deploy checklists as data: the compiled-in templates, a folder's own file, and errors that name
// the file and the field.

#include "deploy/checklist.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestChecklist : public QObject
{
    Q_OBJECT

private slots:
    void templatesLoad()
    {
        for (const QString &id : Checklist::templateIds()) {
            QString error;
            const Checklist checklist = Checklist::fromTemplate(id, &error);
            QVERIFY2(checklist.isValid(), qPrintable(error));
            QVERIFY(!checklist.name().isEmpty());
            // Every template proves the backup and the rollback instead of trusting a tick.
            QVERIFY2(checklist.item(QStringLiteral("backup")), qPrintable(id));
            QCOMPARE(checklist.item(QStringLiteral("backup"))->kind, QStringLiteral("backup"));
            QVERIFY2(checklist.item(QStringLiteral("rehearsal")), qPrintable(id));
            bool manual = false;
            for (const ChecklistItem &item : checklist.items())
                manual = manual || item.isManual();
            QVERIFY2(manual, qPrintable(id));
        }
        QString error;
        QVERIFY(!Checklist::fromTemplate(QStringLiteral("yolo"), &error).isValid());
        QVERIFY2(error.contains(QStringLiteral("pre-migration")), qPrintable(error));
    }

    void roundTripsThroughJson()
    {
        QString error;
        const Checklist original = Checklist::fromTemplate(QStringLiteral("zero-downtime"), &error);
        const Checklist copy = Checklist::fromJson(original.toJson(), QStringLiteral("copy.json"), &error);
        QVERIFY2(copy.isValid(), qPrintable(error));
        QCOMPARE(copy.items().size(), original.items().size());
        for (int i = 0; i < copy.items().size(); ++i) {
            QCOMPARE(copy.items().at(i).id, original.items().at(i).id);
            QCOMPARE(copy.items().at(i).phase, original.items().at(i).phase);
            QCOMPARE(copy.items().at(i).blocking, original.items().at(i).blocking);
        }
    }

    void folderFileOverridesTemplate()
    {
        QTemporaryDir dir;
        QString error;
        QCOMPARE(Checklist::forFolder(dir.path(), QStringLiteral("quality-gate"), &error).name(), QStringLiteral("Quality gate"));
        QFile file(QDir(dir.path()).filePath(Checklist::folderFileName()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"name": "Ours", "items": [{"id": "b", "title": "Backup", "kind": "backup"},
                      {"id": "ok", "title": "Product owner agrees", "kind": "manual", "phase": "verify", "blocking": false}]})");
        file.close();
        const Checklist ours = Checklist::forFolder(dir.path(), QStringLiteral("quality-gate"), &error);
        QVERIFY2(ours.isValid(), qPrintable(error));
        QCOMPARE(ours.name(), QStringLiteral("Ours"));
        QCOMPARE(ours.items().at(0).phase, ChecklistItem::Phase::Prepare); // defaults
        QVERIFY(ours.items().at(0).required && ours.items().at(0).blocking);
        QCOMPARE(ours.items().at(1).phase, ChecklistItem::Phase::Verify);
        QVERIFY(!ours.items().at(1).blocking);
    }

    void badFilesNameTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray("{\n\"name\": \"x\",\n\"items\": [\n}") << QStringLiteral("c.json:4: not valid JSON");
        QTest::newRow("no name") << QByteArray(R"({"items": [{"id": "a", "title": "A", "kind": "manual"}]})") << QStringLiteral("c.json: name:");
        QTest::newRow("no items") << QByteArray(R"({"name": "x", "items": []})") << QStringLiteral("c.json: items:");
        QTest::newRow("kind") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "magic"}]})")
                              << QStringLiteral("c.json: items[0].kind: expected \"manual\" or one of pending");
        QTest::newRow("phase") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}, {"id": "b", "title": "B", "kind": "manual", "phase": "later"}]})")
                               << QStringLiteral("c.json: items[1].phase: expected one of prepare, execute, verify");
        QTest::newRow("duplicate") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}, {"id": "a", "title": "B", "kind": "manual"}]})")
                                   << QStringLiteral("c.json: items[1].id: \"a\" is used by an earlier item");
        QTest::newRow("flag") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual", "required": "yes"}]})")
                              << QStringLiteral("c.json: items[0].required: expected true or false");
        QTest::newRow("title") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": " ", "kind": "manual"}]})")
                               << QStringLiteral("c.json: items[0].title:");
    }

    void badFilesNameTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        const Checklist checklist = Checklist::fromJson(json, QStringLiteral("c.json"), &error);
        QVERIFY(!checklist.isValid());
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestChecklist)
#include "tst_checklist.moc"
