#pragma once

#include "migrations/migrationtool.h"

#include <QIcon>

// The badge that names a migration tool wherever Slipway shows whose history it writes (the
// migrations panel, the migration editor, the deploy wizard): a rounded square in the tool's
// colour with its initials, painted with QPainter so it looks the same on every platform and
// icon theme. GUI thread only.
class MigrationToolIcon
{
public:
    static QIcon icon(MigrationTool tool);
    static QString initials(MigrationTool tool); // "Lb", "Sq", … (painted, not translated)
};
