#include "localcluster.h"
#include "logcategories.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QVersionNumber>

#include <arpa/inet.h>
#include <grp.h>
#include <locale.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace {

// Debian and Ubuntu ship initdb, pg_ctl and postgres in this package (it also creates the
// "postgres" account we need when running as root).
const QString InstallCommand = QStringLiteral("sudo apt-get install postgresql");
const char ServerAccountName[] = "postgres";

constexpr int InitdbTimeoutMs = 120 * 1000;
// pg_ctl waits up to 60 s itself (-t 60); the margin covers runuser and process start-up.
constexpr int PgCtlWaitSeconds = 60;
constexpr int PgCtlTimeoutMs = (PgCtlWaitSeconds + 15) * 1000;
constexpr int LockTimeoutMs = PgCtlTimeoutMs + InitdbTimeoutMs;

QString binaryNotFoundMessage()
{
    return LocalCluster::tr(
               "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them: %1")
        .arg(InstallCommand);
}

bool hasServerBinaries(const QString &dir)
{
    if (dir.isEmpty())
        return false;
    for (const char *tool : {"initdb", "pg_ctl", "postgres"}) {
        if (!QFileInfo(dir + u'/' + QLatin1String(tool)).isExecutable())
            return false;
    }
    return true;
}

QString runuserProgram()
{
    const QString found = QStandardPaths::findExecutable(QStringLiteral("runuser"));
    if (!found.isEmpty())
        return found;
    // root's PATH normally has /usr/sbin, but sudo -E or a container may have stripped it.
    return QStandardPaths::findExecutable(QStringLiteral("runuser"),
                                          {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
}

struct ToolRun
{
    bool ok = false; // started, finished in time and exited with 0
    QString output;  // stdout and stderr, merged
};

// Runs a PostgreSQL tool as the account that owns the cluster. initdb and pg_ctl refuse to run
// as root, so root goes through runuser; everybody else runs them directly.
ToolRun runTool(const QString &program,
                const QStringList &arguments,
                const QString &workingDirectory,
                int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setWorkingDirectory(workingDirectory);
    if (geteuid() == 0) {
        process.setProgram(runuserProgram());
        process.setArguments(QStringList{QStringLiteral("-u"),
                                         QLatin1String(ServerAccountName),
                                         QStringLiteral("--"),
                                         program}
                             + arguments);
    } else {
        process.setProgram(program);
        process.setArguments(arguments);
    }

    ToolRun run;
    process.start();
    if (!process.waitForStarted(10 * 1000)) {
        run.output = LocalCluster::tr("Could not run %1: %2")
                         .arg(process.program(), process.errorString());
        return run;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5 * 1000);
        run.output = QString::fromLocal8Bit(process.readAll()).trimmed() + u'\n'
                     + LocalCluster::tr("%1 did not finish within %n seconds.",
                                        nullptr,
                                        timeoutMs / 1000)
                           .arg(QFileInfo(program).fileName());
        return run;
    }
    run.output = QString::fromLocal8Bit(process.readAll()).trimmed();
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return run;
}

struct ServerAccount
{
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups;
};

std::optional<ServerAccount> serverAccount()
{
    passwd entry{};
    passwd *found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwnam_r(ServerAccountName, &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
        return std::nullopt;
    ServerAccount account;
    account.uid = found->pw_uid;
    account.gid = found->pw_gid;
    int count = 32;
    account.groups.resize(count);
    if (getgrouplist(ServerAccountName, account.gid, account.groups.data(), &count) < 0) {
        account.groups.resize(count);
        getgrouplist(ServerAccountName, account.gid, account.groups.data(), &count);
    }
    account.groups.resize(std::max(count, 0));
    return account;
}

// Plain permission bits only; ACLs are settled by asking the system (see checkServerCanReach).
bool mayEnter(const QString &path, const ServerAccount &account)
{
    using StatBuffer = struct stat; // the struct shares its name with the function
    StatBuffer info{};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    if (info.st_uid == account.uid)
        return info.st_mode & S_IXUSR;
    for (gid_t group : account.groups) {
        if (group == info.st_gid)
            return info.st_mode & S_IXGRP;
    }
    return info.st_mode & S_IXOTH;
}

// kill(pid, 0) alone is not enough: it succeeds for a zombie (a container's init may never reap
// the postmaster) and for an unrelated process that got the same pid after a reboot.
bool isLivePostmaster(qint64 pid)
{
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray fields = stat.readAll();
        const qsizetype nameEnd = fields.lastIndexOf(')');
        if (nameEnd > 0 && nameEnd + 2 < fields.size()) {
            const char processState = fields.at(nameEnd + 2);
            if (processState == 'Z' || processState == 'X')
                return false;
        }
    }
    QFile commandLine(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (commandLine.open(QIODevice::ReadOnly)) {
        const QByteArray program = commandLine.readAll().split('\0').value(0);
        if (!program.isEmpty() && !program.contains("postgres") && !program.contains("postmaster"))
            return false;
    }
    return true;
}

QStringList pidFileLines(const QString &dataDirectory)
{
    QFile file(dataDirectory + QStringLiteral("/postmaster.pid"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096)).split(u'\n');
}

// Binds 127.0.0.1:port (0 = any) and returns the port the kernel gave, 0 when it is taken.
int bindLoopback(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(quint16(port));
    socklen_t length = sizeof address;
    int result = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        result = ntohs(address.sin_port);
    }
    ::close(fd);
    return result;
}

// The server listens only on its private socket directory (listen_addresses=''), so the port
// mostly names the socket file. Taking a port that is free on the machine still keeps sandboxes
// apart in connection lists and lets TCP be switched on later without a clash.
int pickPort(int preferred)
{
    if (preferred > 0 && bindLoopback(preferred) == preferred)
        return preferred;
    return bindLoopback(0);
}

QStringList localeArguments()
{
    // C.UTF-8 sorts by code point like C (fast, and stable across glibc upgrades) but still knows
    // which characters are letters for upper()/lower(); plain C is the fallback where it is missing.
    if (locale_t utf8 = newlocale(LC_ALL_MASK, "C.UTF-8", nullptr)) {
        freelocale(utf8);
        return {QStringLiteral("--locale=C.UTF-8")};
    }
    return {QStringLiteral("--no-locale")};
}

// pg_ctl hands -o to /bin/sh, so a directory with spaces must be quoted for the shell.
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// libpq conninfo values need quotes only when they contain spaces, quotes or backslashes.
QString conninfoValue(const QString &value)
{
    bool plain = !value.isEmpty();
    for (QChar c : value)
        plain = plain && !c.isSpace() && c != u'\'' && c != u'\\';
    if (plain)
        return value;
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + escaped + u'\'';
}

QString readFrom(const QString &path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Another server (or a dead one's lock file that postgres would not remove) holds our port.
bool isPortConflict(const QString &log)
{
    return log.contains(QLatin1String("Address already in use"))
           || log.contains(QLatin1String("Is another postmaster"))
           || (log.contains(QLatin1String(".s.PGSQL.")) && log.contains(QLatin1String("lock file")));
}

// After a crash the old server's children may still be attached to its shared memory for a
// moment; postgres refuses to start until they are gone.
bool isSharedMemoryBusy(const QString &log)
{
    return log.contains(QLatin1String("pre-existing shared memory block"));
}

QString readPgVersion(const QString &dataDirectory)
{
    QFile file(dataDirectory + QStringLiteral("/PG_VERSION"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace

LocalCluster::Error::Error(const QString &message)
    : std::runtime_error(message.toStdString())
{}

LocalCluster::LocalCluster(QString directory)
    // libpq treats host= as a socket directory only when it is absolute.
    : m_directory(QDir::cleanPath(QDir(directory).absolutePath()))
{}

QString LocalCluster::dataDirectory() const
{
    return m_directory + QStringLiteral("/data");
}

QString LocalCluster::socketDirectory() const
{
    return m_directory + QStringLiteral("/run");
}

QString LocalCluster::logFile() const
{
    return m_directory + QStringLiteral("/server.log");
}

QString LocalCluster::settingsFile() const
{
    return m_directory + QStringLiteral("/sandbox.ini");
}

QString LocalCluster::findBinDir()
{
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    if (!pgConfig.isEmpty()) {
        QProcess process;
        process.start(pgConfig, {QStringLiteral("--bindir")});
        // Debian's libpq-dev pg_config may point at a directory without the server: check it.
        if (process.waitForFinished(10 * 1000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0) {
            const QString dir = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
            if (hasServerBinaries(dir))
                return dir;
        }
    }

    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &name : std::as_const(names)) {
        const QString dir = versions.filePath(name) + QStringLiteral("/bin");
        if (hasServerBinaries(dir))
            return dir;
    }
    throw Error(binaryNotFoundMessage());
}

// An explicit choice wins; then the binaries this cluster last ran with, then those matching its
// PG_VERSION (a newer major version cannot open the files), then whatever is installed.
QString LocalCluster::resolveBinDir() const
{
    if (!m_binDir.isEmpty()) {
        if (!hasServerBinaries(m_binDir)) {
            throw Error(tr("PostgreSQL server binaries (initdb, pg_ctl) not found in %1. "
                           "Install them: %2")
                            .arg(m_binDir, InstallCommand));
        }
        return m_binDir;
    }
    const QString remembered
        = QSettings(settingsFile(), QSettings::IniFormat).value(QStringLiteral("bindir")).toString();
    if (hasServerBinaries(remembered))
        return remembered;
    const QString version = readPgVersion(dataDirectory());
    const QString matching = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version);
    if (!version.isEmpty() && hasServerBinaries(matching))
        return matching;
    return findBinDir();
}

void LocalCluster::checkSocketPathLength() const
{
    // The kernel limits Unix socket paths (sun_path); postgres would only say so in its log.
    const QByteArray longest = QFile::encodeName(socketDirectory()
                                                 + QStringLiteral("/.s.PGSQL.65535"));
    const qsizetype limit = qsizetype(sizeof(sockaddr_un{}.sun_path)) - 1;
    if (longest.size() > limit) {
        throw Error(tr("The sandbox directory %1 is too deep: its socket path would be %2 bytes, "
                       "Unix sockets allow %3. Choose a shorter directory.")
                        .arg(m_directory, QString::number(longest.size()), QString::number(limit)));
    }
}

void LocalCluster::prepareDirectories() const
{
    const bool root = geteuid() == 0;
    std::optional<ServerAccount> account;
    if (root) {
        account = serverAccount();
        if (!account) {
            throw Error(tr("Running as root, but there is no \"%1\" user to run the server as. "
                           "Install the server package: %2")
                            .arg(QLatin1String(ServerAccountName), InstallCommand));
        }
        checkServerCanReach(); // before creating anything we would then leave behind
    }
    if (!QDir().mkpath(socketDirectory()))
        throw Error(tr("Could not create the directory %1.").arg(socketDirectory()));
    // With --auth=trust anybody who can reach the socket is superuser: keep it to the owner.
    // (Root can still connect; it is not subject to directory permissions.)
    QFile::setPermissions(socketDirectory(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (!root)
        return;

    for (const QString &path : {m_directory, socketDirectory(), dataDirectory(), logFile()}) {
        if (!QFileInfo::exists(path))
            continue;
        if (::chown(QFile::encodeName(path).constData(), account->uid, account->gid) != 0) {
            throw Error(tr("Could not give %1 to the user \"%2\": %3")
                            .arg(path,
                                 QLatin1String(ServerAccountName),
                                 QString::fromLocal8Bit(std::strerror(errno))));
        }
    }
    checkServerCanReach(); // parents we just created follow the umask, which may be 077
}

// As root the server runs as "postgres", which must be able to enter every parent directory.
// QTemporaryDir and home directories are often 0700; we do not widen permissions of
// directories we did not create, but say exactly which one is in the way.
void LocalCluster::checkServerCanReach() const
{
    const std::optional<ServerAccount> account = serverAccount();
    QStringList parents;
    for (QString path = QFileInfo(m_directory).path();; path = QFileInfo(path).path()) {
        parents.prepend(path);
        if (path == QStringLiteral("/") || path == QStringLiteral("."))
            break;
    }
    for (const QString &parent : std::as_const(parents)) {
        if (!QFileInfo::exists(parent))
            break; // mkpath creates the rest; checked again once it has
        if (mayEnter(parent, *account))
            continue;
        // Permission bits say no; an ACL may still say yes, so ask as that user before failing.
        const ToolRun probe = runTool(QStringLiteral("test"),
                                      {QStringLiteral("-x"), parent},
                                      QStringLiteral("/"),
                                      10 * 1000);
        if (probe.ok)
            continue;
        throw Error(tr("The PostgreSQL server runs as user \"%1\", which cannot enter the "
                       "directory %2 on the way to %3. Make it traversable (chmod o+x %2) or "
                       "choose a sandbox directory elsewhere.")
                        .arg(QLatin1String(ServerAccountName), parent, m_directory));
    }
}

void LocalCluster::initialise(const QString &binDir) const
{
    const QStringList arguments = QStringList{QStringLiteral("-D"),
                                              dataDirectory(),
                                              QStringLiteral("-U"),
                                              QStringLiteral("postgres"),
                                              QStringLiteral("--auth=trust"),
                                              QStringLiteral("--encoding=UTF8"),
                                              QStringLiteral("--no-instructions"),
                                              // A sandbox is disposable; flushing ~1,000 new
                                              // files would cost more than the rest of initdb.
                                              QStringLiteral("--no-sync")}
                                  + localeArguments();
    const ToolRun run = runTool(binDir + QStringLiteral("/initdb"),
                                arguments,
                                m_directory,
                                InitdbTimeoutMs);
    if (!run.ok) {
        throw Error(
            tr("initdb could not create a cluster in %1:\n%2").arg(dataDirectory(), run.output));
    }
}

// Only called while no live postmaster owns the directory. Postgres copes with a stale
// postmaster.pid or socket lock file by itself, except when the recorded pid now belongs to
// another process of the same user, which is common after a reboot.
void LocalCluster::clearLeftovers() const
{
    QFile::remove(dataDirectory() + QStringLiteral("/postmaster.pid"));
    const QDir run(socketDirectory());
    const QStringList leftovers = run.entryList({QStringLiteral(".s.PGSQL.*")},
                                                QDir::Files | QDir::System | QDir::Hidden);
    for (const QString &name : leftovers)
        QFile::remove(run.filePath(name));
}

int LocalCluster::launch(const QString &binDir) const
{
    const int previousPort
        = QSettings(settingsFile(), QSettings::IniFormat).value(QStringLiteral("port"), 0).toInt();
    // Keeping the previous port keeps saved conninfo strings valid across restarts.
    int port = pickPort(previousPort);
    int portAttempts = 0;
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        if (port <= 0)
            throw Error(tr("Could not find a free TCP port for the PostgreSQL server."));
        const qint64 logOffset = QFileInfo(logFile()).size();
        const QString serverOptions = QStringLiteral("-p %1 -k %2 -c listen_addresses=''")
                                          .arg(QString::number(port), shellQuote(socketDirectory()));
        const ToolRun run = runTool(binDir + QStringLiteral("/pg_ctl"),
                                    {QStringLiteral("-D"),
                                     dataDirectory(),
                                     QStringLiteral("-l"),
                                     logFile(),
                                     QStringLiteral("-w"),
                                     QStringLiteral("-t"),
                                     QString::number(PgCtlWaitSeconds),
                                     QStringLiteral("-o"),
                                     serverOptions,
                                     QStringLiteral("start")},
                                    m_directory,
                                    PgCtlTimeoutMs);
        if (run.ok)
            return port;

        const QString newLog = readFrom(logFile(), logOffset);
        const bool timeLeft = clock.elapsed() < 20 * 1000;
        if (timeLeft && isPortConflict(newLog) && ++portAttempts < 5) {
            port = pickPort(0);
            continue;
        }
        if (timeLeft && isSharedMemoryBusy(newLog)) {
            QThread::msleep(250);
            continue;
        }
        throw Error(tr("Could not start the PostgreSQL server in %1.\n%2\n\nLast lines of %3:\n%4")
                        .arg(dataDirectory(), run.output, logFile(), serverLogTail()));
    }
}

void LocalCluster::start()
{
    if (state() == State::Running)
        return;
    checkSocketPathLength();
    // Look for the binaries before touching the disk: a missing server is the likeliest failure.
    const QString binDir = resolveBinDir();
    prepareDirectories();

    // Two slipway-cli runs on one directory must not both run initdb or pick different ports.
    QLockFile lock(m_directory + QStringLiteral("/sandbox.lock"));
    lock.setStaleLockTime(0); // initdb on a slow disk may take long; only a dead owner is stale
    if (!lock.tryLock(LockTimeoutMs)) {
        throw Error(
            tr("Another process is starting or stopping the sandbox in %1.").arg(m_directory));
    }

    const State current = state();
    if (current == State::Running)
        return;
    if (current == State::Absent)
        initialise(binDir);
    clearLeftovers();
    const int port = launch(binDir);

    QSettings settings(settingsFile(), QSettings::IniFormat);
    settings.setValue(QStringLiteral("port"), port);
    settings.setValue(QStringLiteral("bindir"), binDir);
    settings.setValue(QStringLiteral("version"), readPgVersion(dataDirectory()));
    settings.sync();
}

void LocalCluster::stop()
{
    if (state() != State::Running)
        return;
    QLockFile lock(m_directory + QStringLiteral("/sandbox.lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(LockTimeoutMs)) {
        throw Error(
            tr("Another process is starting or stopping the sandbox in %1.").arg(m_directory));
    }
    if (state() != State::Running)
        return;

    QString binDir;
    try {
        binDir = resolveBinDir();
    } catch (const Error &e) {
        // The binaries went away (package removed) while the server still runs: stop it anyway.
        qCWarning(lcDb) << "server binaries not found, stopping the sandbox by signal:" << e.what();
        stopBySignal();
        return;
    }
    const ToolRun run = runTool(binDir + QStringLiteral("/pg_ctl"),
                                {QStringLiteral("-D"),
                                 dataDirectory(),
                                 QStringLiteral("-m"),
                                 QStringLiteral("fast"),
                                 QStringLiteral("-w"),
                                 QStringLiteral("-t"),
                                 QString::number(PgCtlWaitSeconds),
                                 QStringLiteral("stop")},
                                m_directory,
                                PgCtlTimeoutMs);
    if (!run.ok && state() == State::Running) {
        throw Error(tr("Could not stop the PostgreSQL server in %1.\n%2\n\nLast lines of %3:\n%4")
                        .arg(dataDirectory(), run.output, logFile(), serverLogTail()));
    }
}

void LocalCluster::stopBySignal() const
{
    const qint64 pid = pidFileLines(dataDirectory()).value(0).trimmed().toLongLong();
    if (!isLivePostmaster(pid))
        return;
    ::kill(pid_t(pid), SIGINT); // what pg_ctl -m fast sends
    QElapsedTimer clock;
    clock.start();
    while (isLivePostmaster(pid)) {
        if (clock.elapsed() > PgCtlWaitSeconds * 1000) {
            throw Error(tr("The PostgreSQL server in %1 (pid %2) did not shut down.")
                            .arg(dataDirectory(), QString::number(pid)));
        }
        QThread::msleep(50);
    }
}

// Refuses to delete anything but our own layout, so a mistyped --dir cannot wipe a home folder.
bool LocalCluster::looksLikeSandbox() const
{
    static const QStringList ours = {QStringLiteral("data"),
                                     QStringLiteral("run"),
                                     QStringLiteral("server.log"),
                                     QStringLiteral("sandbox.ini"),
                                     QStringLiteral("sandbox.ini.lock"),
                                     QStringLiteral("sandbox.lock")};
    const QStringList entries = QDir(m_directory)
                                    .entryList(QDir::AllEntries | QDir::Hidden | QDir::System
                                               | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (!ours.contains(entry))
            return false;
    }
    return true;
}

void LocalCluster::remove()
{
    QDir dir(m_directory);
    if (!dir.exists())
        return;
    if (!looksLikeSandbox()) {
        throw Error(
            tr("%1 holds files that do not belong to a sandbox; not deleting it.").arg(m_directory));
    }
    stop();
    if (!dir.removeRecursively())
        throw Error(tr("Could not delete %1 completely.").arg(m_directory));
}

// Runs often (status bars, test fixtures): files and kill(), no child process.
LocalCluster::State LocalCluster::state() const
{
    if (!QFileInfo::exists(dataDirectory() + QStringLiteral("/PG_VERSION")))
        return State::Absent;
    if (!QFileInfo::exists(dataDirectory() + QStringLiteral("/postmaster.pid")))
        return State::Stopped;
    const qint64 pid = pidFileLines(dataDirectory()).value(0).trimmed().toLongLong();
    return isLivePostmaster(pid) ? State::Running : State::Stale;
}

int LocalCluster::port() const
{
    // postmaster.pid line 4 is what the server really uses; sandbox.ini remembers it when stopped.
    bool ok = false;
    const int live = pidFileLines(dataDirectory()).value(3).trimmed().toInt(&ok);
    if (ok && live > 0)
        return live;
    return QSettings(settingsFile(), QSettings::IniFormat).value(QStringLiteral("port"), 0).toInt();
}

QString LocalCluster::conninfo(const QString &database) const
{
    return QStringLiteral("host=%1 port=%2 user=postgres dbname=%3")
        .arg(conninfoValue(socketDirectory()), QString::number(port()), conninfoValue(database));
}

QString LocalCluster::serverLogTail(int lines) const
{
    QFile file(logFile());
    if (lines <= 0 || !file.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 window = 64 * 1024; // plenty for the last few dozen lines
    const bool partial = file.size() > window;
    if (partial)
        file.seek(file.size() - window);
    QStringList all = QString::fromUtf8(file.readAll()).split(u'\n');
    if (partial && !all.isEmpty())
        all.removeFirst(); // cut in the middle of a line
    while (!all.isEmpty() && all.constLast().trimmed().isEmpty())
        all.removeLast();
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(u'\n');
}
