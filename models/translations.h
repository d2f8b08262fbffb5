#pragma once

#include <QLocale>

class QCoreApplication;

// The translators both binaries install at start: Qt's own messages (qtbase) for the locale,
// Slipway's English plural forms ("%n row(s)" read as "1 row", "2 rows"), and Slipway's
// catalogue for the locale's language on top. Qt asks the most recently installed translator
// first, so a message the language's catalogue leaves unfinished falls back to the English
// forms, never to the "(s)" source text.
namespace Translations {

// The translators become children of app. Returns the language used ("ru", or "en" when the
// locale has no catalogue).
QString install(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace Translations
