#include "logcategories.h"

// Info and debug messages are opt-in; warnings (a swallowed failure, a fallback taken) show.
Q_LOGGING_CATEGORY(lcDb, "slipway.db", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMigrations, "slipway.migrations", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLint, "slipway.lint", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExplain, "slipway.explain", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDeploy, "slipway.deploy", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSchema, "slipway.schema", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "slipway.ui", QtWarningMsg)
Q_LOGGING_CATEGORY(lcI18n, "slipway.i18n", QtWarningMsg)
