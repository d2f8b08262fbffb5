#pragma once

#include <QString>
#include <QStringList>

// Databases for the schema browser suites (and any suite that wants a fresh database), in the
// fixture's server. Each suite names its own databases (slipway_schema_<suite>_...) so suites
// running side by side never share one; every run drops and recreates them, so an interrupted
// run leaves nothing that breaks the next.
namespace SchemaFixtures {

// tests/data/schema/all-kinds.sql: one object of every kind, and names that need quoting.
QString allKindsScript();
// tests/data/schema/library.sql: a lending library of realistic size and shape (schema
// "lending": 35 tables with partitions, views, a materialized view, an aggregate, triggers, a
// domain whose name needs quoting).
QString libraryScript();
// The Pagila schema from $SLIPWAY_CORPUS (conformance runs only); empty with *error set when the
// corpus is missing.
QString pagilaScript(QString *error);

// DROP DATABASE IF EXISTS (forcing other sessions out), CREATE DATABASE, then each script in
// turn as one multi-statement string. Returns the new database's conninfo, or an empty string
// with *error set.
QString recreateDatabase(const QString &name, const QStringList &scriptFiles, QString *error);
// Drops it again (tests that create many objects clean up after themselves).
bool dropDatabase(const QString &name, QString *error);

// The pair the catalog and tree suites browse: <prefix>_kinds from allKindsScript() and
// <prefix>_realistic from libraryScript(), or, in a conformance run (SLIPWAY_CONFORMANCE=1), from
// Pagila with "_corpus" added to the prefix so both runs can go side by side. On failure either
// conninfo is empty and *error is set.
struct KindsAndRealistic
{
    QString kinds;
    QString realistic;
};
KindsAndRealistic recreateKindsAndRealistic(const QString &prefix, QString *error);
bool dropKindsAndRealistic(const QString &prefix, QString *error);

} // namespace SchemaFixtures
