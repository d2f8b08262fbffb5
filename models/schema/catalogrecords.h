#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

// Plain records of what the catalog readers (PostgreSQL, SQLite) found, one struct per object
// kind, gathered in a Catalog. Names are raw (unquoted); SqlIdentifier quotes them where SQL is
// written. Object ids are PostgreSQL OIDs, or sqlite_schema rowids for SQLite. Value types:
// built on a worker thread, handed to the GUI thread through a queued call.

using CatalogOid = quint32;

struct CatalogSchema
{
    CatalogOid oid = 0;
    QString name;
    QString owner;
    QString comment;
    bool system = false;
    int tableCount = 0; // tables (not partitions) matching the filter
};

struct CatalogRelation
{
    enum class Kind : char {
        Table = 'r',
        PartitionedTable = 'p',
        ForeignTable = 'f',
        View = 'v',
        MaterializedView = 'm',
        Sequence = 'S',
    };

    CatalogOid oid = 0;
    CatalogOid schemaOid = 0;
    QString schema;
    QString name;
    Kind kind = Kind::Table;
    bool isPartition = false;
    CatalogOid parentOid = 0; // partitions: the partitioned table
    QString parentSchema;
    QString parentName;
    QString partitionBound; // "FOR VALUES FROM ('2022-01-01') TO ('2023-01-01')"
    QString partitionKey;   // partitioned tables: "RANGE (ordered_at)"
    QString owner;
    QString comment;
    qint64 estimatedRows = -1; // reltuples; -1 when never analyzed. Partitioned tables: the sum
                               // over their leaf partitions (-1 when none was analyzed).
    char persistence = 'p';    // p permanent, u unlogged, t temporary
    QStringList options;       // reloptions, "fillfactor=70"
    QString foreignServer;
    QStringList foreignOptions;
    QString sql; // SQLite: the CREATE statement from sqlite_schema
    // Legacy inheritance (INHERITS), not partitioning: the parents (schema, name) in order.
    QList<QPair<QString, QString>> inheritsFrom;
    bool rowSecurity = false;      // relrowsecurity: ENABLE ROW LEVEL SECURITY
    bool forceRowSecurity = false; // relforcerowsecurity: FORCE, the owner is subject too
    bool hasAcl = false;           // relacl is set: privileges differ from the defaults

    // Sequences
    QString sequenceType; // "bigint"
    qint64 sequenceStart = 1;
    qint64 sequenceIncrement = 1;
    qint64 sequenceMin = 1;
    qint64 sequenceMax = 0;
    qint64 sequenceCache = 1;
    bool sequenceCycle = false;
    char ownerDependency = 0; // 'a' OWNED BY (serial), 'i' identity column, 0 free-standing
    QString ownedBySchema;
    QString ownedByTable;
    QString ownedByColumn;

    bool isTableLike() const
    {
        return kind == Kind::Table || kind == Kind::PartitionedTable || kind == Kind::ForeignTable;
    }
};

struct CatalogColumn
{
    CatalogOid relationOid = 0;
    int number = 0; // attnum / cid + 1
    QString name;
    QString type; // format_type(): "character varying(120)"
    bool notNull = false;
    QString defaultExpression; // null when there is none; also the generation expression
    char identity = 0;         // 'a' ALWAYS, 'd' BY DEFAULT
    char generated = 0;        // 's' STORED
    QString collationSchema;   // set only when it differs from the type's default
    QString collation;
    QString comment;
    bool isLocal = true;         // false for columns a partition or child inherits
    bool primaryKeyPart = false; // SQLite only (pk > 0); PostgreSQL reports the constraint
    // Inherited columns (legacy inheritance): what the parents give, so DDL can add what the
    // child changed. inheritCount is attinhcount; parentDefault the first parent's default.
    int inheritCount = 0;
    bool parentNotNull = false;
    QString parentDefault;
};

struct CatalogConstraint
{
    CatalogOid oid = 0;
    CatalogOid relationOid = 0;
    QString name;
    char type = 'c';    // p primary key, f foreign key, u unique, c check, x exclusion, t trigger
    QString definition; // pg_get_constraintdef(): "FOREIGN KEY (a) REFERENCES s.t(id) ..."
    bool validated = true;
    bool inherited = false; // cloned from a partitioned parent or inherited: not in own DDL
    QString referencedSchema;
    QString referencedTable;
    QList<int> columns; // conkey
    char onUpdate = 'a';
    char onDelete = 'a';
    bool deferrable = false;
    bool deferred = false;
    CatalogOid indexOid = 0;
    QString comment;
};

struct CatalogIndex
{
    CatalogOid oid = 0;
    CatalogOid relationOid = 0;
    QString name;
    QString definition; // pg_get_indexdef() / the SQLite CREATE INDEX statement
    bool unique = false;
    bool primary = false;
    bool valid = true;
    bool partial = false;
    bool hasExpressions = false;
    QString method;         // btree, gist ...
    qint64 sizeBytes = -1;  // relpages as of the last VACUUM/ANALYZE; -1 unknown (SQLite)
    qint64 scans = -1;      // idx_scan since the statistics were reset; -1 unknown
    QString constraintName; // the PRIMARY KEY / UNIQUE / EXCLUDE constraint it implements
    bool inherited = false; // partition of a partitioned index: created by the parent
    QList<int> columns;     // indkey (0 for an expression)
    QString comment;
};

struct CatalogTrigger
{
    CatalogOid oid = 0;
    CatalogOid relationOid = 0;
    QString name;
    QString definition; // pg_get_triggerdef() / the SQLite CREATE TRIGGER statement
    char enabled = 'O'; // O origin, D disabled, R replica, A always
    QString functionSchema;
    QString function;
    bool inherited = false; // cloned from a partitioned parent
    QString comment;
};

// A row-level security policy (pg_policy).
struct CatalogPolicy
{
    CatalogOid oid = 0;
    CatalogOid relationOid = 0;
    QString name;
    bool permissive = true;
    char command = '*';      // * ALL, r SELECT, a INSERT, w UPDATE, d DELETE
    QStringList roles;       // role names; an empty name is PUBLIC
    QString usingExpression; // pg_get_expr(polqual); empty when there is none
    QString checkExpression; // pg_get_expr(polwithcheck)
    QString comment;
};

// One privilege of one grantee on a table or one of its columns (aclexplode() of relacl or
// attacl), in ACL order.
struct CatalogPrivilege
{
    CatalogOid relationOid = 0;
    QString column;  // empty: the table itself
    QString grantee; // empty: PUBLIC
    QString grantor;
    QString privilege; // SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER
    bool grantable = false;
};

struct CatalogRoutine
{
    CatalogOid oid = 0;
    CatalogOid schemaOid = 0;
    QString schema;
    QString name;
    QString arguments; // pg_get_function_identity_arguments()
    QString result;    // pg_get_function_result(); empty for procedures
    char kind = 'f';   // f function, p procedure, a aggregate, w window
    QString language;
    QString owner;
    QString comment;

    QString signature() const { return name + u'(' + arguments + u')'; }
};

struct CatalogType
{
    CatalogOid oid = 0;
    CatalogOid schemaOid = 0;
    QString schema;
    QString name;
    char kind = 'e';  // e enum, c composite, d domain, r range, b base
    QString baseType; // domains
    bool notNull = false;
    QString defaultExpression;
    QStringList enumLabels;
    QList<QPair<QString, QString>> constraints; // domains: name, definition
    QList<QPair<QString, QString>> attributes;  // composites: name, type
    QString rangeSubtype;
    QString owner;
    QString comment;
};

struct CatalogExtension
{
    CatalogOid oid = 0;
    QString name;
    QString version;
    QString schema;
    QString comment;
};

// What one read returned. Which lists are filled depends on the request (a schema's objects, a
// table's parts, everything).
struct Catalog
{
    QList<CatalogSchema> schemas;
    QList<CatalogRelation> relations;
    QList<CatalogColumn> columns;
    QList<CatalogConstraint> constraints;
    QList<CatalogIndex> indexes;
    QList<CatalogTrigger> triggers;
    QList<CatalogRoutine> routines;
    QList<CatalogType> types;
    QList<CatalogExtension> extensions;
    QList<CatalogPolicy> policies;      // PostgreSQL; relation parts only
    QList<CatalogPrivilege> privileges; // PostgreSQL; relation parts only
};

Q_DECLARE_METATYPE(Catalog)
