#include "statementeffectnames.h"

#include "pgnode.h"
#include "statementeffect.h"

#include <QHash>

namespace StatementEffectNames {

// "OBJECT_MATVIEW" → "MATERIALIZED VIEW": the SQL words for PostgreSQL's ObjectType names.
QString objectWords(std::string_view objectType)
{
    static const QHash<QString, QString> special{
        {QStringLiteral("MATVIEW"), QStringLiteral("MATERIALIZED VIEW")},
        {QStringLiteral("FDW"), QStringLiteral("FOREIGN DATA WRAPPER")},
        {QStringLiteral("FOREIGN_SERVER"), QStringLiteral("SERVER")},
        {QStringLiteral("OPCLASS"), QStringLiteral("OPERATOR CLASS")},
        {QStringLiteral("OPFAMILY"), QStringLiteral("OPERATOR FAMILY")},
        {QStringLiteral("TSCONFIGURATION"), QStringLiteral("TEXT SEARCH CONFIGURATION")},
        {QStringLiteral("TSDICTIONARY"), QStringLiteral("TEXT SEARCH DICTIONARY")},
        {QStringLiteral("TSPARSER"), QStringLiteral("TEXT SEARCH PARSER")},
        {QStringLiteral("TSTEMPLATE"), QStringLiteral("TEXT SEARCH TEMPLATE")},
        {QStringLiteral("STATISTIC_EXT"), QStringLiteral("STATISTICS")},
        {QStringLiteral("LARGEOBJECT"), QStringLiteral("LARGE OBJECT")},
        {QStringLiteral("TABCONSTRAINT"), QStringLiteral("CONSTRAINT")},
        {QStringLiteral("DOMCONSTRAINT"), QStringLiteral("CONSTRAINT")},
        {QStringLiteral("ATTRIBUTE"), QStringLiteral("ATTRIBUTE")},
    };
    QString words = QString::fromLatin1(objectType.data(), qsizetype(objectType.size()));
    if (words.startsWith(QLatin1String("OBJECT_")))
        words.remove(0, 7);
    if (words.isEmpty())
        return QStringLiteral("TABLE");
    return special.value(words, words.replace(QLatin1Char('_'), QLatin1Char(' ')));
}

// Command tags of the statements that change the schema (or roles, or the server) and need no
// closer look. The tag is SQL and stays untranslated. A kind missing here still needs
// confirmation; it is only named by its node type.
QString commandTag(const PgNode &statement)
{
    static const QHash<QString, QString> tags{
        {QStringLiteral("CreateStmt"), QStringLiteral("CREATE TABLE")},
        {QStringLiteral("ViewStmt"), QStringLiteral("CREATE VIEW")},
        {QStringLiteral("CreateSeqStmt"), QStringLiteral("CREATE SEQUENCE")},
        {QStringLiteral("AlterSeqStmt"), QStringLiteral("ALTER SEQUENCE")},
        {QStringLiteral("CreateSchemaStmt"), QStringLiteral("CREATE SCHEMA")},
        {QStringLiteral("AlterFunctionStmt"), QStringLiteral("ALTER FUNCTION")},
        {QStringLiteral("CreateTrigStmt"), QStringLiteral("CREATE TRIGGER")},
        {QStringLiteral("RuleStmt"), QStringLiteral("CREATE RULE")},
        {QStringLiteral("CreatePolicyStmt"), QStringLiteral("CREATE POLICY")},
        {QStringLiteral("AlterPolicyStmt"), QStringLiteral("ALTER POLICY")},
        {QStringLiteral("CreateExtensionStmt"), QStringLiteral("CREATE EXTENSION")},
        {QStringLiteral("AlterExtensionStmt"), QStringLiteral("ALTER EXTENSION")},
        {QStringLiteral("AlterExtensionContentsStmt"), QStringLiteral("ALTER EXTENSION")},
        {QStringLiteral("CreateEnumStmt"), QStringLiteral("CREATE TYPE")},
        {QStringLiteral("CompositeTypeStmt"), QStringLiteral("CREATE TYPE")},
        {QStringLiteral("CreateRangeStmt"), QStringLiteral("CREATE TYPE")},
        {QStringLiteral("AlterEnumStmt"), QStringLiteral("ALTER TYPE")},
        {QStringLiteral("AlterTypeStmt"), QStringLiteral("ALTER TYPE")},
        {QStringLiteral("CreateDomainStmt"), QStringLiteral("CREATE DOMAIN")},
        {QStringLiteral("AlterDomainStmt"), QStringLiteral("ALTER DOMAIN")},
        {QStringLiteral("CreateRoleStmt"), QStringLiteral("CREATE ROLE")},
        {QStringLiteral("AlterRoleStmt"), QStringLiteral("ALTER ROLE")},
        {QStringLiteral("AlterRoleSetStmt"), QStringLiteral("ALTER ROLE … SET")},
        {QStringLiteral("DropRoleStmt"), QStringLiteral("DROP ROLE")},
        {QStringLiteral("CreatedbStmt"), QStringLiteral("CREATE DATABASE")},
        {QStringLiteral("AlterDatabaseStmt"), QStringLiteral("ALTER DATABASE")},
        {QStringLiteral("AlterDatabaseSetStmt"), QStringLiteral("ALTER DATABASE … SET")},
        {QStringLiteral("AlterDatabaseRefreshCollStmt"), QStringLiteral("ALTER DATABASE")},
        {QStringLiteral("CreateTableSpaceStmt"), QStringLiteral("CREATE TABLESPACE")},
        {QStringLiteral("DropTableSpaceStmt"), QStringLiteral("DROP TABLESPACE")},
        {QStringLiteral("AlterTableSpaceOptionsStmt"), QStringLiteral("ALTER TABLESPACE")},
        {QStringLiteral("AlterTableMoveAllStmt"), QStringLiteral("ALTER … SET TABLESPACE")},
        {QStringLiteral("CreateForeignTableStmt"), QStringLiteral("CREATE FOREIGN TABLE")},
        {QStringLiteral("ImportForeignSchemaStmt"), QStringLiteral("IMPORT FOREIGN SCHEMA")},
        {QStringLiteral("CreateFdwStmt"), QStringLiteral("CREATE FOREIGN DATA WRAPPER")},
        {QStringLiteral("AlterFdwStmt"), QStringLiteral("ALTER FOREIGN DATA WRAPPER")},
        {QStringLiteral("CreateForeignServerStmt"), QStringLiteral("CREATE SERVER")},
        {QStringLiteral("AlterForeignServerStmt"), QStringLiteral("ALTER SERVER")},
        {QStringLiteral("CreateUserMappingStmt"), QStringLiteral("CREATE USER MAPPING")},
        {QStringLiteral("AlterUserMappingStmt"), QStringLiteral("ALTER USER MAPPING")},
        {QStringLiteral("DropUserMappingStmt"), QStringLiteral("DROP USER MAPPING")},
        {QStringLiteral("CreatePublicationStmt"), QStringLiteral("CREATE PUBLICATION")},
        {QStringLiteral("AlterPublicationStmt"), QStringLiteral("ALTER PUBLICATION")},
        {QStringLiteral("CreateSubscriptionStmt"), QStringLiteral("CREATE SUBSCRIPTION")},
        {QStringLiteral("AlterSubscriptionStmt"), QStringLiteral("ALTER SUBSCRIPTION")},
        {QStringLiteral("DropSubscriptionStmt"), QStringLiteral("DROP SUBSCRIPTION")},
        {QStringLiteral("CreateEventTrigStmt"), QStringLiteral("CREATE EVENT TRIGGER")},
        {QStringLiteral("AlterEventTrigStmt"), QStringLiteral("ALTER EVENT TRIGGER")},
        {QStringLiteral("CreateStatsStmt"), QStringLiteral("CREATE STATISTICS")},
        {QStringLiteral("AlterStatsStmt"), QStringLiteral("ALTER STATISTICS")},
        {QStringLiteral("CreateCastStmt"), QStringLiteral("CREATE CAST")},
        {QStringLiteral("CreateConversionStmt"), QStringLiteral("CREATE CONVERSION")},
        {QStringLiteral("CreateOpClassStmt"), QStringLiteral("CREATE OPERATOR CLASS")},
        {QStringLiteral("CreateOpFamilyStmt"), QStringLiteral("CREATE OPERATOR FAMILY")},
        {QStringLiteral("AlterOpFamilyStmt"), QStringLiteral("ALTER OPERATOR FAMILY")},
        {QStringLiteral("AlterOperatorStmt"), QStringLiteral("ALTER OPERATOR")},
        {QStringLiteral("CreateTransformStmt"), QStringLiteral("CREATE TRANSFORM")},
        {QStringLiteral("CreateAmStmt"), QStringLiteral("CREATE ACCESS METHOD")},
        {QStringLiteral("CreatePLangStmt"), QStringLiteral("CREATE LANGUAGE")},
        {QStringLiteral("AlterTSDictionaryStmt"), QStringLiteral("ALTER TEXT SEARCH DICTIONARY")},
        {QStringLiteral("AlterTSConfigurationStmt"),
         QStringLiteral("ALTER TEXT SEARCH CONFIGURATION")},
        {QStringLiteral("AlterCollationStmt"), QStringLiteral("ALTER COLLATION")},
        {QStringLiteral("AlterObjectDependsStmt"), QStringLiteral("ALTER … DEPENDS ON EXTENSION")},
        {QStringLiteral("AlterDefaultPrivilegesStmt"), QStringLiteral("ALTER DEFAULT PRIVILEGES")},
        {QStringLiteral("ReassignOwnedStmt"), QStringLiteral("REASSIGN OWNED")},
        {QStringLiteral("SecLabelStmt"), QStringLiteral("SECURITY LABEL")},
    };
    const std::string_view type = statement.type();
    if (type == "CreateFunctionStmt")
        return statement.field("is_procedure").boolean() ? QStringLiteral("CREATE PROCEDURE")
                                                         : QStringLiteral("CREATE FUNCTION");
    if (type == "DefineStmt")
        return QStringLiteral("CREATE ") + objectWords(statement.field("kind").view());
    if (type == "CommentStmt")
        return QStringLiteral("COMMENT ON ") + objectWords(statement.field("objtype").view());
    if (type == "RenameStmt")
        return QStringLiteral("ALTER %1 … RENAME")
            .arg(objectWords(statement.field("renameType").view()));
    if (type == "AlterObjectSchemaStmt")
        return QStringLiteral("ALTER %1 … SET SCHEMA")
            .arg(objectWords(statement.field("objectType").view()));
    if (type == "AlterOwnerStmt")
        return QStringLiteral("ALTER %1 … OWNER TO")
            .arg(objectWords(statement.field("objectType").view()));
    const QString name = QString::fromLatin1(type.data(), qsizetype(type.size()));
    return tags.value(name, name);
}

// Built-in functions whose effects reach beyond the query that calls them, by what they do.
// Matched on the function name whatever its schema: extensions (dblink, adminpack) live in any
// schema, and a user function shadowing one of these names deserves the question as well.
// nextval() is left out: it only hands out the next number, which every INSERT does.
// Transaction-level advisory locks are left out too: they end with the transaction, unlike
// the session-level ones, which a console keeps until it disconnects (the migration runner's
// lock among them).
QString sideEffect(const QString &function)
{
    enum Kind {
        Sessions,
        Sequence,
        LargeObject,
        AdvisoryLock,
        Server,
        Replication,
        Statistics,
        Files,
        Remote
    };
    static const QHash<QString, Kind> functions = [] {
        QHash<QString, Kind> map;
        auto add = [&map](Kind kind, std::initializer_list<const char *> names) {
            for (const char *name : names)
                map.insert(QString::fromLatin1(name), kind);
        };
        add(Sessions, {"pg_terminate_backend", "pg_cancel_backend"});
        add(Sequence, {"setval"});
        add(LargeObject,
            {"lo_unlink",
             "lo_import",
             "lo_export",
             "lo_create",
             "lo_creat",
             "lo_from_bytea",
             "lo_put",
             "lo_truncate",
             "lo_truncate64",
             "lowrite"});
        add(AdvisoryLock,
            {"pg_advisory_lock",
             "pg_advisory_lock_shared",
             "pg_try_advisory_lock",
             "pg_try_advisory_lock_shared"});
        add(Server,
            {"pg_reload_conf",
             "pg_rotate_logfile",
             "pg_switch_wal",
             "pg_create_restore_point",
             "pg_backup_start",
             "pg_backup_stop",
             "pg_start_backup",
             "pg_stop_backup",
             "pg_promote",
             "pg_wal_replay_pause",
             "pg_wal_replay_resume",
             "pg_import_system_collations"});
        add(Replication,
            {"pg_create_physical_replication_slot",
             "pg_create_logical_replication_slot",
             "pg_drop_replication_slot",
             "pg_copy_physical_replication_slot",
             "pg_copy_logical_replication_slot",
             "pg_replication_slot_advance",
             "pg_logical_slot_get_changes",
             "pg_logical_slot_get_binary_changes",
             "pg_logical_emit_message",
             "pg_replication_origin_create",
             "pg_replication_origin_drop",
             "pg_replication_origin_advance",
             "pg_replication_origin_session_setup",
             "pg_replication_origin_session_reset",
             "pg_replication_origin_xact_setup"});
        add(Statistics,
            {"pg_stat_reset",
             "pg_stat_reset_shared",
             "pg_stat_reset_single_table_counters",
             "pg_stat_reset_single_function_counters",
             "pg_stat_reset_slru",
             "pg_stat_reset_replication_slot",
             "pg_stat_reset_subscription_stats",
             "pg_stat_statements_reset"});
        add(Files, {"pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_file_sync"});
        add(Remote, {"dblink_exec", "dblink", "dblink_send_query"});
        return map;
    }();
    const auto found = functions.constFind(function);
    if (found == functions.cend())
        return {};
    switch (*found) {
    case Sessions:
        return StatementEffect::tr("calls %1() (ends or cancels other sessions)").arg(function);
    case Sequence:
        return StatementEffect::tr("calls %1() (moves a sequence)").arg(function);
    case LargeObject:
        return StatementEffect::tr("calls %1() (changes large objects or server files)")
            .arg(function);
    case AdvisoryLock:
        return StatementEffect::tr("calls %1() (holds an advisory lock until the session ends)")
            .arg(function);
    case Server:
        return StatementEffect::tr("calls %1() (changes the server's state)").arg(function);
    case Replication:
        return StatementEffect::tr("calls %1() (changes replication state)").arg(function);
    case Statistics:
        return StatementEffect::tr("calls %1() (resets statistics)").arg(function);
    case Files:
        return StatementEffect::tr("calls %1() (writes server files)").arg(function);
    case Remote:
        return StatementEffect::tr("calls %1() (runs SQL on another database)").arg(function);
    }
    return {};
}

QString lockModeName(long long mode)
{
    static const char *const names[] = {"ACCESS SHARE",
                                        "ROW SHARE",
                                        "ROW EXCLUSIVE",
                                        "SHARE UPDATE EXCLUSIVE",
                                        "SHARE",
                                        "SHARE ROW EXCLUSIVE",
                                        "EXCLUSIVE",
                                        "ACCESS EXCLUSIVE"};
    return mode >= 1 && mode <= 8 ? QString::fromLatin1(names[mode - 1]) : QString::number(mode);
}

} // namespace StatementEffectNames
