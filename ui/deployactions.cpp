#include "deployactions.h"

#include "auditdialog.h"
#include "deploywizard.h"
#include "db/connectionworker.h"
#include "mainwindow.h"
#include "migrationfolderdock.h"

#include "db/conninfo.h"
#include "db/profilestore.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>

DeployActions::DeployActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_deploy = new QAction(tr("&Deploy…"), this);
    m_deploy->setObjectName(QStringLiteral("deployAction"));
    m_deploy->setToolTip(tr("Run the deploy checklist for the migration folder against the connected database"));
    connect(m_deploy, &QAction::triggered, this, &DeployActions::openWizard);
    m_audit = new QAction(tr("&Audit Log…"), this);
    m_audit->setObjectName(QStringLiteral("auditAction"));
    connect(m_audit, &QAction::triggered, this, &DeployActions::openAuditLog);
    connect(window, &MainWindow::connected, this, &DeployActions::updateActions);
    connect(window, &MainWindow::disconnected, this, &DeployActions::updateActions);
    updateActions();
}

void DeployActions::addToMenuBar(QMenuBar *bar)
{
    const QList<QAction *> menus = bar->actions();
    auto *menu = new QMenu(tr("&Deploy"), bar);
    menu->setObjectName(QStringLiteral("deployMenu"));
    menu->addAction(m_deploy);
    menu->addAction(m_audit);
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu);
}

void DeployActions::updateActions()
{
    // The wizard picks the database itself; without a connection it offers the saved profiles.
    m_deploy->setEnabled(true);
}

void DeployActions::openWizard()
{
    DeployTarget target;
    if (m_window->connection() && m_window->profile().engine == Connection::Engine::PostgreSQL) {
        const ConnectionProfile profile = m_window->profile();
        // The deploy opens its own connections: it needs the password the window connected with.
        target.conninfo = ConnInfo::withPassword(profile.conninfo, m_window->password());
        target.displayName = profile.displayTarget();
        target.production = profile.production;
    }
    target.migrationDirectory = m_window->migrationDock()->folder();
    auto *wizard = new DeployWizard(target, {}, m_window);
    QSettings settings;
    wizard->setProfiles(ProfileStore(settings).profiles());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->show();
}

void DeployActions::openAuditLog()
{
    auto *dialog = new AuditDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}
