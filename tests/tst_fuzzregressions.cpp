// Every input that once made a fuzz target fail stays a test: tests/fuzz/regressions/<target>/
// holds them, and each is replayed here through the target's own entry point (the code the
// libFuzzer executables run, with the same checks), in the normal build and under the
// sanitizers alike. The seeds of tests/fuzz/seeds/<target>/ go through the same path, so a
// broken seed is noticed before a fuzzing run starts from it.

#include "fuzz/fuzzentrypoints.h"
#include "testsandbox.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

namespace {

const FuzzEntryPoints::Target *targetNamed(const QString &name)
{
    for (const FuzzEntryPoints::Target &target : FuzzEntryPoints::targets()) {
        if (name == QLatin1String(target.name))
            return &target;
    }
    return nullptr;
}

QString fuzzDir()
{
    const QString source = TestSandbox::sourceDir();
    if (source.isEmpty()) // run by hand: the folder beside this file
        return QFINDTESTDATA("fuzz");
    return QDir(source).filePath(QStringLiteral("tests/fuzz"));
}

// The target folders under tests/fuzz/<kind>.
QStringList targetFolders(const QString &kind)
{
    return QDir(QDir(fuzzDir()).filePath(kind))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!fuzzDir().isEmpty() && QDir(fuzzDir()).exists(),
                 "tests/fuzz not found (SLIPWAY_SOURCE_DIR names the checkout)");
    }

    // A misspelt folder would replay nothing without a word.
    void everyFolderNamesATarget()
    {
        for (const QString &kind : {QStringLiteral("seeds"), QStringLiteral("regressions")}) {
            for (const QString &folder : targetFolders(kind))
                QVERIFY2(targetNamed(folder),
                         qPrintable(QStringLiteral("tests/fuzz/%1/%2 is no fuzz target's name")
                                        .arg(kind, folder)));
        }
        for (const FuzzEntryPoints::Target &target : FuzzEntryPoints::targets())
            QVERIFY2(targetFolders(QStringLiteral("seeds")).contains(QLatin1String(target.name)),
                     qPrintable(QStringLiteral("no seeds for %1").arg(QLatin1String(target.name))));
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir base(fuzzDir());
        for (const QString &kind : {QStringLiteral("regressions"), QStringLiteral("seeds")}) {
            for (const QString &folder : targetFolders(kind)) {
                QDirIterator files(base.filePath(kind + QLatin1Char('/') + folder),
                                   QDir::Files | QDir::Hidden,
                                   QDirIterator::Subdirectories);
                while (files.hasNext()) {
                    const QString path = files.next();
                    QTest::newRow(qPrintable(base.relativeFilePath(path))) << folder << path;
                }
            }
        }
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        const FuzzEntryPoints::Target *entry = targetNamed(target);
        QVERIFY(entry);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
        const QByteArray input = file.readAll();
        // A failure aborts inside the entry point; QTest then names this row.
        QCOMPARE(entry->run(reinterpret_cast<const uint8_t *>(input.constData()),
                            size_t(input.size())),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
