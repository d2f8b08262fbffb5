#include "schemafixtures.h"

#include "corpus.h"
#include "testsandbox.h"

#include "db/pgconnection.h"
#include "schema/sqlidentifier.h"

#include <QDir>
#include <QFile>

namespace SchemaFixtures {

QString allKindsScript()
{
    return QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("tests/data/schema/all-kinds.sql"));
}

QString libraryScript()
{
    return QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("tests/data/schema/library.sql"));
}

QString pagilaScript(QString *error)
{
    const QString schemas = Corpus::folder(QStringLiteral("schemas"), error);
    if (schemas.isEmpty())
        return {};
    const QString path = QDir(schemas).filePath(QStringLiteral("pagila/pagila-schema-pg15.sql"));
    if (!QFile::exists(path)) {
        *error = QStringLiteral("%1 is missing from the corpus").arg(path);
        return {};
    }
    return path;
}

bool dropDatabase(const QString &name, QString *error)
{
    const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), error);
    if (admin.isEmpty())
        return false;
    try {
        PgConnection connection(admin);
        connection.open();
        connection.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                               .arg(SqlIdentifier::quote(name)));
    } catch (const DbException &e) {
        *error = e.error().toDisplayString();
        return false;
    }
    return true;
}

QString recreateDatabase(const QString &name, const QStringList &scriptFiles, QString *error)
{
    if (!dropDatabase(name, error))
        return {};
    const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), error);
    const QString target = TestSandbox::conninfo(name, error);
    try {
        PgConnection connection(admin);
        connection.open();
        connection.execute(QStringLiteral("CREATE DATABASE %1").arg(SqlIdentifier::quote(name)));
        PgConnection database(target);
        database.open();
        for (const QString &file : scriptFiles) {
            QFile script(file);
            if (!script.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("cannot read %1: %2").arg(file, script.errorString());
                return {};
            }
            database.execute(QString::fromUtf8(script.readAll()));
        }
    } catch (const DbException &e) {
        *error = e.error().toDisplayString();
        return {};
    }
    return target;
}

namespace {

QString runPrefix(const QString &prefix)
{
    return Corpus::conformanceRun() ? prefix + QStringLiteral("_corpus") : prefix;
}

} // namespace

KindsAndRealistic recreateKindsAndRealistic(const QString &prefix, QString *error)
{
    KindsAndRealistic databases;
    const QString base = runPrefix(prefix);
    databases.kinds = recreateDatabase(base + QStringLiteral("_kinds"), {allKindsScript()}, error);
    if (databases.kinds.isEmpty())
        return databases;
    const QString script = Corpus::conformanceRun() ? pagilaScript(error) : libraryScript();
    if (!script.isEmpty())
        databases.realistic = recreateDatabase(base + QStringLiteral("_realistic"), {script}, error);
    return databases;
}

bool dropKindsAndRealistic(const QString &prefix, QString *error)
{
    const QString base = runPrefix(prefix);
    return dropDatabase(base + QStringLiteral("_kinds"), error)
           && dropDatabase(base + QStringLiteral("_realistic"), error);
}

} // namespace SchemaFixtures
