#pragma once

#include <QIcon>
#include <QStyle>

// The desktop theme's icon by its freedesktop name, or the style's standard pixmap where the
// theme has none (offscreen, minimal desktops).
inline QIcon themedIcon(const char *name, QStyle::StandardPixmap fallback, const QStyle *style)
{
    return QIcon::fromTheme(QString::fromLatin1(name), style->standardIcon(fallback));
}
