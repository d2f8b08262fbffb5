#pragma once

#include "migrations/migrationstatus.h"

#include <QIcon>

// Small round icons for migration states (and for the one that is running), painted with
// QPainter so they look the same on every platform and icon theme: a green disc with a tick for
// applied, a grey ring for pending, a red disc with "!" for failed, and so on. Colours come from
// MigrationListModel::stateColour. GUI thread only.
class MigrationStateIcon
{
public:
    static QIcon icon(MigrationStatusEntry::State state, bool running = false);
};
