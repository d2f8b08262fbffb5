#pragma once

#include "db/connectionprofile.h"
#include "deploy/deploysession.h"

#include <QWidget>

class ConnectionWorker;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
struct DbError;
struct ServerInfo;

// Which database a deploy runs against: the window's open connection and the saved PostgreSQL
// profiles, a password typed here (kept in memory only, like every password in Slipway), and a
// test that connects on a worker thread and shows the server or the error. Production profiles
// are marked, since they ask for the database name before anything is applied.
class DeployConnectionBox : public QWidget
{
    Q_OBJECT

public:
    explicit DeployConnectionBox(QWidget *parent = nullptr);
    ~DeployConnectionBox() override;

    // `open`: the window's connection (may carry its password; may be empty).
    void load(const DeployTarget &open, const QList<ConnectionProfile> &profiles);
    // Selects the entry for this display name ("user@host:port/db") when there is one.
    void select(const QString &displayName);
    bool hasTarget() const;
    // The chosen database with the typed password, when one was typed, in its conninfo.
    DeployTarget target() const;

    void testConnection();

signals:
    void changed();
    void tested(bool ok);

private:
    struct Entry
    {
        QString label;
        DeployTarget target;
    };

    void onChosen();
    void onOpened(ConnectionWorker *worker, const ServerInfo &info);
    void onFailed(ConnectionWorker *worker, const DbError &error);
    void finishTest(ConnectionWorker *worker);

    QList<Entry> m_entries;
    QComboBox *m_choice = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_status = nullptr;
    ConnectionWorker *m_testing = nullptr;
};
