#pragma once

#include <QString>

class MainWindow;
class QSettings;

// What the window brings back when Slipway starts again, as pgAdmin and DataGrip users expect:
// its size and place, the docks and toolbars as arranged, the open consoles (a file's path, or a
// scratch console's title and text; never results), the migration folder and the last
// connection's profile name. Never a password: the connection asks for one again if libpq finds
// none. Saved when the window closes, restored only when Slipway starts without a target on its
// command line. GUI thread only.
class WindowSession
{
public:
    static void save(const MainWindow &window, QSettings &settings);
    // Restores into a freshly made window; returns the profile name that was connected (the
    // caller decides whether to connect), or an empty string.
    static QString restore(MainWindow &window, QSettings &settings);

    // A scratch console's text is kept up to this size; a bigger one belongs in a file.
    static constexpr int MaxScratchBytes = 1 << 20;
};
