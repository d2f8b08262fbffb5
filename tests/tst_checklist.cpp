// Deploy checklists as data: the compiled-in templates, a folder's own file, and errors that name
// the file and the field.

#include "deploy/checklist.h"
#include "deploy/deploysession.h"

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
        QTest::newRow("misspelt item key") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual", "requird": false}]})")
                                           << QStringLiteral("c.json: items[0].requird: unknown field");
        QTest::newRow("misspelt root key") << QByteArray(R"({"name": "x", "item": [], "items": [{"id": "a", "title": "A", "kind": "manual"}]})")
                                           << QStringLiteral("c.json: item: unknown field");
        QTest::newRow("verify before applying") << QByteArray(R"({"name": "x", "items": [{"id": "v", "title": "V", "kind": "verify", "phase": "prepare"}]})")
                                                << QStringLiteral("c.json: items[0].phase: the verify check belongs to the verify phase");
        QTest::newRow("signers not a list") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}], "distinctSigners": {"a": "b"}})")
                                            << QStringLiteral("c.json: distinctSigners: expected an array of groups of manual item ids");
        QTest::newRow("group of one") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}], "distinctSigners": [["a"]]})")
                                      << QStringLiteral("c.json: distinctSigners[0]: expected an array of at least two manual item ids");
        QTest::newRow("group not a list") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}], "distinctSigners": ["a"]})")
                                          << QStringLiteral("c.json: distinctSigners[0]: expected an array of at least two manual item ids");
        QTest::newRow("signer of no item") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}, {"id": "b", "title": "B", "kind": "manual"}],
                                                          "distinctSigners": [["a", "b"], ["b", "nobody"]]})")
                                           << QStringLiteral("c.json: distinctSigners[1][1]: no item has the id \"nobody\"; the manual items are a, b");
        QTest::newRow("signer of a check") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}, {"id": "b", "title": "B", "kind": "backup"}],
                                                          "distinctSigners": [["a", "b"]]})")
                                           << QStringLiteral("c.json: distinctSigners[0][1]: \"b\" is checked automatically, not signed off");
        QTest::newRow("same item twice") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}], "distinctSigners": [["a", " a"]]})")
                                         << QStringLiteral("c.json: distinctSigners[0][1]: \"a\" is already in this group");
        QTest::newRow("signer id not text") << QByteArray(R"({"name": "x", "items": [{"id": "a", "title": "A", "kind": "manual"}], "distinctSigners": [["a", 2]]})")
                                            << QStringLiteral("c.json: distinctSigners[0][1]: expected the id of a manual item");
        QTest::newRow("backup after applying") << QByteArray(R"({"name": "x", "items": [{"id": "b", "title": "B", "kind": "backup", "phase": "verify"}]})")
                                               << QStringLiteral("c.json: items[0].phase: the backup check runs before the migrations");
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

    // The four-eyes rule: the pre-migration template wants the approval from someone other than
    // the one who signs the application code off, and a group survives the editor's round trip.
    void distinctSignersReadAndWrite()
    {
        QString error;
        const Checklist preMigration = Checklist::fromTemplate(QStringLiteral("pre-migration"), &error);
        QVERIFY2(preMigration.isValid(), qPrintable(error));
        QCOMPARE(preMigration.distinctSigners(), QList<QStringList>({{QStringLiteral("app-code"), QStringLiteral("approval")}}));
        QCOMPARE(preMigration.distinctFrom(QStringLiteral("approval")), QStringList({QStringLiteral("app-code")}));
        QVERIFY(preMigration.distinctFrom(QStringLiteral("monitoring")).isEmpty());

        const Checklist ours = Checklist::fromJson(R"({"name": "x", "items": [
            {"id": "a", "title": "A", "kind": "manual"}, {"id": "b", "title": "B", "kind": "manual"},
            {"id": "c", "title": "C", "kind": "manual", "phase": "verify"}],
            "distinctSigners": [[" b ", "a"], ["b", "c"]]})",
                                                   QStringLiteral("c.json"), &error);
        QVERIFY2(ours.isValid(), qPrintable(error));
        const QList<QStringList> groups{{QStringLiteral("b"), QStringLiteral("a")}, {QStringLiteral("b"), QStringLiteral("c")}};
        QCOMPARE(ours.distinctSigners(), groups);
        QCOMPARE(ours.distinctFrom(QStringLiteral("b")), QStringList({QStringLiteral("a"), QStringLiteral("c")}));
        const Checklist copy = Checklist::fromJson(ours.toJson(), QStringLiteral("copy.json"), &error);
        QVERIFY2(copy.isValid(), qPrintable(error));
        QCOMPARE(copy.distinctSigners(), groups);
        // A checklist without the rule is written as before.
        QVERIFY(!Checklist::fromTemplate(QStringLiteral("quality-gate"), &error).toJson().contains("distinctSigners"));
    }

    // One person on two items of a group is no-go, naming both items and the person, however
    // the name is spelt; different people go. A clash with a verify-phase item is judged with
    // the verification, since that sign-off comes after the go.
    void sameSignerTwiceInAGroupIsNoGo()
    {
        QString error;
        const Checklist checklist = Checklist::fromJson(R"({"name": "x", "items": [
            {"id": "app-code", "title": "Code reviewed", "kind": "manual"},
            {"id": "approval", "title": "Change approved", "kind": "manual"},
            {"id": "monitoring", "title": "Dashboards watched", "kind": "manual", "phase": "execute"},
            {"id": "smoke", "title": "Smoke test", "kind": "manual", "phase": "verify"}],
            "distinctSigners": [["app-code", "approval"], ["approval", "app-code", "smoke"]]})",
                                                        QStringLiteral("c.json"), &error);
        QVERIFY2(checklist.isValid(), qPrintable(error));
        DeploySession session(DeployTarget{}, checklist);
        const auto sign = [&session](const char *id, const char *name) {
            session.sign(QString::fromLatin1(id), {QString::fromUtf8(name), QStringLiteral("ok"), QDateTime::currentDateTimeUtc()});
        };
        sign("approval", "Ann");
        sign("app-code", "  ann ");
        sign("monitoring", "Ann"); // not in a group: anyone may sign it
        DeploySession::Decision decision = session.decision();
        QVERIFY(!decision.go);
        // Once, although the pair is in two groups.
        QCOMPARE(decision.blockers, QStringList({QStringLiteral("\"Code reviewed\" and \"Change approved\" are both signed off "
                                                                "by ann; the checklist asks for different people")}));

        sign("app-code", "Bob");
        QVERIFY(session.decision().go);

        sign("smoke", "ANN");
        QVERIFY(session.decision().go);
        QCOMPARE(session.verification().blockers,
                 QStringList({QStringLiteral("\"Change approved\" and \"Smoke test\" are both signed off by Ann; the checklist "
                                             "asks for different people")}));
        sign("smoke", "Cy");
        QVERIFY(session.verification().go);
    }

    // Required items must be done and pass; an optional blocking item stops the deploy only once
    // it ran and failed; the rest only warn.
    void decisionFollowsRequiredAndBlocking()
    {
        QString error;
        const Checklist checklist = Checklist::fromJson(R"({"name": "x", "items": [
            {"id": "req-check", "title": "Required check", "kind": "pending", "blocking": false},
            {"id": "req-manual", "title": "Required sign-off", "kind": "manual", "blocking": false},
            {"id": "opt-blocking", "title": "Optional blocking", "kind": "impact", "required": false},
            {"id": "opt-soft", "title": "Optional soft", "kind": "backup", "required": false, "blocking": false},
            {"id": "after", "title": "After", "kind": "verify", "phase": "verify"}]})",
                                                        QStringLiteral("c.json"), &error);
        QVERIFY2(checklist.isValid(), qPrintable(error));
        DeploySession session(DeployTarget{}, checklist);
        const auto result = [](CheckResult::Status status) {
            CheckResult checked;
            checked.status = status;
            checked.summary = CheckResult::statusName(status);
            return checked;
        };

        // Nothing done: the required ones block; the optional ones that did not run only warn.
        DeploySession::Decision decision = session.decision();
        QVERIFY(!decision.go);
        QCOMPARE(decision.blockers, QStringList({QStringLiteral("Required check: not checked yet"),
                                                 QStringLiteral("Required sign-off: not signed off")}));
        QCOMPARE(decision.warnings.size(), 2);

        session.setResult(QStringLiteral("req-check"), result(CheckResult::Status::Passed));
        session.sign(QStringLiteral("req-manual"), {QStringLiteral("Ann"), QString(), QDateTime::currentDateTimeUtc()});
        QVERIFY(session.decision().go);

        // An optional blocking check that ran and failed stops the deploy; a soft one warns.
        session.setResult(QStringLiteral("opt-blocking"), result(CheckResult::Status::Failed));
        session.setResult(QStringLiteral("opt-soft"), result(CheckResult::Status::Failed));
        decision = session.decision();
        QVERIFY(!decision.go);
        QCOMPARE(decision.blockers, QStringList({QStringLiteral("Optional blocking: failed")}));
        QCOMPARE(decision.warnings, QStringList({QStringLiteral("Optional soft: failed")}));

        // A required check cut short by Cancel is not a pass.
        session.setResult(QStringLiteral("opt-blocking"), result(CheckResult::Status::Passed));
        session.setResult(QStringLiteral("req-check"), result(CheckResult::Status::Cancelled));
        decision = session.decision();
        QVERIFY(!decision.go);
        QCOMPARE(decision.blockers, QStringList({QStringLiteral("Required check: cancelled before it finished")}));

        // The verify phase has its own verdict under the same rule.
        QVERIFY(!session.verification().go);
        session.setResult(QStringLiteral("after"), result(CheckResult::Status::Failed));
        QCOMPARE(session.verification().blockers, QStringList({QStringLiteral("After: failed")}));
        session.setResult(QStringLiteral("after"), result(CheckResult::Status::Passed));
        QVERIFY(session.verification().go);
    }
};

QTEST_GUILESS_MAIN(TestChecklist)
#include "tst_checklist.moc"
