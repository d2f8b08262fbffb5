#pragma once

#include <QColor>
#include <QPalette>

// Colours that mean something (an error, a warning, success, a production connection), derived
// from the palette in use so they stay readable on a dark desktop theme as on a light one, in
// the spirit of KDE's KColorScheme and Qt Creator's Theme. Views and item models ask here
// instead of hard-coding a red. Thread-safe for a given palette; the default argument reads the
// application palette (GUI thread).
namespace SemanticColors {

enum class Role {
    Error,      // text of errors and failures
    Warning,    // text of warnings and notices
    Success,    // text of passed checks and applied changes
    Production, // background that marks a production connection (white text on it)
    Muted,      // secondary text (pending, not run)
};

QColor color(Role role, const QPalette &palette);
QColor color(Role role); // on the application's palette
// True when the palette's base (the background of views and editors) is dark.
bool isDark(const QPalette &palette);
// WCAG 2 contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b);

} // namespace SemanticColors
