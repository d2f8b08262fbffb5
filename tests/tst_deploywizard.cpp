// The deploy wizard offscreen: the whole walk from setup to report against the fixture server,
// and a wizard closed half-way that resumes where it was.

#include "db/pgconnection.h"
#include "auditdialog.h"
#include "checklisteditordialog.h"
#include "deploy/checklistitemmodel.h"
#include "db/databasechanges.h"
#include "deploy/auditlog.h"
#include "deploypages.h"
#include "deploywizard.h"
#include "guitest.h"
#include "testsandbox.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTreeWidget>

class TestDeployWizard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_server;
    QHash<QString, DeployTarget> m_targets; // made before the GUI thread is barred from the database

    DeployTarget target(const QString &database)
    {
        PgConnection admin(m_server);
        admin.open();
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
        admin.execute(QStringLiteral("CREATE DATABASE %1").arg(database));
        DeployTarget target;
        target.conninfo = TestSandbox::conninfo(database);
        target.displayName = database;
        target.migrationDirectory = m_dir.filePath(database);
        PgConnection db(target.conninfo);
        db.open();
        db.execute(QStringLiteral("CREATE TABLE parcels (id int PRIMARY KEY); INSERT INTO parcels SELECT generate_series(1, 200)"));
        auto write = [&](const QString &name, const QByteArray &text) {
            QDir().mkpath(target.migrationDirectory);
            QFile file(QDir(target.migrationDirectory).filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(text);
        };
        write(QStringLiteral("V1__weight.sql"), "ALTER TABLE parcels ADD COLUMN weight_g int;\n");
        write(QStringLiteral("U1__weight.sql"), "ALTER TABLE parcels DROP COLUMN weight_g;\n");
        write(QStringLiteral("slipway-checklist.json"),
              R"({"name": "Wizard test", "items": [
                  {"id": "pending", "title": "Pending reviewed", "kind": "pending"},
                  {"id": "backup", "title": "Backup verified", "kind": "backup"},
                  {"id": "rehearsal", "title": "Rollback rehearsed", "kind": "rehearsal"},
                  {"id": "approval", "title": "Approved", "kind": "manual"},
                  {"id": "verify", "title": "Verified", "kind": "verify", "phase": "verify"}]})");
        return target;
    }

    static bool waitComplete(QWizard &wizard, int ms = 180000)
    {
        return QTest::qWaitFor([&] { return wizard.currentPage()->isComplete(); }, ms);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!m_server.isEmpty(), qPrintable(error));
        qputenv("SLIPWAY_AUDIT_DB", m_dir.filePath(QStringLiteral("audit.sqlite")).toUtf8());
        for (const QString &name : {QStringLiteral("wizard_walk"), QStringLiteral("wizard_resume"), QStringLiteral("wizard_lint"),
                                    QStringLiteral("wizard_prod"), QStringLiteral("wizard_eyes")})
            m_targets.insert(name, target(name));
        // wizard_lint: a blocking index on a table big enough that the finding stays an error.
        const DeployTarget lint = m_targets.value(QStringLiteral("wizard_lint"));
        PgConnection db(lint.conninfo);
        db.open();
        db.execute(QStringLiteral("INSERT INTO parcels SELECT generate_series(201, 20000); ANALYZE parcels"));
        QFile index(QDir(lint.migrationDirectory).filePath(QStringLiteral("V2__parcel_index.sql")));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("CREATE INDEX parcels_weight ON parcels (weight_g);\n");
        index.close();
        QFile checklist(QDir(lint.migrationDirectory).filePath(QStringLiteral("slipway-checklist.json")));
        QVERIFY(checklist.open(QIODevice::WriteOnly | QIODevice::Truncate));
        checklist.write(R"({"name": "Lint only", "items": [{"id": "lint", "title": "Lint clean", "kind": "lint-clean"}]})");
        QFile eyes(QDir(m_targets.value(QStringLiteral("wizard_eyes")).migrationDirectory).filePath(QStringLiteral("slipway-checklist.json")));
        QVERIFY(eyes.open(QIODevice::WriteOnly | QIODevice::Truncate));
        eyes.write(R"({"name": "Four eyes", "items": [
                       {"id": "app-code", "title": "Code tested", "kind": "manual"},
                       {"id": "approval", "title": "Approved", "kind": "manual"},
                       {"id": "monitoring", "title": "Dashboards watched", "kind": "manual", "phase": "execute"}],
                       "distinctSigners": [["app-code", "approval"]]})");
        eyes.close();
        GuiTest::prepareApplication(QStringLiteral("tst_deploywizard"));
    }

    void wholeWalk()
    {
        const DeployTarget deploy = m_targets.value(QStringLiteral("wizard_walk"));
        DeployWizard wizard(deploy, m_dir.filePath(QStringLiteral("state")));
        wizard.setRehearsalServer(m_server);
        wizard.show();
        QSignalSpy changes(DatabaseChanges::instance(), &DatabaseChanges::changed);
        QCOMPARE(wizard.currentId(), int(DeployWizard::SetupPage));
        QCOMPARE(wizard.findChild<QLineEdit *>(QStringLiteral("folder"))->text(), deploy.migrationDirectory);
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.next();

        QCOMPARE(wizard.currentId(), int(DeployWizard::ChecksPage));
        QVERIFY(!wizard.currentPage()->isComplete()); // the checks started by themselves
        QVERIFY(waitComplete(wizard));
        auto *items = wizard.currentPage()->findChild<QTreeWidget *>(QStringLiteral("items"));
        QCOMPARE(items->topLevelItemCount(), 3);
        for (int i = 0; i < items->topLevelItemCount(); ++i)
            QVERIFY2(wizard.session().result(items->topLevelItem(i)->data(0, Qt::UserRole).toString()).passed(),
                     qPrintable(items->topLevelItem(i)->text(2)));
        items->setCurrentItem(items->topLevelItem(1));
        QVERIFY(wizard.currentPage()->findChild<QTextBrowser *>(QStringLiteral("evidence"))->toPlainText().contains(QStringLiteral("Backup verified")));
        QVERIFY(GuiTest::saveShot(wizard, QStringLiteral("deploy-wizard-checks.png")));

        // Run one check again: its row shows its own progress bar while it runs.
        items->setCurrentItem(items->topLevelItem(2));
        QCOMPARE(items->currentItem()->data(0, Qt::UserRole).toString(), QStringLiteral("rehearsal"));
        wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("rerun"))->click();
        QVERIFY(!wizard.currentPage()->isComplete());
        QVERIFY(QTest::qWaitFor([&] { return items->findChild<QProgressBar *>(QStringLiteral("itemProgress")) != nullptr
                                             || wizard.currentPage()->isComplete(); }, 60000));
        QVERIFY(waitComplete(wizard));
        QVERIFY2(wizard.session().result(QStringLiteral("rehearsal")).status == CheckResult::Status::Passed,
                 qPrintable(wizard.session().result(QStringLiteral("rehearsal")).summary));
        QVERIFY(!items->findChild<QProgressBar *>(QStringLiteral("itemProgress")));
        wizard.next();

        QCOMPARE(wizard.currentId(), int(DeployWizard::SignOffPage));
        auto *approval = wizard.currentPage()->findChild<QWidget *>(QStringLiteral("signOff_approval"));
        QVERIFY(approval);
        auto *signedOff = approval->findChild<QCheckBox *>(QStringLiteral("signed"));
        QVERIFY(!signedOff->isEnabled()); // a name first
        QTest::keyClicks(approval->findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("Ann"));
        QTest::keyClicks(approval->findChild<QLineEdit *>(QStringLiteral("note")), QStringLiteral("change 7"));
        signedOff->click();
        QCOMPARE(wizard.session().signOff(QStringLiteral("approval")).name, QStringLiteral("Ann"));
        wizard.next();

        QCOMPARE(wizard.currentId(), int(DeployWizard::SummaryPage));
        QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("decision"))->text(), QStringLiteral("Go"));
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.next();

        QCOMPARE(wizard.currentId(), int(DeployWizard::ExecutePage));
        QVERIFY(!wizard.currentPage()->isComplete());
        wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("apply"))->click();
        QVERIFY(waitComplete(wizard, 60000));
        QCOMPARE(wizard.execution().applied, QStringList({QStringLiteral("1 weight")}));
        wizard.next();

        QCOMPARE(wizard.currentId(), int(DeployWizard::VerifyPage));
        QVERIFY(waitComplete(wizard, 60000));
        QVERIFY2(wizard.session().result(QStringLiteral("verify")).passed(), qPrintable(wizard.session().result(QStringLiteral("verify")).summary));
        wizard.next();

        QCOMPARE(wizard.currentId(), int(DeployWizard::ReportPage));
        const QString report = wizard.currentPage()->findChild<QTextBrowser *>(QStringLiteral("report"))->toPlainText();
        QVERIFY2(report.contains(QStringLiteral("Outcome: applied")), qPrintable(report.left(400)));
        QVERIFY(report.contains(QStringLiteral("signed by Ann")));
        // It says where the dump and the rehearsal data are and how big, and removes them.
        auto *work = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("workDirectory"));
        QVERIFY2(work->text().contains(QDir::toNativeSeparators(wizard.workDirectory())), qPrintable(work->text()));
        QVERIFY(QFileInfo(wizard.workDirectory()).isDir());
        QVERIFY2(QRegularExpression(QStringLiteral("\\(\\d[\\d.,]* (bytes|KiB|MiB|GiB)")).match(work->text()).hasMatch(),
                 qPrintable(work->text()));
        wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("removeWork"))->click();
        QVERIFY(!QFileInfo::exists(wizard.workDirectory()));
        QVERIFY(work->text().startsWith(QStringLiteral("Removed")));
        QString error;
        QVERIFY2(static_cast<DeployReportPage *>(wizard.currentPage())->saveReport(m_dir.filePath(QStringLiteral("wizard.pdf")), &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("wizard.pdf"))).size() > 1000);
        const QList<AuditEntry> audit = AuditLog().entries(&error);
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.first().outcome, QStringLiteral("applied"));
        QCOMPARE(audit.first().connection, QStringLiteral("wizard_walk"));
        QVERIFY(!QFile::exists(wizard.statePath())); // finished: the next deploy starts fresh
        // Windows showing the target hear that it changed.
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().at(0).toString(),
                 ConnectionProfile::targetKey(Connection::Engine::PostgreSQL, deploy.conninfo));
        QCOMPARE(changes.first().at(1).value<DatabaseChanges::Source>(), DatabaseChanges::Source::Deploy);

        // The audit log lists it and shows its report.
        AuditDialog dialog;
        QVERIFY(dialog.table()->rowCount() >= 1);
        QCOMPARE(dialog.table()->item(0, 4)->text(), QStringLiteral("applied"));
        QCOMPARE(dialog.table()->item(0, 2)->text(), QStringLiteral("wizard_walk"));
        QVERIFY(dialog.reportView()->toPlainText().contains(
            QStringLiteral("Deploy of %1 to ").arg(QDir(deploy.migrationDirectory).dirName())));
        QVERIFY(dialog.reportView()->toPlainText().contains(QStringLiteral("Checklist: Wizard test")));
    }

    void lintFindingAcceptedInTheWizard()
    {
        DeployWizard wizard(m_targets.value(QStringLiteral("wizard_lint")), m_dir.filePath(QStringLiteral("state")));
        wizard.setRehearsalServer(m_server);
        wizard.show();
        wizard.next();
        QVERIFY(waitComplete(wizard));
        QCOMPARE(wizard.session().result(QStringLiteral("lint")).status, CheckResult::Status::Failed);
        auto *page = static_cast<DeployChecksPage *>(wizard.currentPage());
        auto *accept = page->findChild<QPushButton *>(QStringLiteral("acceptLint"));
        QVERIFY(accept->isVisible());
        page->acceptLint();
        auto *dialog = page->findChild<QDialog *>(QStringLiteral("lintAcceptDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QComboBox *>(QStringLiteral("key"))->currentText().startsWith(QStringLiteral("require-concurrent-index-creation@")));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("Cy"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("reason")), QStringLiteral("quiet hour"));
        dialog->accept();
        QVERIFY(QTest::qWaitFor([&] { return wizard.session().result(QStringLiteral("lint")).status == CheckResult::Status::Passed; }, 60000));
        QVERIFY(wizard.session().result(QStringLiteral("lint")).evidence.contains(QStringLiteral("accepted by Cy: quiet hour")));
        QVERIFY(!accept->isVisible());
    }

    void closedWizardResumes()
    {
        const DeployTarget deploy = m_targets.value(QStringLiteral("wizard_resume"));
        QString statePath;
        {
            DeployWizard wizard(deploy, m_dir.filePath(QStringLiteral("state")));
            wizard.setRehearsalServer(m_server);
            wizard.show();
            QVERIFY(!wizard.resumed());
            wizard.next();
            QVERIFY(waitComplete(wizard));
            wizard.next();
            auto *approval = wizard.currentPage()->findChild<QWidget *>(QStringLiteral("signOff_approval"));
            QTest::keyClicks(approval->findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("Bob"));
            approval->findChild<QCheckBox *>(QStringLiteral("signed"))->click();
            statePath = wizard.statePath();
        } // closed half-way, on the sign-off page
        QVERIFY(QFile::exists(statePath));
        const auto auditEntries = [] {
            QString error;
            int count = 0;
            for (const AuditEntry &entry : AuditLog().entries(&error))
                count += entry.connection == QLatin1String("wizard_resume") ? 1 : 0;
            return count;
        };
        {
            DeployWizard again(deploy, m_dir.filePath(QStringLiteral("state")));
            again.setRehearsalServer(m_server);
            QVERIFY(again.resumed());
            again.show();
            QCOMPARE(again.currentId(), int(DeployWizard::SignOffPage)); // where it was
            QCOMPARE(again.session().result(QStringLiteral("backup")).status, CheckResult::Status::Passed);
            QCOMPARE(again.session().signOff(QStringLiteral("approval")).name, QStringLiteral("Bob"));
            again.next();
            QCOMPARE(again.currentPage()->findChild<QLabel *>(QStringLiteral("decision"))->text(), QStringLiteral("Go"));
            again.next();
            QCOMPARE(again.currentId(), int(DeployWizard::ExecutePage));
            again.currentPage()->findChild<QPushButton *>(QStringLiteral("apply"))->click();
            QVERIFY(waitComplete(again, 60000));
            // Executed: in the audit trail at once, before any report.
            QCOMPARE(auditEntries(), 1);
        } // closed after applying, before verifying
        QCOMPARE(auditEntries(), 1); // closing did not record it twice
        DeployWizard third(deploy, m_dir.filePath(QStringLiteral("state")));
        third.setRehearsalServer(m_server);
        QVERIFY(third.resumed());
        QCOMPARE(third.execution().outcome, DeployExecution::Outcome::Applied);
        third.show();
        QCOMPARE(third.currentId(), int(DeployWizard::VerifyPage)); // applied migrations are not offered again
        QVERIFY(waitComplete(third, 60000));
        const CheckResult verified = third.session().result(QStringLiteral("verify"));
        QVERIFY2(verified.passed(), qPrintable(verified.summary));
        // The touched tables came back with the resume file, so ANALYZE still knows them.
        QVERIFY2(verified.evidence.contains(QStringLiteral("ANALYZE: public.parcels")), qPrintable(verified.evidence));
        third.next();
        QCOMPARE(third.currentId(), int(DeployWizard::ReportPage));
        QCOMPARE(auditEntries(), 1); // the same entry, completed
        QString error;
        const AuditEntry entry = AuditLog().entry(third.auditId(), &error);
        QCOMPARE(entry.outcome, QStringLiteral("applied"));
        QVERIFY2(entry.report.contains(QStringLiteral("applied — verified")), qPrintable(entry.report.left(400)));
        QVERIFY(!QFile::exists(statePath));
    }

    // A blocking item left open is a no-go the summary explains; a production target wants its
    // database name typed before Apply is enabled.
    void noGoAndProductionConfirmation()
    {
        DeployTarget deploy = m_targets.value(QStringLiteral("wizard_prod"));
        deploy.production = true;
        DeployWizard wizard(deploy, m_dir.filePath(QStringLiteral("state")));
        wizard.setRehearsalServer(m_server);
        wizard.show();
        wizard.next();
        QVERIFY(waitComplete(wizard));
        // Cancel at once after Run all: nothing runs to the end, and Run all afterwards works.
        auto *page = static_cast<DeployChecksPage *>(wizard.currentPage());
        page->runAll();
        page->findChild<QPushButton *>(QStringLiteral("cancel"))->click();
        QVERIFY(waitComplete(wizard));
        QVERIFY(!wizard.session().decision().go);
        QVERIFY(wizard.session().result(QStringLiteral("rehearsal")).status != CheckResult::Status::Passed);
        page->runAll();
        QVERIFY(waitComplete(wizard));
        for (const QString &id : {QStringLiteral("pending"), QStringLiteral("backup"), QStringLiteral("rehearsal")})
            QVERIFY2(wizard.session().result(id).status == CheckResult::Status::Passed, qPrintable(id + wizard.session().result(id).summary));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DeployWizard::SignOffPage));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DeployWizard::SummaryPage));
        QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("decision"))->text(), QStringLiteral("No-go"));
        QVERIFY(!wizard.currentPage()->isComplete());
        auto *reasons = wizard.currentPage()->findChild<QListWidget *>();
        QVERIFY(reasons);
        QVERIFY(!reasons->findItems(QStringLiteral("Approved: not signed off"), Qt::MatchContains).isEmpty());

        wizard.back();
        auto *approval = wizard.currentPage()->findChild<QWidget *>(QStringLiteral("signOff_approval"));
        QTest::keyClicks(approval->findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("Dee"));
        approval->findChild<QCheckBox *>(QStringLiteral("signed"))->click();
        wizard.next();
        QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("decision"))->text(), QStringLiteral("Go"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DeployWizard::ExecutePage));
        auto *confirm = wizard.currentPage()->findChild<QLineEdit *>(QStringLiteral("confirmDatabase"));
        auto *apply = wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("apply"));
        QVERIFY(confirm->isVisible());
        QVERIFY(!apply->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("wizard_pro"));
        QVERIFY(!apply->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("d"));
        QVERIFY(apply->isEnabled());
        QVERIFY(GuiTest::saveShot(wizard, QStringLiteral("deploy-wizard-production.png")));
    }

    // Four eyes: the sign-off page says which items need another person, and one name on both
    // is a no-go the summary explains, naming both items and the person.
    void oneSignerForGroupedItemsIsNoGo()
    {
        DeployWizard wizard(m_targets.value(QStringLiteral("wizard_eyes")), m_dir.filePath(QStringLiteral("state")));
        wizard.show();
        wizard.next();
        QVERIFY(waitComplete(wizard));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DeployWizard::SignOffPage));
        const auto box = [&](const char *id) {
            return wizard.currentPage()->findChild<QWidget *>(QStringLiteral("signOff_") + QLatin1String(id));
        };
        const auto hint = [&](const char *id) {
            auto *label = box(id)->findChild<QLabel *>(QStringLiteral("distinctSigner"));
            return label ? label->text() : QString();
        };
        QCOMPARE(hint("approval"), QStringLiteral("Needs a different person from \"Code tested\"."));
        QCOMPARE(hint("app-code"), QStringLiteral("Needs a different person from \"Approved\"."));
        QVERIFY(hint("monitoring").isEmpty());
        const auto sign = [&](const char *id, const QString &name) {
            QTest::keyClicks(box(id)->findChild<QLineEdit *>(QStringLiteral("name")), name);
            box(id)->findChild<QCheckBox *>(QStringLiteral("signed"))->click();
        };
        sign("app-code", QStringLiteral("Ann"));
        sign("approval", QStringLiteral("ann"));
        sign("monitoring", QStringLiteral("Ann"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DeployWizard::SummaryPage));
        QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("decision"))->text(), QStringLiteral("No-go"));
        QVERIFY(!wizard.currentPage()->isComplete());
        auto *reasons = wizard.currentPage()->findChild<QListWidget *>(QStringLiteral("reasons"));
        QCOMPARE(reasons->count(), 1);
        QCOMPARE(reasons->item(0)->text(), QStringLiteral("Blocking: \"Code tested\" and \"Approved\" are both signed off by Ann; "
                                                          "the checklist asks for different people"));

        wizard.back();
        box("approval")->findChild<QCheckBox *>(QStringLiteral("signed"))->click(); // unsigned: editable again
        box("approval")->findChild<QLineEdit *>(QStringLiteral("name"))->clear();
        sign("approval", QStringLiteral("Bob"));
        wizard.next();
        QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("decision"))->text(), QStringLiteral("Go"));
    }

    // The setup page names the folder's layout and the tool whose table the deploy records in,
    // and follows the folder field.
    void setupNamesTheFoldersTool()
    {
        QTemporaryDir folder;
        QFile changelog(folder.filePath(QStringLiteral("changelog.sql")));
        QVERIFY(changelog.open(QIODevice::WriteOnly));
        changelog.write("--liquibase formatted sql\n--changeset ann:1\nCREATE TABLE t (id int);\n");
        changelog.close();
        DeployTarget deploy = m_targets.value(QStringLiteral("wizard_walk"));
        DeployWizard wizard(deploy, m_dir.filePath(QStringLiteral("state-tool")));
        wizard.show();
        auto *tool = wizard.findChild<QLabel *>(QStringLiteral("folderTool"));
        QVERIFY(tool);
        // The fixture's folder is Flyway-style (V1__, U1__): Slipway's own layout.
        QCOMPARE(tool->text(),
                 QStringLiteral("Flyway file names, recorded in Slipway's history table"));
        auto *field = wizard.findChild<QLineEdit *>(QStringLiteral("folder"));
        field->setText(folder.path());
        QCOMPARE(tool->text(),
                 QStringLiteral("Liquibase formatted SQL, recorded in Liquibase's history table"));
        field->setText(folder.filePath(QStringLiteral("missing")));
        QVERIFY(tool->text().isEmpty());
    }

    void setupEditsTheChecklist()
    {
        QTemporaryDir folder;
        QFile migration(folder.filePath(QStringLiteral("V1__note.sql")));
        QVERIFY(migration.open(QIODevice::WriteOnly));
        migration.write("ALTER TABLE parcels ADD COLUMN note text;\n");
        migration.close();
        DeployTarget deploy = m_targets.value(QStringLiteral("wizard_walk"));
        deploy.migrationDirectory = folder.path();
        DeployWizard wizard(deploy, m_dir.filePath(QStringLiteral("state-edit")));
        wizard.show();
        auto *checklist = wizard.findChild<QComboBox *>(QStringLiteral("checklist"));
        QCOMPARE(checklist->findData(QStringLiteral("folder")), -1); // no file of its own yet
        checklist->setCurrentIndex(checklist->findData(QStringLiteral("quality-gate")));
        QString error;
        const Checklist gate = Checklist::fromTemplate(QStringLiteral("quality-gate"), &error);

        wizard.findChild<QPushButton *>(QStringLiteral("editChecklist"))->click();
        auto *dialog = wizard.findChild<ChecklistEditorDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->model()->rowCount(), int(gate.items().size()));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("name"));
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("Our gate"));
        dialog->view()->setCurrentIndex(dialog->model()->index(0, 0));
        dialog->removeCurrentItem();
        QVERIFY2(dialog->save(), qPrintable(dialog->errorText()));

        // The folder now has its own checklist, and the page uses it.
        QCOMPARE(checklist->currentData().toString(), QStringLiteral("folder"));
        const Checklist saved = Checklist::fromFile(QDir(folder.path()).filePath(Checklist::folderFileName()), &error);
        QVERIFY2(saved.isValid(), qPrintable(error));
        QCOMPARE(saved.name(), QStringLiteral("Our gate"));
        QCOMPARE(saved.items().size(), gate.items().size() - 1);
        QCOMPARE(saved.items().first().id, gate.items().at(1).id);
        QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("checklistNote"))->text().contains(Checklist::folderFileName()));
        QVERIFY(wizard.currentPage()->isComplete());
    }

    void setupChoosesTheDatabase()
    {
        // Opened for wizard_lint; deployed to wizard_resume's database, chosen from the saved
        // profiles with a password typed on the page.
        const DeployTarget opened = m_targets.value(QStringLiteral("wizard_lint"));
        ConnectionProfile other;
        other.name = QStringLiteral("Staging");
        other.conninfo = TestSandbox::conninfo(QStringLiteral("wizard_resume"));
        other.production = true;
        ConnectionProfile same; // the open connection again: listed once
        same.name = QStringLiteral("Open one");
        same.conninfo = opened.conninfo;
        ConnectionProfile sqlite;
        sqlite.name = QStringLiteral("Local file");
        sqlite.engine = Connection::Engine::SQLite;
        sqlite.conninfo = m_dir.filePath(QStringLiteral("local.sqlite"));
        ConnectionProfile missing;
        missing.name = QStringLiteral("Gone");
        missing.conninfo = TestSandbox::conninfo(QStringLiteral("no_such_database"));

        DeployTarget openTarget = opened;
        openTarget.displayName = same.displayTarget();
        DeployWizard wizard(openTarget, m_dir.filePath(QStringLiteral("state-choose")));
        wizard.setProfiles({other, same, sqlite, missing});
        wizard.setRehearsalServer(m_server);
        wizard.show();
        auto *choice = wizard.findChild<QComboBox *>(QStringLiteral("deployConnection"));
        auto *status = wizard.findChild<QLabel *>(QStringLiteral("deployConnectionStatus"));
        auto *test = wizard.findChild<QPushButton *>(QStringLiteral("testDeployConnection"));
        QVERIFY(choice && status && test);
        QCOMPARE(choice->count(), 3); // open connection, Staging, Gone
        QVERIFY(choice->itemText(0).contains(QStringLiteral("open connection")));
        QCOMPARE(choice->currentIndex(), 0);

        choice->setCurrentIndex(2);
        test->click();
        QVERIFY(QTest::qWaitFor([&] { return status->text().startsWith(QStringLiteral("Could not connect")); }, 20000));
        QVERIFY2(status->text().contains(QStringLiteral("no_such_database")), qPrintable(status->text()));

        choice->setCurrentIndex(1);
        QVERIFY2(status->text().contains(QStringLiteral("Production")), qPrintable(status->text()));
        QTest::keyClicks(wizard.findChild<QLineEdit *>(QStringLiteral("deployPassword")), QStringLiteral("s3cret-typed"));
        test->click();
        QVERIFY(QTest::qWaitFor([&] { return status->text().startsWith(QStringLiteral("Connected:")); }, 20000));
        QVERIFY2(status->text().contains(QStringLiteral("wizard_resume")), qPrintable(status->text()));
        QVERIFY2(status->text().contains(QStringLiteral("Production")), qPrintable(status->text()));
        QVERIFY(GuiTest::saveShot(wizard, QStringLiteral("deploy-wizard-setup.png")));

        QVERIFY(wizard.currentPage()->isComplete());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DeployWizard::ChecksPage));
        QCOMPARE(wizard.session().target().displayName, other.displayTarget());
        QVERIFY(wizard.session().target().production);
        QVERIFY(wizard.session().target().conninfo.contains(QStringLiteral("s3cret-typed")));
        QVERIFY(wizard.windowTitle().contains(other.displayTarget()));
        QVERIFY(waitComplete(wizard));
        // The password stays in memory: the saved state has the database, not the secret.
        QFile state(wizard.statePath());
        QVERIFY(state.open(QIODevice::ReadOnly));
        const QByteArray saved = state.readAll();
        QVERIFY(saved.contains("wizard_resume"));
        QVERIFY(!saved.contains("s3cret-typed"));
    }
};

QTEST_MAIN(TestDeployWizard)
#include "tst_deploywizard.moc"
