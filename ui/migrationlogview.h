#pragma once

#include <QPlainTextEdit>

// The live log of the Migrations panel: read-only, monospaced, one time-stamped line per entry,
// coloured by kind, continuation lines indented under the text. Bounded, so a migration with
// thousands of statements cannot grow it without end. GUI thread only.
class MigrationLogView : public QPlainTextEdit
{
    Q_OBJECT

public:
    enum class Kind { Info, Success, Warning, Error, Notice, Detail };

    explicit MigrationLogView(QWidget *parent = nullptr);

    // An empty text adds a blank separator line (none at the very top).
    void append(const QString &text, Kind kind = Kind::Info);
};
