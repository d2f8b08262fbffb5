#include "backupcommand.h"

#include "db/localcluster.h"
#include "deploy/pgbackup.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

BackupCommand::BackupCommand(Verb verb, QTextStream &out, QTextStream &err)
    : CliCommand(out, err)
    , m_verb(verb)
{}

QString BackupCommand::name() const
{
    return m_verb == Verb::Backup ? QStringLiteral("backup") : QStringLiteral("restore-verify");
}

QString BackupCommand::summary() const
{
    return m_verb == Verb::Backup
               ? tr("pg_dump a database (--db CONNINFO --out FILE) [--verify: restore it and compare row counts]")
               : tr("restore a dump into a sandbox and compare row counts with --db CONNINFO (FILE --db CONNINFO)");
}

int BackupCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addOption({QStringLiteral("db"), tr("PostgreSQL conninfo or URI of the source database"), QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("restore-into"),
                      tr("restore into this server (conninfo of a maintenance database) instead of a throwaway sandbox"),
                      QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    if (m_verb == Verb::Backup) {
        parser.addOption({QStringLiteral("out"), tr("the dump file to write"), QStringLiteral("file")});
        parser.addOption({QStringLiteral("verify"), tr("list and restore the dump, then compare exact row counts")});
    }
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("db")))
        return usageError(tr("--db CONNINFO is required"));
    m_json = parser.isSet(QStringLiteral("json"));
    const QString source = parser.value(QStringLiteral("db"));
    const QString restoreInto = parser.value(QStringLiteral("restore-into"));

    if (m_verb == Verb::RestoreVerify) {
        if (parser.positionalArguments().size() != 1)
            return usageError(tr("give the dump file: restore-verify FILE --db CONNINFO"));
        return verify(parser.positionalArguments().first(), source, restoreInto);
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(tr("--out FILE is required"));
    PgBackup backup;
    qint64 reported = 0;
    const BackupResult result = backup.dump(source, parser.value(QStringLiteral("out")), [&](const QString &, qint64 bytes) {
        // A line per 16 MiB keeps a terminal informed without flooding a CI log.
        if (!m_json && bytes - reported >= (qint64(16) << 20)) {
            m_err << tr("  %1 MiB written").arg(bytes >> 20) << Qt::endl;
            reported = bytes;
        }
    });
    if (!result.ok)
        return failure(result.error);
    if (!m_json)
        m_out << tr("Backup written: %1 (%2 bytes, %3 ms)").arg(result.path).arg(result.bytes).arg(result.elapsedMs) << Qt::endl;
    if (!parser.isSet(QStringLiteral("verify"))) {
        if (m_json)
            m_out << QJsonDocument(QJsonObject{{QStringLiteral("file"), result.path},
                                               {QStringLiteral("bytes"), double(result.bytes)},
                                               {QStringLiteral("elapsed_ms"), double(result.elapsedMs)}})
                         .toJson(QJsonDocument::Indented);
        m_out.flush();
        return Ok;
    }
    return verify(result.path, source, restoreInto);
}

int BackupCommand::verify(const QString &dump, const QString &source, const QString &restoreInto)
{
    PgBackup backup;
    RestoreVerification verification;
    const QString database = QStringLiteral("slipway_restore_check");
    if (!restoreInto.isEmpty()) {
        verification = backup.restoreAndCompare(dump, source, restoreInto, database);
    } else {
        // A private server just for this restore, removed afterwards, so nothing of the dump
        // lands on a server the user did not name.
        QTemporaryDir directory(QStringLiteral("/tmp/slipway-restore-XXXXXX"));
        // QTemporaryDir is private to us; the server may run as another account (postgres).
        QFile::setPermissions(directory.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                    | QFile::ExeGroup | QFile::ExeOther);
        LocalCluster sandbox(directory.path() + QStringLiteral("/cluster"));
        try {
            if (!m_json)
                m_err << tr("Starting a throwaway PostgreSQL for the restore…") << Qt::endl;
            sandbox.start();
            verification = backup.restoreAndCompare(dump, source, sandbox.conninfo(), database);
            sandbox.remove();
        } catch (const LocalCluster::Error &e) {
            verification.error = e.message();
        }
    }
    print(verification);
    return verification.ok ? Ok : Failure;
}

void BackupCommand::print(const RestoreVerification &verification)
{
    if (m_json) {
        QJsonArray differences;
        for (const auto &difference : verification.differences)
            differences.append(QJsonObject{{QStringLiteral("table"), difference.table},
                                           {QStringLiteral("source_rows"), double(difference.source)},
                                           {QStringLiteral("restored_rows"), double(difference.restored)}});
        QJsonObject root{{QStringLiteral("verified"), verification.ok},
                         {QStringLiteral("toc_entries"), verification.tocEntries},
                         {QStringLiteral("tables"), verification.tables},
                         {QStringLiteral("rows"), double(verification.rows)},
                         {QStringLiteral("differences"), differences},
                         {QStringLiteral("elapsed_ms"), double(verification.elapsedMs)}};
        if (!verification.ok)
            root.insert(QStringLiteral("error"), verification.error);
        m_out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else if (verification.ok) {
        m_out << tr("Backup verified: %1 archive entries; restored %2 tables, %3 rows, every count equal to the source (%4 ms).")
                     .arg(verification.tocEntries)
                     .arg(verification.tables)
                     .arg(verification.rows)
                     .arg(verification.elapsedMs)
              << Qt::endl;
    } else {
        for (const auto &difference : verification.differences)
            m_out << tr("  %1: %2 rows in the source, %3 restored")
                         .arg(difference.table)
                         .arg(difference.source < 0 ? tr("no table") : QString::number(difference.source))
                         .arg(difference.restored < 0 ? tr("no table") : QString::number(difference.restored))
                  << Qt::endl;
        m_err << "slipway-cli " << name() << ": " << tr("NOT verified: %1").arg(verification.error) << Qt::endl;
    }
    m_out.flush();
}
