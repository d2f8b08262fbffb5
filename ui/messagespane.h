#pragma once

#include "db/dberror.h"

#include <QPlainTextEdit>

// Read-only log under a console: what ran, how long it took, server notices and errors, each
// line stamped with the time. Errors show in red, notices in amber. GUI thread only.
class MessagesPane : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit MessagesPane(QWidget *parent = nullptr);

    void appendInfo(const QString &text);
    void appendNotice(const Notice &notice);
    void appendError(const DbError &error);
    void clearMessages() { clear(); }

private:
    enum class Kind { Info, Notice, Error };
    void appendEntry(Kind kind, const QString &text);
};
