#include "schemafixtures.h"

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

QString pagilaScript(QString *error)
{
    const QString corpus = qEnvironmentVariable("SLIPWAY_CORPUS");
    if (corpus.isEmpty()) {
        *error = QStringLiteral("SLIPWAY_CORPUS is not set; it must point at the shared corpus");
        return {};
    }
    const QString path = QDir(corpus).filePath(
        QStringLiteral("schemas/pagila/pagila-schema-pg15.sql"));
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

KindsAndPagila recreateKindsAndPagila(const QString &prefix, QString *error)
{
    KindsAndPagila databases;
    databases.kinds = recreateDatabase(prefix + QStringLiteral("_kinds"), {allKindsScript()}, error);
    if (databases.kinds.isEmpty())
        return databases;
    const QString pagila = pagilaScript(error);
    if (!pagila.isEmpty())
        databases.pagila = recreateDatabase(prefix + QStringLiteral("_pagila"), {pagila}, error);
    return databases;
}

bool dropKindsAndPagila(const QString &prefix, QString *error)
{
    return dropDatabase(prefix + QStringLiteral("_kinds"), error)
           && dropDatabase(prefix + QStringLiteral("_pagila"), error);
}

} // namespace SchemaFixtures
