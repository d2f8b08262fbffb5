#include "migrationfixture.h"

#include "schemafixtures.h"
#include "testfiles.h"

#include <QTest>

void MigrationFixture::file(const QString &name, const QByteArray &text)
{
    TestFiles::write(m_dir->filePath(name), text);
}

void MigrationFixture::fresh()
{
    const QString name
        = m_databasePrefix + QString::fromLatin1(QTest::currentTestFunction()).toLower();
    m_db.reset();
    QString error;
    m_conninfo = SchemaFixtures::recreateDatabase(name, {}, &error);
    QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
    m_db = std::make_unique<PgConnection>(m_conninfo);
    m_db->open();
    m_dir = std::make_unique<QTemporaryDir>();
    m_log.clear();
}

MigrationRunResult MigrationFixture::run(
    const std::function<MigrationRunResult(MigrationRunner &)> &verb,
    MigrationRunOptions options,
    MigrationFolder::Dialect dialect)
{
    if (!options.tool)
        options.tool = m_defaultTool;
    PgConnection connection(m_conninfo);
    connection.open();
    MigrationRunner runner(connection, folder(), dialect, options);
    runner.setEventSink([this](const MigrationEvent &event) {
        if (!event.message.isEmpty())
            m_log << event.message;
    });
    return verb(runner);
}

bool MigrationFixture::tableExists(const QString &name)
{
    return value(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL").arg(name))
           == QLatin1String("t");
}

int MigrationFixture::historyRows()
{
    return value(QStringLiteral("SELECT count(*) FROM slipway.schema_history")).toInt();
}
