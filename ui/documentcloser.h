#pragma once

#include <QCoreApplication>

class Document;
class QWidget;

// The single save-on-close path for every editable tab: Save / Discard / Cancel when a modified
// document closes (its tab or the window), and a failed save shown with the path and the
// operating system's error, after which the document stays open and modified. The prompts are
// modal message boxes named "unsavedChangesPrompt" and "saveFailedMessage". GUI thread only.
class DocumentCloser
{
    Q_DECLARE_TR_FUNCTIONS(DocumentCloser)

public:
    // Saves the document (asking for a path when it has no file); false when it was not saved
    // (cancelled, or failed — the failure has been shown).
    static bool save(QWidget *parent, Document *document);
    // Asks "Save changes?" when the document is modified; true when it may close.
    static bool queryClose(QWidget *parent, Document *document);
};
