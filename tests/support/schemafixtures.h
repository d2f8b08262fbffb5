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
// The Pagila schema from $SLIPWAY_CORPUS; empty with *error set when the corpus is missing.
QString pagilaScript(QString *error);

// DROP DATABASE IF EXISTS (forcing other sessions out), CREATE DATABASE, then each script in
// turn as one multi-statement string. Returns the new database's conninfo, or an empty string
// with *error set.
QString recreateDatabase(const QString &name, const QStringList &scriptFiles, QString *error);
// Drops it again (tests that create many objects clean up after themselves).
bool dropDatabase(const QString &name, QString *error);

// The pair the catalog and tree suites browse: <prefix>_kinds from allKindsScript() and
// <prefix>_pagila from the Pagila schema. On failure either conninfo is empty and *error is set.
struct KindsAndPagila
{
    QString kinds;
    QString pagila;
};
KindsAndPagila recreateKindsAndPagila(const QString &prefix, QString *error);
bool dropKindsAndPagila(const QString &prefix, QString *error);

} // namespace SchemaFixtures
