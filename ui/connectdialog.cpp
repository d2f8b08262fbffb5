#include "connectdialog.h"

#include "semanticcolors.h"

#include "db/connectionworker.h"
#include "db/conninfo.h"
#include "db/profilestore.h"
#include "logcategories.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace {

QColor errorColour()
{
    return SemanticColors::color(SemanticColors::Role::Error);
}

QColor successColour()
{
    return SemanticColors::color(SemanticColors::Role::Success);
}

QLabel *makeNote(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

} // namespace

ConnectDialog::ConnectDialog(QSettings *settings, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a Database"));
    if (settings) {
        m_settings = settings;
    } else {
        m_ownSettings = std::make_unique<QSettings>();
        m_settings = m_ownSettings.get();
    }

    m_saved = new QComboBox(this);
    m_saved->setObjectName(QStringLiteral("savedProfiles"));
    m_deleteSaved = new QPushButton(tr("Delete"), this);
    m_deleteSaved->setToolTip(tr("Forget the selected saved profile"));
    auto *savedRow = new QHBoxLayout;
    savedRow->addWidget(m_saved, 1);
    savedRow->addWidget(m_deleteSaved);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. Billing (staging)"));

    m_engine = new QComboBox(this);
    m_engine->setObjectName(QStringLiteral("engine"));
    m_engine->addItem(ConnectionProfile::engineName(Connection::Engine::PostgreSQL),
                      int(Connection::Engine::PostgreSQL));
    m_engine->addItem(ConnectionProfile::engineName(Connection::Engine::SQLite),
                      int(Connection::Engine::SQLite));

    m_connection = new QLineEdit(this);
    m_connection->setObjectName(QStringLiteral("conninfo"));
    m_connection->setMinimumWidth(380);
    m_browse = new QPushButton(tr("Browse…"), this);
    auto *connectionRow = new QHBoxLayout;
    connectionRow->addWidget(m_connection, 1);
    connectionRow->addWidget(m_browse);
    m_connectionError = new QLabel(this);
    m_connectionError->setObjectName(QStringLiteral("conninfoError"));
    m_connectionError->setWordWrap(true);
    QPalette errorPalette = m_connectionError->palette();
    errorPalette.setColor(QPalette::WindowText, errorColour());
    m_connectionError->setPalette(errorPalette);
    m_connectionError->hide();
    auto *connectionBox = new QVBoxLayout;
    connectionBox->setSpacing(2);
    connectionBox->addLayout(connectionRow);
    connectionBox->addWidget(m_connectionError);

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordNote = makeNote(tr("Not saved. Leave empty to use .pgpass or PGPASSWORD."), this);
    auto *passwordBox = new QVBoxLayout;
    passwordBox->setSpacing(2);
    passwordBox->addWidget(m_password);
    passwordBox->addWidget(m_passwordNote);

    m_colourButton = new QPushButton(this);
    m_colourButton->setObjectName(QStringLiteral("colour"));
    m_colourButton->setToolTip(tr("A colour to recognise this connection by"));
    auto *clearColour = new QPushButton(tr("None"), this);
    auto *colourRow = new QHBoxLayout;
    colourRow->addWidget(m_colourButton);
    colourRow->addWidget(clearColour);
    colourRow->addStretch(1);

    m_production = new QCheckBox(tr("Production database: show in red, confirm destructive "
                                    "statements by typing the database name"),
                                 this);
    m_production->setObjectName(QStringLiteral("production"));
    m_saveProfile = new QCheckBox(tr("Save profile (without the password)"), this);
    m_saveProfile->setObjectName(QStringLiteral("saveProfile"));
    m_saveProfile->setChecked(true);

    m_fields = new QWidget(this);
    auto *form = new QFormLayout(m_fields);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Saved profiles:"), savedRow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Engine:"), m_engine);
    form->addRow(tr("Connection:"), connectionBox);
    form->addRow(tr("Password:"), passwordBox);
    m_passwordLabel = qobject_cast<QLabel *>(form->labelForField(passwordBox));
    form->addRow(tr("Colour:"), colourRow);
    form->addRow(QString(), m_production);
    form->addRow(QString(), m_saveProfile);

    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setMinimumHeight(m_testResult->fontMetrics().height() * 2);
    m_testResult->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_buttons = new QDialogButtonBox(this);
    m_testButton = m_buttons->addButton(tr("Test Connection"), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("testConnection"));
    m_connectButton = m_buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(QStringLiteral("connect"));
    m_connectButton->setDefault(true);
    m_buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_fields);
    layout->addWidget(m_testResult);
    layout->addWidget(m_buttons);

    connect(m_saved, &QComboBox::activated, this, &ConnectDialog::selectSavedProfile);
    connect(m_deleteSaved, &QPushButton::clicked, this, &ConnectDialog::deleteSavedProfile);
    connect(m_engine, &QComboBox::currentIndexChanged, this, &ConnectDialog::engineChanged);
    connect(m_connection, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::browseSqliteFile);
    connect(m_colourButton, &QPushButton::clicked, this, &ConnectDialog::chooseColour);
    connect(clearColour, &QPushButton::clicked, this, [this] { setColour({}); });
    connect(m_testButton, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setColour({});
    loadProfiles();
    engineChanged();
}

ConnectDialog::~ConnectDialog()
{
    // Opened but never taken (the dialog was not used by a window): close it on its own thread.
    if (m_opened)
        m_opened->deleteLater();
}

void ConnectDialog::loadProfiles()
{
    const QString current = m_saved->currentIndex() > 0 ? m_saved->currentText() : QString();
    m_saved->clear();
    m_saved->addItem(tr("New connection"));
    const QList<ConnectionProfile> profiles = ProfileStore(*m_settings).profiles();
    for (const ConnectionProfile &p : profiles)
        m_saved->addItem(p.name, p.name);
    const int index = current.isEmpty() ? 0 : m_saved->findData(current);
    m_saved->setCurrentIndex(qMax(index, 0));
    m_deleteSaved->setEnabled(m_saved->currentIndex() > 0);
}

void ConnectDialog::selectSavedProfile(int index)
{
    m_deleteSaved->setEnabled(index > 0);
    if (index <= 0) {
        setProfile(ConnectionProfile());
        return;
    }
    const ConnectionProfile saved = ProfileStore(*m_settings)
                                        .profile(m_saved->itemData(index).toString());
    if (saved.isValid())
        setProfile(saved);
}

void ConnectDialog::deleteSavedProfile()
{
    const int index = m_saved->currentIndex();
    if (index <= 0)
        return;
    ProfileStore(*m_settings).remove(m_saved->itemData(index).toString());
    m_saved->setCurrentIndex(0);
    loadProfiles();
}

void ConnectDialog::setProfile(const ConnectionProfile &profile)
{
    m_name->setText(profile.name);
    m_engine->setCurrentIndex(qMax(0, m_engine->findData(int(profile.engine))));
    m_connection->setText(profile.conninfo);
    setColour(profile.colour);
    m_production->setChecked(profile.production);
    m_password->clear();
    m_testResult->clear();
    engineChanged();
}

void ConnectDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

ConnectionProfile ConnectDialog::profile() const
{
    ConnectionProfile p;
    p.engine = Connection::Engine(m_engine->currentData().toInt());
    p.conninfo = m_connection->text().trimmed();
    p.name = m_name->text().trimmed();
    if (p.name.isEmpty() && !p.conninfo.isEmpty()) {
        // A name is required; the target is a good default.
        if (p.engine == Connection::Engine::SQLite) {
            p.name = QFileInfo(p.conninfo).fileName();
        } else {
            ConnInfo info;
            QString error;
            if (ConnInfo::parse(p.conninfo, &info, &error))
                p.name = info.displayName();
        }
    }
    p.colour = m_colour;
    p.production = m_production->isChecked();
    return p;
}

QString ConnectDialog::password() const
{
    return m_engine->currentData().toInt() == int(Connection::Engine::PostgreSQL)
               ? m_password->text()
               : QString();
}

void ConnectDialog::engineChanged()
{
    const bool sqlite = m_engine->currentData().toInt() == int(Connection::Engine::SQLite);
    m_browse->setVisible(sqlite);
    m_password->setVisible(!sqlite);
    m_passwordNote->setVisible(!sqlite);
    if (m_passwordLabel)
        m_passwordLabel->setVisible(!sqlite);
    m_connection->setPlaceholderText(sqlite ? tr("/path/to/database.sqlite")
                                            : tr("host=db.example.com dbname=app user=me   or   "
                                                 "postgresql://me@db.example.com/app"));
    validate();
}

QString ConnectDialog::validationError() const
{
    return m_connectionError->isHidden() ? QString() : m_connectionError->text();
}

void ConnectDialog::validate()
{
    const bool sqlite = m_engine->currentData().toInt() == int(Connection::Engine::SQLite);
    const QString text = m_connection->text().trimmed();
    QString error;
    if (!sqlite && !text.isEmpty()) {
        ConnInfo info;
        if (!ConnInfo::parse(text, &info, &error) && error.isEmpty())
            error = tr("Not a valid connection string.");
    }
    m_connectionError->setText(error);
    m_connectionError->setVisible(!error.isEmpty());
    m_connectButton->setEnabled(error.isEmpty() && !text.isEmpty() && !m_connecting);
    // With an empty conninfo libpq would still try its environment defaults: allow testing it.
    m_testButton->setEnabled(error.isEmpty() && (!sqlite || !text.isEmpty()) && !m_connecting);
}

void ConnectDialog::browseSqliteFile()
{
    auto *dialog = new QFileDialog(this,
                                   tr("SQLite Database"),
                                   QFileInfo(m_connection->text()).path());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // An existing file: SqliteConnection refuses to open a missing one (it would be a new, empty
    // database, which is never what a saved profile means).
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("SQLite databases (*.sqlite *.sqlite3 *.db)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_connection->setText(file);
        if (m_name->text().isEmpty())
            m_name->setText(QFileInfo(file).fileName());
    });
    dialog->open();
}

void ConnectDialog::chooseColour()
{
    auto *dialog = new QColorDialog(m_colour.isValid() ? m_colour : QColor(0x35, 0x84, 0xe4), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QColorDialog::colorSelected, this, &ConnectDialog::setColour);
    dialog->open();
}

void ConnectDialog::setColour(const QColor &colour)
{
    m_colour = colour;
    if (colour.isValid()) {
        QPixmap swatch(14, 14);
        swatch.fill(colour);
        m_colourButton->setIcon(QIcon(swatch));
        m_colourButton->setText(colour.name());
    } else {
        m_colourButton->setIcon({});
        m_colourButton->setText(tr("Choose…"));
    }
}

void ConnectDialog::testConnection()
{
    if (m_connecting)
        return;
    const ConnectionProfile p = profile();
    const quint64 generation = ++m_testGeneration;
    showTestResult(tr("Connecting…"), palette().color(QPalette::WindowText));

    // Not parented to the dialog: when the dialog closes first, the worker finishes its
    // connection attempt on its own thread and deletes itself, so closing never waits on the
    // network.
    auto *worker = new ConnectionWorker(p.createConnection(password()));
    QPointer<ConnectDialog> self(this);
    connect(worker,
            &ConnectionWorker::opened,
            worker,
            [self, worker, generation](const ServerInfo &info) {
                worker->deleteLater();
                if (!self || generation != self->m_testGeneration)
                    return;
                self->m_testAnswered = generation;
                self->showTestResult(tr("Connected: %1 %2").arg(info.product, info.version),
                                     successColour());
                emit self->testFinished(true);
            });
    connect(worker,
            &ConnectionWorker::openFailed,
            worker,
            [self, worker, generation](const DbError &error) {
                worker->deleteLater();
                if (!self || generation != self->m_testGeneration)
                    return;
                self->m_testAnswered = generation;
                self->showTestResult(error.message.isEmpty() ? error.toDisplayString()
                                                             : error.message,
                                     errorColour());
                emit self->testFinished(false);
            });
    worker->open();
}

QString ConnectDialog::testResult() const
{
    return m_testResult->text();
}

void ConnectDialog::showTestResult(const QString &text, const QColor &colour)
{
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, colour);
    m_testResult->setPalette(pal);
    m_testResult->setText(text.trimmed());
}

void ConnectDialog::accept()
{
    const ConnectionProfile p = profile();
    if (m_connecting || !p.isValid() || !validationError().isEmpty())
        return;
    const quint64 generation = ++m_testGeneration;
    setConnecting(true);
    showTestResult(tr("Connecting to %1…").arg(p.displayTarget()),
                   palette().color(QPalette::WindowText));
    qCInfo(lcUi) << "connecting to" << p.displayTarget() << "from the Connect dialog";

    // Unparented, for the reason given in testConnection(). The handlers keep the worker as their
    // context and stay connected after the hand-over, so they answer once: the new owner's
    // reconnects emit opened() and openFailed() again.
    auto *worker = new ConnectionWorker(p.createConnection(password()));
    auto answered = std::make_shared<bool>(false);
    QPointer<ConnectDialog> self(this);
    connect(worker,
            &ConnectionWorker::opened,
            worker,
            [self, worker, generation, p, answered](const ServerInfo &) {
                if (std::exchange(*answered, true))
                    return;
                if (!self || generation != self->m_testGeneration) {
                    worker->deleteLater(); // abandoned
                    return;
                }
                self->m_testAnswered = generation;
                self->connectionOpened(worker, p);
            });
    connect(worker,
            &ConnectionWorker::openFailed,
            worker,
            [self, worker, generation, p, answered](const DbError &error) {
                if (std::exchange(*answered, true))
                    return;
                worker->deleteLater();
                if (!self || generation != self->m_testGeneration)
                    return;
                qCWarning(lcUi) << "could not connect to" << p.displayTarget() << ":"
                                << error.sqlState << error.message;
                self->m_testAnswered = generation;
                self->setConnecting(false);
                self->showTestResult(error.message.isEmpty() ? error.toDisplayString()
                                                             : error.message,
                                     errorColour());
                if (error.needsPassword())
                    self->m_password->setFocus();
                emit self->connectFinished(false);
            });
    worker->open();
}

void ConnectDialog::connectionOpened(ConnectionWorker *worker, const ConnectionProfile &profile)
{
    setConnecting(false);
    if (m_saveProfile->isChecked()) {
        QString error;
        if (!ProfileStore(*m_settings).save(profile, &error)) {
            worker->deleteLater();
            showTestResult(tr("Could not save the profile: %1").arg(error), errorColour());
            emit connectFinished(false);
            return;
        }
    }
    m_opened = worker;
    QDialog::accept();
    emit connectFinished(true);
}

void ConnectDialog::reject()
{
    // A connection attempt still running is abandoned: its answer is ignored and its worker
    // deletes itself when the attempt ends, so Cancel never waits on the network.
    m_testAnswered = ++m_testGeneration;
    setConnecting(false);
    QDialog::reject();
}

ConnectionWorker *ConnectDialog::takeConnection()
{
    return std::exchange(m_opened, nullptr);
}

void ConnectDialog::setConnecting(bool connecting)
{
    m_connecting = connecting;
    m_fields->setEnabled(!connecting);
    validate(); // the buttons follow
}
