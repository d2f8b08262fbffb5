#pragma once

#include <QLoggingCategory>

// One logging category per layer ("slipway.db", "slipway.migrations", …). Debug output is off by
// default; warnings are on. SLIPWAY_LOG (e.g. "slipway.*=true") or Qt's own QT_LOGGING_RULES
// turns more on; see LogSetup in the executables.
Q_DECLARE_LOGGING_CATEGORY(lcDb)
Q_DECLARE_LOGGING_CATEGORY(lcMigrations)
Q_DECLARE_LOGGING_CATEGORY(lcLint)
Q_DECLARE_LOGGING_CATEGORY(lcExplain)
Q_DECLARE_LOGGING_CATEGORY(lcDeploy)
Q_DECLARE_LOGGING_CATEGORY(lcSchema)
Q_DECLARE_LOGGING_CATEGORY(lcUi) // the widgets' layer; declared here so every layer shares one list
Q_DECLARE_LOGGING_CATEGORY(lcI18n) // translators and catalogues
