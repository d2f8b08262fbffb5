#include "mainwindow.h"

#include "aboutdialog.h"
#include "connectdialog.h"
#include "connectionstatuswidget.h"
#include "deployactions.h"
#include "document.h"
#include "documentcloser.h"
#include "editorlinter.h"
#include "messagespane.h"
#include "migrationactions.h"
#include "migrationfolderdock.h"
#include "planactions.h"
#include "schemadock.h"
#include "sqlconsole.h"
#include "sqleditor.h"
#include "themedicon.h"
#include "windowdrophandler.h"
#include "windowrefresher.h"
#include "windowsession.h"

#include "db/connectionworker.h"
#include "logcategories.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>

#include <utility>

namespace {

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("database")));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("consoleTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    m_status = new ConnectionStatusWidget(this);
    statusBar()->addPermanentWidget(m_status);
    statusBar()->setSizeGripEnabled(true);

    createActions();
    createMenus();
    createToolBar();
    createDocks();
    createSchemaBrowser();
    createDatabaseMenu();
    new WindowDropHandler(this, m_planActions); // dropped plans and SQL files
    m_refresher = new WindowRefresher(this);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);

    newConsole();
    resize(1280, 800);
    updateWindowTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Consoles go first so none of them reacts to the connection closing.
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
    delete m_pending; // waits for the connection attempt to give up; only at shutdown
    m_pending = nullptr;
}

void MainWindow::createDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);

    m_schemaDock = new QDockWidget(tr("Schema"), this);
    m_schemaDock->setObjectName(QStringLiteral("schemaDock"));
    auto *placeholder = new QLabel(tr("Schema browser — connect to a database"), m_schemaDock);
    placeholder->setObjectName(QStringLiteral("schemaPlaceholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setContentsMargins(12, 12, 12, 12);
    placeholder->setEnabled(false);
    m_schemaDock->setWidget(placeholder);
    addDockWidget(Qt::LeftDockWidgetArea, m_schemaDock);

    m_migrationDock = new MigrationFolderDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_migrationDock);
    splitDockWidget(m_schemaDock, m_migrationDock, Qt::Vertical);
    connect(m_migrationDock, &MigrationFolderDock::fileActivated, this, [this](const QString &path) {
        QString error;
        if (!openSqlFile(path, &error))
            statusBar()->showMessage(tr("Could not open %1: %2").arg(path, error), 10000);
    });
    // Wide enough at 1280×800 for the object panel's four tabs side by side.
    resizeDocks({m_schemaDock}, {340}, Qt::Horizontal);
    resizeDocks({m_schemaDock, m_migrationDock}, {60, 40}, Qt::Vertical);
    QDockWidget *runs = m_migrationActions->createPanelDock(); // bottom; shows with a folder

    if (auto *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        view->addAction(m_schemaDock->toggleViewAction());
        view->addAction(m_migrationDock->toggleViewAction());
        view->addAction(runs->toggleViewAction());
    }
}

void MainWindow::setSchemaWidget(QWidget *widget)
{
    QWidget *old = m_schemaDock->widget();
    m_schemaDock->setWidget(widget);
    if (old && old != widget)
        old->deleteLater();
}

void MainWindow::createSchemaBrowser()
{
    m_schemaBrowser = new SchemaDock(m_schemaDock);
    setSchemaWidget(m_schemaBrowser);
    // The browser follows the window's connection, including reconnects (which reread it).
    connect(this, &MainWindow::connected, m_schemaBrowser, [this] {
        m_schemaBrowser->setConnection(m_connection, m_profile);
    });
    connect(this, &MainWindow::disconnected, m_schemaBrowser, [this] {
        m_schemaBrowser->setConnection(nullptr);
    });
    connect(m_schemaBrowser,
            &SchemaDock::sqlRequested,
            this,
            [this](const QString &title, const QString &sql, bool run) {
                SqlConsole *console = newConsole();
                console->setScratchTitle(title);
                console->editor()->setText(sql);
                console->editor()->setModified(false); // generated, not typed: nothing to lose
                if (run)
                    console->run();
            });
    connect(m_schemaBrowser,
            &SchemaDock::explainRequested,
            this,
            [this](const QString &title, const QString &sql) {
                SqlConsole *console = newConsole();
                console->setScratchTitle(title);
                console->editor()->setText(sql);
                console->editor()->setModified(false);
                m_planActions->explainCurrent(false);
            });
    connect(m_schemaBrowser, &SchemaDock::actionFailed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });
}

// ---- consoles ----

SqlConsole *MainWindow::newConsole()
{
    auto *console = new SqlConsole(m_tabs);
    console->setScratchTitle(tr("Console %1").arg(nextConsoleNumber()));
    attachConsole(console);
    m_refresher->watchConsole(console);
    connect(console, &SqlConsole::runningChanged, this, &MainWindow::updateActions);
    connect(console, &SqlConsole::titleChanged, this, [this, console] { updateTabTitle(console); });
    const int index = m_tabs->addTab(console, console->title());
    m_tabs->setCurrentIndex(index);
    updateActions();
    return console;
}

// The lowest number no open console carries: the user counts the tabs they see.
int MainWindow::nextConsoleNumber() const
{
    QSet<QString> taken;
    for (const SqlConsole *console : consoles())
        taken.insert(console->title());
    int number = 1;
    while (taken.contains(tr("Console %1").arg(number)))
        ++number;
    return number;
}

SqlConsole *MainWindow::currentConsole() const
{
    return qobject_cast<SqlConsole *>(m_tabs->currentWidget());
}

QList<SqlConsole *> MainWindow::consoles() const
{
    QList<SqlConsole *> result;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *console = qobject_cast<SqlConsole *>(m_tabs->widget(i)))
            result.append(console);
    }
    return result;
}

SqlConsole *MainWindow::openSqlFile(const QString &path, QString *error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // Already open: show that tab instead of a second copy.
    for (SqlConsole *console : consoles()) {
        if (console->filePath() == absolute) {
            m_tabs->setCurrentWidget(console);
            return console;
        }
    }
    // An untouched scratch console is reused rather than left behind empty.
    SqlConsole *reuse = currentConsole();
    const bool reuseEmpty = reuse && reuse->filePath().isEmpty() && !reuse->isRunning()
                            && reuse->editor()->text().isEmpty();
    SqlConsole *console = reuseEmpty ? reuse : newConsole();
    if (!console->loadFile(absolute, error)) {
        if (!reuseEmpty)
            closeTab(m_tabs->indexOf(console));
        return nullptr;
    }
    updateTabTitle(console);
    return console;
}

void MainWindow::updateTabTitle(SqlConsole *console)
{
    const int index = m_tabs->indexOf(console);
    if (index < 0)
        return;
    m_tabs->setTabText(index, console->title());
    m_tabs->setTabToolTip(index, console->filePath());
}

void MainWindow::closeTab(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (!page)
        return;
    // Every editable tab is a Document and asks here; plan and comparison tabs have nothing to
    // lose and close at once.
    if (auto *document = dynamic_cast<Document *>(page)) {
        m_tabs->setCurrentWidget(page);
        if (!DocumentCloser::queryClose(this, document))
            return;
    }
    m_tabs->removeTab(m_tabs->indexOf(page));
    page->deleteLater();
    if (m_tabs->count() == 0)
        newConsole();
    updateActions();
}

Document *MainWindow::currentDocument() const
{
    return dynamic_cast<Document *>(m_tabs->currentWidget());
}

bool MainWindow::saveCurrent()
{
    Document *document = currentDocument();
    if (!document)
        return false;
    if (!DocumentCloser::save(this, document))
        return false;
    statusBar()->showMessage(tr("Saved %1").arg(document->documentName()), 4000);
    return true;
}

bool MainWindow::saveCurrentAs()
{
    SqlConsole *console = currentConsole();
    if (!console)
        return false;
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Save SQL File"),
                                                      console->filePath(),
                                                      tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return false;
    QString error;
    if (!console->saveDocument(path, &error)) {
        QMessageBox::warning(this, tr("Save Failed"), error);
        return false;
    }
    return true;
}

void MainWindow::openSqlFileDialog()
{
    auto *dialog = new QFileDialog(this, tr("Open SQL File"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters({tr("SQL files (*.sql)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        for (const QString &file : files) {
            QString error;
            if (!openSqlFile(file, &error))
                QMessageBox::warning(this,
                                     tr("Open SQL File"),
                                     tr("Could not open %1: %2").arg(file, error));
        }
    });
    dialog->open();
}

void MainWindow::openMigrationFolderDialog()
{
    auto *dialog = new QFileDialog(this, tr("Open Migration Folder"), m_migrationDock->folder());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openMigrationFolder);
    dialog->open();
}

void MainWindow::openMigrationFolder(const QString &dir)
{
    m_migrationDock->setFolder(dir);
    m_migrationDock->show();
    m_migrationDock->raise();
    m_migrationActions->updateActions();
}

void MainWindow::runCurrent()
{
    if (SqlConsole *console = currentConsole())
        console->run();
}

void MainWindow::cancelCurrent()
{
    if (SqlConsole *console = currentConsole())
        console->cancel();
}

// ---- connection ----

void MainWindow::connectTo(const ConnectionProfile &profile, const QString &password)
{
    abandonPending();
    m_pendingProfile = profile;
    m_pendingPassword = password;
    m_pending = new ConnectionWorker(profile.createConnection(password));
    ConnectionWorker *worker = m_pending;
    connect(worker, &ConnectionWorker::opened, this, [this, worker](const ServerInfo &info) {
        onPendingOpened(worker, info);
    });
    connect(worker, &ConnectionWorker::openFailed, this, [this, worker](const DbError &error) {
        onPendingFailed(worker, error);
    });
    m_status->setConnecting(profile);
    statusBar()->showMessage(tr("Connecting to %1…").arg(profile.displayTarget()));
    qCInfo(lcUi) << "connecting to" << profile.displayTarget()
                 << (password.isEmpty() ? "without a password" : "with a prompted password");
    updateActions();
    worker->open();
}

void MainWindow::abandonPending()
{
    if (!m_pending)
        return;
    // A newer request wins. The old attempt may still be waiting on the network: let it finish
    // on its own thread and delete itself instead of blocking here.
    ConnectionWorker *old = m_pending;
    m_pending = nullptr;
    disconnect(old, nullptr, this, nullptr);
    connect(old, &ConnectionWorker::opened, old, &QObject::deleteLater);
    connect(old, &ConnectionWorker::openFailed, old, &QObject::deleteLater);
}

void MainWindow::onPendingOpened(ConnectionWorker *worker, const ServerInfo &info)
{
    if (worker != m_pending)
        return;
    m_pending = nullptr;
    m_password = std::exchange(m_pendingPassword, QString());
    adoptConnection(worker, m_pendingProfile, info);
}

void MainWindow::adoptConnection(ConnectionWorker *worker,
                                 const ConnectionProfile &profile,
                                 const ServerInfo &info)
{
    disconnect(worker, nullptr, this, nullptr);
    ConnectionWorker *old = m_connection;
    worker->setParent(this);
    m_connection = worker;
    m_profile = profile;
    m_lost = false;
    replaceSessions();
    delete old; // cancels anything it still runs and closes it on its own thread

    connect(worker, &ConnectionWorker::connectionLost, this, &MainWindow::onConnectionLost);
    connect(worker, &ConnectionWorker::opened, this, &MainWindow::onReopened);
    connect(worker, &ConnectionWorker::openFailed, this, &MainWindow::onReopenFailed);

    m_status->setConnected(profile, info);
    statusBar()
        ->showMessage(tr("Connected to %1 (%2 %3)").arg(profile.name, info.product, info.version),
                      5000);
    updateWindowTitle();
    updateActions();
    emit connected(info);
}

ConnectionWorker *MainWindow::openSession(QObject *owner)
{
    if (!m_connection)
        return nullptr;
    // The password stays in memory: libpq gets it in the conninfo of each new session.
    auto *worker = new ConnectionWorker(m_profile.createConnection(m_password), owner);
    worker->open();
    return worker;
}

void MainWindow::replaceSessions()
{
    // The new sessions are handed out before the old ones go, so no view is left holding a
    // deleted session; deleting one cancels what it still runs and closes it on its thread.
    ConnectionWorker *oldMigration = std::exchange(m_migrationSession, openSession(this));
    ConnectionWorker *oldSchemaRead = std::exchange(m_schemaReadSession, openSession(this));
    for (SqlConsole *console : consoles())
        attachConsole(console);
    delete oldMigration;
    delete oldSchemaRead;
}

void MainWindow::attachConsole(SqlConsole *console)
{
    ConnectionWorker *old = console->connection();
    ConnectionWorker *session = openSession(console);
    // A console that lost its session is what the user sees first: the window says so too, and
    // Reconnect reopens every session that is gone.
    if (session)
        connect(session, &ConnectionWorker::connectionLost, this, &MainWindow::onConnectionLost);
    console->setConnection(session, m_profile);
    console->linter()->setConnection(m_schemaReadSession);
    // Only a session the window made for this console is the window's to close.
    if (old && old->parent() == console)
        delete old;
}

void MainWindow::closeSessions()
{
    for (SqlConsole *console : consoles()) {
        ConnectionWorker *old = console->connection();
        console->setConnection(nullptr);
        console->linter()->setConnection(nullptr);
        if (old && old->parent() == console)
            delete old;
    }
    delete std::exchange(m_migrationSession, nullptr);
    delete std::exchange(m_schemaReadSession, nullptr);
}

void MainWindow::onPendingFailed(ConnectionWorker *worker, const DbError &error)
{
    if (worker != m_pending)
        return;
    m_pending = nullptr;
    m_pendingPassword.clear();
    worker->deleteLater();
    qCWarning(lcUi) << "could not connect to" << m_pendingProfile.displayTarget() << ":"
                    << error.sqlState << error.message;
    restoreStatus();
    statusBar()->showMessage(tr("Could not connect to %1: %2")
                                 .arg(m_pendingProfile.name, firstLine(error.message)),
                             15000);
    if (SqlConsole *console = currentConsole()) {
        DbError shown = error;
        shown.message = tr("Could not connect to %1: %2")
                            .arg(m_pendingProfile.displayTarget(), error.message);
        console->messages()->appendError(shown);
        console->outputTabs()->setCurrentWidget(console->messages());
    }
    updateActions();
    emit connectionFailed(error);
    if (error.needsPassword())
        askPassword(m_pendingProfile, error);
}

void MainWindow::askPassword(const ConnectionProfile &profile, const DbError &error)
{
    // Passwords live only in memory: asked here, handed to the connection, never stored.
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("passwordPrompt"));
    dialog->setWindowTitle(tr("Password for %1").arg(profile.name));
    dialog->setLabelText(error.sqlState == QLatin1String("28P01")
                             ? tr("The password was rejected. Password for %1:").arg(profile.displayTarget())
                             : tr("Password for %1:").arg(profile.displayTarget()));
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, profile](const QString &password) {
        connectTo(profile, password);
    });
    dialog->open();
}

void MainWindow::restoreStatus()
{
    if (!m_connection)
        m_status->setDisconnected();
    else if (m_lost)
        m_status->setConnectionLost(m_profile, m_lostError);
    else
        m_status->setConnected(m_profile, m_connection->serverInfo());
}

void MainWindow::onConnectionLost(const DbError &error)
{
    m_lost = true;
    m_lostError = error;
    m_status->setConnectionLost(m_profile, error);
    statusBar()->showMessage(tr("Connection lost: %1").arg(firstLine(error.message)), 15000);
    updateActions();
    emit connectionLost(error);
}

void MainWindow::reconnect()
{
    if (!m_connection)
        return;
    m_status->setConnecting(m_profile);
    statusBar()->showMessage(tr("Reconnecting to %1…").arg(m_profile.displayTarget()));
    m_connection->reconnect();
    // Only sessions that are gone are reopened: a console's healthy session may hold the user's
    // open transaction, which a reconnect would silently roll back.
    QList<ConnectionWorker *> sessions{m_migrationSession, m_schemaReadSession};
    for (SqlConsole *console : consoles())
        sessions.append(console->connection());
    for (ConnectionWorker *session : std::as_const(sessions)) {
        if (session && !session->isOpen() && !session->isOpening())
            session->reconnect();
    }
}

void MainWindow::onReopened(const ServerInfo &info)
{
    m_lost = false;
    m_status->setConnected(m_profile, info);
    statusBar()->showMessage(tr("Reconnected to %1").arg(m_profile.name), 5000);
    if (SqlConsole *console = currentConsole())
        console->messages()->appendInfo(tr("Reconnected to %1.").arg(m_profile.displayTarget()));
    updateActions();
    emit connected(info);
}

void MainWindow::onReopenFailed(const DbError &error)
{
    m_lost = true;
    m_lostError = error;
    m_status->setConnectionLost(m_profile, error);
    statusBar()->showMessage(tr("Could not reconnect: %1").arg(firstLine(error.message)), 15000);
    if (SqlConsole *console = currentConsole()) {
        console->messages()->appendError(error);
        console->outputTabs()->setCurrentWidget(console->messages());
    }
    updateActions();
    emit connectionFailed(error);
}

void MainWindow::disconnectFromDatabase()
{
    abandonPending();
    m_password.clear();
    if (!m_connection) {
        restoreStatus();
        updateActions();
        return;
    }
    closeSessions();
    delete m_connection;
    m_connection = nullptr;
    m_profile = ConnectionProfile();
    m_lost = false;
    m_status->setDisconnected();
    statusBar()->showMessage(tr("Disconnected"), 4000);
    updateWindowTitle();
    updateActions();
    emit disconnected();
}

// ---- dialogs ----

void MainWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // The dialog accepts only once its connection is open: adopt it rather than dial again.
        abandonPending();
        ConnectionWorker *worker = dialog->takeConnection();
        m_password = dialog->password();
        adoptConnection(worker, dialog->profile(), worker->serverInfo());
    });
    dialog->open();
}

void MainWindow::showAboutDialog()
{
    auto *dialog = new AboutDialog(m_connection && !m_lost ? m_connection->serverInfo()
                                                           : ServerInfo(),
                                   this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

// ---- state ----

void MainWindow::updateActions()
{
    SqlConsole *console = currentConsole();
    const bool running = console && console->isRunning();
    const bool open = m_connection && m_connection->isOpen() && !m_lost;
    m_runAction->setEnabled(console && open && !running);
    m_cancelAction->setEnabled(running);
    m_disconnectAction->setEnabled(m_connection || m_pending);
    m_reconnectAction->setEnabled(m_connection != nullptr && !m_pending);
    m_closeTabAction->setEnabled(m_tabs->currentWidget() != nullptr);
    m_saveAction->setEnabled(currentDocument() != nullptr);
    m_saveAsAction->setEnabled(console != nullptr);
    if (m_planActions)
        m_planActions->updateActions();
}

void MainWindow::updateWindowTitle()
{
    const QString app = QStringLiteral("Slipway");
    if (!m_connection) {
        setWindowTitle(app);
        return;
    }
    QString title = m_profile.name + QStringLiteral(" — ") + app;
    if (m_profile.production)
        title = tr("[PRODUCTION] ") + title;
    setWindowTitle(title);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Quit asks each modified tab in turn (showing it first); one Cancel or failed save keeps the
    // window, and every tab, open.
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *document = dynamic_cast<Document *>(m_tabs->widget(i));
        if (!document || !document->isModified())
            continue;
        m_tabs->setCurrentIndex(i);
        if (!DocumentCloser::queryClose(this, document)) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    WindowSession::save(*this, settings);
    event->accept();
}
