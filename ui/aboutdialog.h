#pragma once

#include "db/rowbatch.h"

#include <QDialog>

class QLabel;

// Help ▸ About Slipway: the versions of Slipway, its libraries and, when connected, the server.
// GUI thread only.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    // `server` is the connected server's info; an empty product means "not connected".
    explicit AboutDialog(const ServerInfo &server = {}, QWidget *parent = nullptr);

    // Every version line as plain text ("Qt: 6.4.2\n..."), for tests and "copy to clipboard".
    QString versionsText() const;

private:
    QList<QPair<QString, QString>> m_versions;
};
