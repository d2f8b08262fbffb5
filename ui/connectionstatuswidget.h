#pragma once

#include "db/connectionprofile.h"
#include "db/dberror.h"
#include "db/rowbatch.h"

#include <QWidget>

class QLabel;

// Status-bar widget naming the current connection and its server version. A production profile
// turns the whole widget red with a "PRODUCTION" badge so it is never mistaken for a test
// database; a lost connection shows in red text. GUI thread only.
class ConnectionStatusWidget : public QWidget
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Lost };

    explicit ConnectionStatusWidget(QWidget *parent = nullptr);

    void setDisconnected();
    void setConnecting(const ConnectionProfile &profile);
    void setConnected(const ConnectionProfile &profile, const ServerInfo &server);
    void setConnectionLost(const ConnectionProfile &profile, const DbError &error);

    State state() const { return m_state; }
    bool isProduction() const { return m_production; }
    QString text() const; // what the labels show, for tests and accessibility

private:
    void applyLook(const ConnectionProfile *profile);

    State m_state = State::Disconnected;
    bool m_production = false;
    QLabel *m_swatch = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_label = nullptr;
};
