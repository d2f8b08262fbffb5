#pragma once

#include <QString>
#include <QTest>

// Third-party inputs in $SLIPWAY_CORPUS (scripts/fetch-corpus lays them out), read only by the
// conformance suites (ctest label "conformance"). Core suites never read it.
namespace Corpus {

// $SLIPWAY_CORPUS, or empty when unset.
QString root();
// $SLIPWAY_CORPUS/<sub> when it exists; empty with *error set otherwise.
QString folder(const QString &sub, QString *error);
// True in a conformance registration of a core suite (SLIPWAY_CONFORMANCE=1, set by ctest).
bool conformanceRun();

} // namespace Corpus

// For a conformance suite's initTestCase: without SLIPWAY_CORPUS the whole suite is skipped
// (scripts/test does not start it then); with SLIPWAY_CORPUS naming a folder that lacks `sub`
// it fails, so a half-fetched corpus is never mistaken for a pass.
#define SLIPWAY_REQUIRE_CORPUS(variable, sub) \
    do { \
        if (Corpus::root().isEmpty()) \
            QSKIP("SLIPWAY_CORPUS unset: conformance suite not run (see scripts/fetch-corpus)"); \
        QString corpusError_; \
        variable = Corpus::folder(sub, &corpusError_); \
        if (variable.isEmpty()) \
            QFAIL(qPrintable(corpusError_)); \
    } while (false)
