#include "deploywizard.h"

#include "db/databasechanges.h"
#include "deploy/auditlog.h"
#include "deploy/deployworkdirectory.h"
#include "deploy/userdatadirectory.h"
#include "deploypages.h"
#include "deployworker.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

DeployWizard::DeployWizard(const DeployTarget &target, const QString &stateDirectory, QWidget *parent)
    : QWizard(parent)
    , m_initial(target)
    , m_target(target)
    , m_stateDirectory(stateDirectory.isEmpty() ? defaultStateDirectory() : stateDirectory)
{
    setObjectName(QStringLiteral("deployWizard"));
    setWindowTitle(tr("Deploy %1").arg(target.displayName));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setMinimumSize(900, 640);

    // A saved deploy for this database and folder picks up where it stopped.
    loadSavedState();
    setPage(SetupPage, new DeploySetupPage);
    setPage(ChecksPage, new DeployChecksPage(ChecklistItem::Phase::Prepare));
    setPage(SignOffPage, new DeploySignOffPage(false));
    setPage(SummaryPage, new DeploySummaryPage);
    setPage(ExecutePage, new DeployExecutePage);
    setPage(VerifyPage, new DeployChecksPage(ChecklistItem::Phase::Verify));
    setPage(ReportPage, new DeployReportPage);
    setStartId(m_resumed ? resumePage() : SetupPage);
    // Where the deploy is, for the resume file.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id >= ChecksPage && id < ReportPage) {
            m_savedPage = id;
            saveState();
        }
    });
}

int DeployWizard::resumePage() const
{
    // Applied migrations cannot be applied again: such a deploy goes on with its verification.
    if (m_execution.outcome == DeployExecution::Outcome::Applied)
        return qMax(int(VerifyPage), qMin(m_savedPage, int(VerifyPage)));
    return qBound(int(ChecksPage), m_savedPage, int(ExecutePage));
}

void DeployWizard::done(int result)
{
    // Closed after executing without reaching the report: the trail already has the execution;
    // make sure it does even if the audit log could not be written then.
    if (m_execution.outcome != DeployExecution::Outcome::NotRun && m_auditId == 0)
        recordAudit(false);
    QWizard::done(result);
}

DeployWizard::~DeployWizard()
{
    dropWorker();
}

void DeployWizard::dropWorker()
{
    delete m_worker; // stops and joins its thread
    m_worker = nullptr;
}

bool DeployWizard::loadSavedState()
{
    m_resumed = false;
    m_execution = {};
    m_knowledge = {};
    m_auditId = 0;
    m_savedPage = ChecksPage;
    QFile saved(statePath());
    if (!saved.open(QIODevice::ReadOnly))
        return false;
    QString error;
    const QJsonObject json = QJsonDocument::fromJson(saved.readAll()).object();
    DeploySession session = DeploySession::fromJson(json, &error);
    if (!session.checklist().isValid())
        return false;
    session.target().conninfo = m_target.conninfo; // the saved one has no password
    session.target().production = m_target.production;
    m_session = session;
    m_execution = DeployExecution::fromJson(json.value(QStringLiteral("execution")).toObject());
    m_knowledge = json.value(QStringLiteral("knowledge")).toObject();
    m_auditId = qint64(json.value(QStringLiteral("audit_id")).toDouble());
    m_savedPage = json.value(QStringLiteral("page")).toInt(ChecksPage);
    m_resumed = true;
    return true;
}

void DeployWizard::setTarget(const DeployTarget &target)
{
    const QString folder = m_target.migrationDirectory;
    const bool otherDatabase = target.displayName != m_target.displayName;
    const bool otherConnection = otherDatabase || target.conninfo != m_target.conninfo;
    m_target.conninfo = target.conninfo;
    m_target.displayName = target.displayName;
    m_target.production = target.production;
    m_target.migrationDirectory = folder;
    setWindowTitle(tr("Deploy %1").arg(m_target.displayName));
    if (otherConnection)
        dropWorker(); // it was made for the old connection
    if (otherDatabase) {
        if (!loadSavedState())
            m_session = DeploySession();
    } else if (m_session.checklist().isValid()) {
        m_session.target().conninfo = m_target.conninfo; // e.g. a password typed on resume
        m_session.target().production = m_target.production;
    }
}

QString DeployWizard::defaultStateDirectory()
{
    return QDir(UserDataDirectory::path()).filePath(QStringLiteral("deploys"));
}

QString DeployWizard::statePath() const
{
    const QByteArray key = (m_target.displayName + QLatin1Char('\n') + QDir(m_target.migrationDirectory).absolutePath()).toUtf8();
    const QString name = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16));
    return QDir(m_stateDirectory).filePath(name + QStringLiteral(".json"));
}

QString DeployWizard::workDirectory() const
{
    return QDir(m_stateDirectory).filePath(QFileInfo(statePath()).baseName() + QStringLiteral("-work"));
}

bool DeployWizard::removeWork(QString *error)
{
    dropWorker(); // stops the rehearsal server, whose files are in the folder
    m_knowledge = {};
    return DeployWorkDirectory::remove(workDirectory(), error);
}

DeployWorker *DeployWizard::worker()
{
    if (!m_worker) {
        QDir().mkpath(m_stateDirectory);
        const QString work = workDirectory();
        QDir().mkpath(work);
        // The rehearsal sandbox may run as another account (postgres when we are root).
        QFile::setPermissions(work, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
        m_worker = new DeployWorker(m_session.target(), work, m_rehearsalServer);
        if (!m_knowledge.isEmpty())
            m_worker->restoreKnowledge(m_knowledge);
        connect(m_worker, &DeployWorker::knowledgeChanged, this, [this](const QJsonObject &knowledge) {
            m_knowledge = knowledge;
            saveState();
        });
    }
    return m_worker;
}

void DeployWizard::startSession(const QString &folder, const Checklist &checklist)
{
    const auto same = [](const QString &a, const QString &b) { return QDir(a).absolutePath() == QDir(b).absolutePath(); };
    if (!same(m_target.migrationDirectory, folder)) {
        // Another folder: its own saved deploy, if it has one.
        m_target.migrationDirectory = folder;
        dropWorker();
        loadSavedState();
    }
    if (m_resumed && m_session.checklist().source() == checklist.source() && same(m_session.target().migrationDirectory, folder))
        return;
    DeployTarget target = m_target;
    target.migrationDirectory = folder;
    target.dialect = MigrationFolder::detect(folder);
    m_session = DeploySession(target, checklist);
    m_resumed = false;
    m_execution = {};
    m_knowledge = {};
    m_auditId = 0;
    dropWorker(); // it was made for the old session
    saveState();
}

void DeployWizard::setExecution(const DeployExecution &execution)
{
    m_execution = execution;
    // Every execution is in the trail at once, whatever happens to the wizard afterwards; a
    // retry after a failure is an attempt of its own.
    m_auditId = 0;
    recordAudit(false);
    saveState();
    // The windows showing the target read it again (a refused deploy changed nothing).
    if (execution.outcome != DeployExecution::Outcome::NotRun
        && execution.outcome != DeployExecution::Outcome::Refused)
        DatabaseChanges::instance()->announce(
            ConnectionProfile::targetKey(Connection::Engine::PostgreSQL, m_session.target().conninfo),
            DatabaseChanges::Source::Deploy,
            this);
}

void DeployWizard::saveState() const
{
    if (!m_session.checklist().isValid())
        return;
    QDir().mkpath(m_stateDirectory);
    QJsonObject json = m_session.toJson();
    json.insert(QStringLiteral("execution"), m_execution.toJson());
    json.insert(QStringLiteral("knowledge"), m_knowledge);
    json.insert(QStringLiteral("audit_id"), double(m_auditId));
    json.insert(QStringLiteral("page"), m_savedPage);
    QSaveFile file(statePath());
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(json).toJson());
        file.commit();
    }
}

QString DeployWizard::report() const
{
    return DeployReport::markdown(m_session, m_execution, DeployReport::currentUser());
}

qint64 DeployWizard::recordAudit(bool final)
{
    AuditEntry entry;
    entry.id = m_auditId;
    entry.started = m_execution.started.isValid() ? m_execution.started : QDateTime::currentDateTimeUtc();
    entry.finished = m_execution.finished.isValid() ? m_execution.finished : QDateTime::currentDateTimeUtc();
    entry.user = DeployReport::currentUser();
    entry.connection = m_session.target().displayName;
    entry.folder = m_session.target().migrationDirectory;
    entry.checklist = m_session.checklist().name();
    entry.outcome = DeployExecution::outcomeName(m_execution.outcome);
    entry.migrations = m_execution.applied;
    entry.report = report();
    entry.origin = QStringLiteral("slipway");
    QString error;
    const qint64 id = AuditLog().record(entry, &error);
    if (id == 0)
        return 0;
    m_auditId = id;
    if (final)
        QFile::remove(statePath()); // the deploy is over: the next wizard for this database starts fresh
    else
        saveState();
    return m_auditId;
}
