#pragma once

#include "db/connectionprofile.h"

#include <QColor>
#include <QDialog>

#include <memory>

class ConnectionWorker;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

// Connection ▸ Connect…: pick a saved profile or describe a new one (PostgreSQL conninfo/URI or
// a SQLite file), optionally test it, then connect. "Test connection" opens a throwaway
// ConnectionWorker and reports libpq's answer inline; nothing here waits on the network.
// Connect opens the connection itself and closes the dialog only once it is open, handing it
// over (takeConnection()): a server that cannot be reached is reported inline, where the fields
// can be corrected, and a profile is saved only after it connected. Profiles are stored through
// ProfileStore, never with the password. GUI thread only.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    // `settings` holds the saved profiles; nullptr uses the application's QSettings.
    explicit ConnectDialog(QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    ConnectionProfile profile() const;
    QString password() const;

    void setProfile(const ConnectionProfile &profile); // fills the fields
    void setPassword(const QString &password);

    void testConnection();
    bool isTesting() const { return m_testGeneration != m_testAnswered; }
    bool isConnecting() const { return m_connecting; }
    QString testResult() const;      // the inline test result text, empty before a test
    QString validationError() const; // the inline conninfo error, empty when valid

    // Connects in the background; accepted once the connection is open (and the profile saved).
    void accept() override;
    void reject() override; // abandons a connection attempt; it ends on its own thread
    // The open connection after the dialog was accepted, now the caller's (once; then nullptr).
    ConnectionWorker *takeConnection();

signals:
    void testFinished(bool ok);
    void connectFinished(bool ok); // accepted, or the error is shown

private:
    void loadProfiles();
    void selectSavedProfile(int index);
    void deleteSavedProfile();
    void engineChanged();
    void validate();
    void browseSqliteFile();
    void chooseColour();
    void setColour(const QColor &colour);
    void showTestResult(const QString &text, const QColor &colour);
    void connectionOpened(ConnectionWorker *worker, const ConnectionProfile &profile);
    void setConnecting(bool connecting);

    std::unique_ptr<QSettings> m_ownSettings;
    QSettings *m_settings = nullptr;

    QComboBox *m_saved = nullptr;
    QPushButton *m_deleteSaved = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_engine = nullptr;
    QLineEdit *m_connection = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_connectionError = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_passwordNote = nullptr;
    QPushButton *m_colourButton = nullptr;
    QColor m_colour;
    QCheckBox *m_production = nullptr;
    QCheckBox *m_saveProfile = nullptr;
    QWidget *m_fields = nullptr; // read-only while connecting: what opens is what they describe
    QLabel *m_testResult = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_connectButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    // One counter for tests and connection attempts: only the latest answer is shown.
    quint64 m_testGeneration = 0;
    quint64 m_testAnswered = 0;
    bool m_connecting = false;
    ConnectionWorker *m_opened = nullptr; // open, not yet taken; unparented (see testConnection)
};
