#pragma once

#include <QMetaType>
#include <QString>

// One lint finding. Positions are those of the statement (or the precise spot) in its file:
// 1-based line and column for people, character offsets for the editor.
struct Finding
{
    enum class Severity { Warning, Error };

    QString rule; // e.g. "require-concurrent-index-creation"
    Severity severity = Severity::Error;
    QString message; // what is wrong with this statement, naming its objects
    QString file;
    int line = 1;
    int column = 1;
    int start = 0; // character offset in the file's text
    int length = 0;
    QString table;  // the table the finding is about, when there is one
    QString impact; // size and rows of that table when connected, and why it was downgraded

    bool isError() const { return severity == Severity::Error; }
    static QString severityName(Severity severity); // "error" / "warning" (stable, not translated)
};

Q_DECLARE_METATYPE(Finding)
