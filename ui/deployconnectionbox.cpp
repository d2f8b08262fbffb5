#include "deployconnectionbox.h"

#include "db/connectionworker.h"
#include "db/conninfo.h"
#include "db/dberror.h"
#include "db/pgconnection.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace {

// A worker whose answer nobody waits for any more: it deletes itself once the connection attempt
// ends, so closing the wizard never waits for a slow network.
void abandon(ConnectionWorker *worker, QObject *receiver)
{
    if (!worker)
        return;
    QObject::disconnect(worker, nullptr, receiver, nullptr);
    worker->setParent(nullptr);
    QObject::connect(worker, &ConnectionWorker::opened, worker, &QObject::deleteLater);
    QObject::connect(worker, &ConnectionWorker::openFailed, worker, &QObject::deleteLater);
}

} // namespace

DeployConnectionBox::DeployConnectionBox(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    m_choice = new QComboBox;
    m_choice->setObjectName(QStringLiteral("deployConnection"));
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("deployPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password (empty: the open connection's, ~/.pgpass or PGPASSWORD)"));
    m_password->setToolTip(tr("Kept in memory for this deploy only; never written to the deploy state, "
                              "the report or the audit log."));
    m_test = new QPushButton(tr("Test"));
    m_test->setObjectName(QStringLiteral("testDeployConnection"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("deployConnectionStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_choice, 0, 0);
    grid->addWidget(m_test, 0, 1);
    grid->addWidget(m_password, 1, 0, 1, 2);
    grid->addWidget(m_status, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);

    connect(m_choice, &QComboBox::currentIndexChanged, this, &DeployConnectionBox::onChosen);
    connect(m_password, &QLineEdit::textChanged, this, &DeployConnectionBox::onChosen);
    connect(m_test, &QPushButton::clicked, this, &DeployConnectionBox::testConnection);
}

DeployConnectionBox::~DeployConnectionBox()
{
    abandon(m_testing, this);
}

void DeployConnectionBox::load(const DeployTarget &open, const QList<ConnectionProfile> &profiles)
{
    const QString current = hasTarget() ? target().displayName : open.displayName;
    m_entries.clear();
    if (!open.conninfo.isEmpty() || !open.displayName.isEmpty())
        m_entries.append({tr("%1 (open connection)").arg(open.displayName), open});
    for (const ConnectionProfile &profile : profiles) {
        // The open connection is usually one of the profiles: list it once, with its password.
        if (profile.engine != Connection::Engine::PostgreSQL || profile.displayTarget() == open.displayName)
            continue;
        DeployTarget target;
        target.conninfo = profile.conninfo;
        target.displayName = profile.displayTarget();
        target.production = profile.production;
        m_entries.append({QStringLiteral("%1 — %2").arg(profile.name, target.displayName), target});
    }
    const QSignalBlocker blocker(m_choice);
    m_choice->clear();
    for (const Entry &entry : std::as_const(m_entries))
        m_choice->addItem(entry.label);
    m_choice->setEnabled(!m_entries.isEmpty());
    m_test->setEnabled(!m_entries.isEmpty());
    m_password->setEnabled(!m_entries.isEmpty());
    select(current);
    onChosen();
}

void DeployConnectionBox::select(const QString &displayName)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).target.displayName == displayName) {
            m_choice->setCurrentIndex(int(i));
            return;
        }
    }
}

bool DeployConnectionBox::hasTarget() const
{
    return m_choice->currentIndex() >= 0 && m_choice->currentIndex() < m_entries.size();
}

DeployTarget DeployConnectionBox::target() const
{
    if (!hasTarget())
        return {};
    DeployTarget chosen = m_entries.at(m_choice->currentIndex()).target;
    chosen.conninfo = ConnInfo::withPassword(chosen.conninfo, m_password->text());
    return chosen;
}

// A new choice or password: an earlier test result no longer says anything.
void DeployConnectionBox::onChosen()
{
    abandon(m_testing, this);
    m_testing = nullptr;
    m_test->setEnabled(hasTarget());
    if (m_entries.isEmpty())
        m_status->setText(tr("No PostgreSQL connection: save one with Connect… first."));
    else if (hasTarget() && target().production)
        m_status->setText(tr("<b>Production:</b> the database name must be typed before anything is applied."));
    else
        m_status->clear();
    emit changed();
}

void DeployConnectionBox::testConnection()
{
    if (!hasTarget())
        return;
    abandon(m_testing, this);
    m_testing = new ConnectionWorker(std::make_unique<PgConnection>(target().conninfo), this);
    ConnectionWorker *worker = m_testing;
    connect(worker, &ConnectionWorker::opened, this, [this, worker](const ServerInfo &info) { onOpened(worker, info); });
    connect(worker, &ConnectionWorker::openFailed, this, [this, worker](const DbError &error) { onFailed(worker, error); });
    m_test->setEnabled(false);
    m_status->setText(tr("Connecting to %1…").arg(target().displayName));
    worker->open();
}

void DeployConnectionBox::onOpened(ConnectionWorker *worker, const ServerInfo &info)
{
    if (worker != m_testing)
        return;
    QString text = tr("Connected: %1 %2, database %3 as %4.").arg(info.product, info.version, info.database, info.user);
    if (target().production)
        text += QLatin1Char(' ') + tr("<b>Production:</b> the database name must be typed before anything is applied.");
    m_status->setText(text);
    finishTest(worker);
    emit tested(true);
}

void DeployConnectionBox::onFailed(ConnectionWorker *worker, const DbError &error)
{
    if (worker != m_testing)
        return;
    m_status->setText(error.needsPassword() ? tr("The server asks for a password: type it above and test again.")
                                            : tr("Could not connect: %1").arg(error.message.section(QLatin1Char('\n'), 0, 0)));
    finishTest(worker);
    if (error.needsPassword())
        m_password->setFocus();
    emit tested(false);
}

void DeployConnectionBox::finishTest(ConnectionWorker *worker)
{
    m_testing = nullptr;
    worker->deleteLater();
    m_test->setEnabled(hasTarget());
}
