#include "semanticcolors.h"

#include <QGuiApplication>

#include <cmath>

namespace SemanticColors {

namespace {

double luminance(const QColor &colour)
{
    auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
           + 0.0722 * channel(rgb.blueF());
}

} // namespace

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Base)) < 0.2;
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor color(Role role, const QPalette &palette)
{
    // Two tuned sets (GitHub's and GNOME's accessible reds, ambers and greens): each reaches at
    // least 4.5:1 against the base of a typical light or dark theme.
    const bool dark = isDark(palette);
    switch (role) {
    case Role::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    case Role::Warning:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x80, 0x55, 0x00);
    case Role::Success:
        return dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x11, 0x6b, 0x2c);
    case Role::Production:
        return dark ? QColor(0xda, 0x36, 0x33) : QColor(0xc0, 0x1c, 0x28);
    case Role::Muted:
        return palette.color(QPalette::PlaceholderText);
    }
    return palette.color(QPalette::Text);
}

QColor color(Role role)
{
    return color(role, QGuiApplication::palette());
}

} // namespace SemanticColors
