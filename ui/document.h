#pragma once

#include <QString>

// What the window needs of an editable tab (an SQL console, a migration editor, anything added
// later) to save it and to ask before closing it, in the spirit of Qt Creator's IDocument and
// Kate's queryClose(): one path (DocumentCloser) for Ctrl+S, tab close and window close.
class Document
{
public:
    virtual ~Document() = default;

    // The name the prompt shows ("V003 add index", "orders.sql", "Console 2").
    virtual QString documentName() const = 0;
    virtual bool isModified() const = 0;
    // False when Save must ask for a path first (a console that has never been saved).
    virtual bool hasFile() const = 0;
    // Writes the document to `path`, or to its own file(s) when `path` is empty. On failure
    // *error names the file and the operating system's reason, and the document stays modified.
    virtual bool saveDocument(const QString &path, QString *error) = 0;
};
