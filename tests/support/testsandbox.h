#pragma once

#include <QString>

// The PostgreSQL server started by the ctest "pg" fixture (slipway-cli sandbox start).
namespace TestSandbox {
// Conninfo of the fixture's server; QFAIL-worthy empty string with *error set when it is missing.
QString conninfo(const QString &database = QStringLiteral("postgres"), QString *error = nullptr);
QString directory();
// Path of the slipway-cli binary under test.
QString cliPath();
QString sourceDir();
} // namespace TestSandbox
