// Conformance: real migration folders from $SLIPWAY_CORPUS/migrations (golang-migrate's example,
// authelia, dbmate's test data), read and linted as folders. The core suites (tst_migrationfolder,
// tst_lintfolder) cover the same layouts with folders they write themselves.

#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "migrations/migrationfolder.h"

#include "corpus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

namespace {

QList<Finding> lintFolder(const QString &path)
{
    const MigrationFolder folder = MigrationFolder::read(path);
    if (!folder.isValid())
        qWarning("%s", qPrintable(folder.errors().join(QLatin1Char('\n'))));
    Linter linter{LintOptions{}};
    QStringList errors;
    const QList<Finding> findings = FolderLinter::lint(folder, linter, &errors);
    if (!errors.isEmpty())
        qWarning("%s", qPrintable(errors.join(QLatin1Char('\n'))));
    return findings;
}

QStringList describe(const QList<Finding> &findings)
{
    const QStringList timeouts{QStringLiteral("require-lock-timeout"),
                               QStringLiteral("require-statement-timeout")};
    QStringList result;
    for (const Finding &finding : findings) {
        if (!timeouts.contains(finding.rule))
            result.append(QStringLiteral("%1:%2 %3")
                              .arg(QFileInfo(finding.file).fileName())
                              .arg(finding.line)
                              .arg(finding.rule));
    }
    return result;
}

QStringList versions(const MigrationFolder &folder)
{
    QStringList result;
    for (const Migration &migration : folder.migrations())
        result.append(migration.version.text());
    return result;
}

} // namespace

class TestMigrationCorpus : public QObject
{
    Q_OBJECT

    QString m_migrations;

    QString corpus(const QString &path) const { return QDir(m_migrations).filePath(path); }

private slots:
    void initTestCase() { SLIPWAY_REQUIRE_CORPUS(m_migrations, QStringLiteral("migrations")); }

    void upDownGolangMigrate()
    {
        const MigrationFolder folder = MigrationFolder::read(
            corpus(QStringLiteral("golang-migrate-example/migrations")));
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::UpDown);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(folder.migrations().size(), 9);
        QCOMPARE(folder.migrations().first().version.text(), QStringLiteral("1085649617"));
        QCOMPARE(folder.migrations().last().version.text(), QStringLiteral("1885849751"));
        int withRollback = 0;
        for (const Migration &migration : folder.migrations())
            withRollback += migration.hasRollback() ? 1 : 0;
        QCOMPARE(withRollback, 5);
        const MigrationFolder::NewFiles timestamped = folder.newMigration(
            QStringLiteral("add city"));
        QCOMPARE(timestamped.version.size(), 14);
        QVERIFY(
            timestamped.upPath.endsWith(timestamped.version + QStringLiteral("_add_city.up.sql")));
        QVERIFY(timestamped.downPath.endsWith(QLatin1String("_add_city.down.sql")));
    }

    void upDownAuthelia()
    {
        // Authelia names its files V0001.Initial_Schema.up.sql.
        const MigrationFolder folder = MigrationFolder::read(
            corpus(QStringLiteral("authelia-postgres/migrations")));
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::UpDown);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(folder.migrations().size(), 26);
        QCOMPARE(folder.migrations().first().description, QStringLiteral("Initial Schema"));
        for (const Migration &migration : folder.migrations())
            QVERIFY2(migration.hasRollback(), qPrintable(migration.upPath));
    }

    void dbmateSections()
    {
        const MigrationFolder folder = MigrationFolder::read(
            corpus(QStringLiteral("dbmate-testdata/migrations")));
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::Dbmate);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(versions(folder),
                 (QStringList{QStringLiteral("20151129054053"), QStringLiteral("20200227231541")}));
        const Migration &first = folder.migrations().first();
        QVERIFY(first.sections && first.hasRollback());
        QString up, down, error;
        QVERIFY(MigrationFolder::readUp(first, &up, &error));
        QVERIFY(MigrationFolder::readDown(first, &down, &error));
        QFile file(first.upPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString whole = QString::fromUtf8(file.readAll());
        // Same length and lines as the file, so findings point at the file's lines.
        QCOMPARE(up.size(), whole.size());
        QCOMPARE(up.count(QLatin1Char('\n')), whole.count(QLatin1Char('\n')));
        QVERIFY(up.contains(QLatin1String("create table users")));
        QVERIFY(!up.contains(QLatin1String("drop table users")));
        const MigrationFolder::NewFiles single = folder.newMigration(QStringLiteral("x"));
        QCOMPARE(single.upPath, single.downPath);
    }

    void lintUpDownFolders()
    {
        // Findings in a dbmate file point at the file's own lines (sections are blanked, not cut).
        QStringList rules = describe(
            lintFolder(corpus(QStringLiteral("dbmate-testdata/migrations"))));
        QVERIFY2(rules.contains(
                     QStringLiteral("20151129054053_test_migration.sql:2 prefer-bigint-over-int")),
                 qPrintable(rules.join(QLatin1Char('\n'))));

        // golang-migrate's example: the concurrent index runs alone, outside a transaction.
        rules = describe(lintFolder(corpus(QStringLiteral("golang-migrate-example/migrations"))));
        QVERIFY2(!rules.join(QLatin1Char(' '))
                      .contains(QLatin1String("ban-concurrent-index-creation-in-transaction")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QVERIFY(
            rules.contains(QStringLiteral("1585849751_just_a_comment.up.sql:1 missing-rollback")));
    }
};

QTEST_GUILESS_MAIN(TestMigrationCorpus)
#include "tst_migrationcorpus.moc"
