#pragma once

#include "catalogrecords.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// A table's DDL in the order it must run: sequences its serial columns use, the CREATE TABLE
// (INHERITS its parents, which must exist), what can only follow it (NOT VALID checks, indexes,
// triggers, comments, OWNED BY, the owner, row-level security and its policies, GRANTs), and
// the foreign keys last, so several tables' DDL can be run together whatever references what.
struct TableDdl
{
    QStringList before;
    QString create;
    QStringList after;
    QStringList foreignKeys;

    QStringList statements() const; // each ends with ';'
    QString text() const;           // statements separated by blank lines
};

// Writes PostgreSQL DDL from catalog records, quoting every name. Definitions the server already
// prints well (constraints, indexes, triggers, views, functions) come from pg_get_*def() through
// the records; tables, sequences and types are assembled here. Pure functions, any thread.
class DdlBuilder
{
    Q_DECLARE_TR_FUNCTIONS(DdlBuilder)

public:
    // parts: the table's columns, constraints, indexes, triggers, policies and privileges (a
    // readRelationParts() result).
    // sequences: sequences owned by its columns (serial and identity), for their options.
    static TableDdl table(const CatalogRelation &table,
                          const Catalog &parts,
                          const QList<CatalogRelation> &sequences);
    static QString sequence(const CatalogRelation &sequence);
    static QString type(const CatalogType &type);
    // definition: pg_get_viewdef() text.
    static QString view(const CatalogRelation &view, const QString &definition);
    static QString materializedView(const CatalogRelation &view,
                                    const QString &definition,
                                    const QList<CatalogIndex> &indexes);
    static QString index(const CatalogIndex &index);
    static QString constraint(const QString &qualifiedTable, const CatalogConstraint &constraint);
    static QString trigger(const CatalogTrigger &trigger);
    static QString policy(const QString &qualifiedTable, const CatalogPolicy &policy);
    // The REVOKEs and GRANTs that turn a new table's default privileges into its ACL (relacl
    // and the columns' attacl); empty when the table has the defaults.
    static QStringList privileges(const QString &qualifiedTable,
                                  const CatalogRelation &table,
                                  const QList<CatalogPrivilege> &privileges);
    static QString column(const QString &qualifiedTable, const CatalogColumn &column);
    static QString schema(const CatalogSchema &schema);
    static QString extension(const CatalogExtension &extension);
    // COMMENT ON <objectType> <name> IS '...'; empty when there is no comment.
    static QString comment(const QString &objectType, const QString &name, const QString &comment);

    // "name type COLLATE ... GENERATED ... DEFAULT ... NOT NULL" as inside CREATE TABLE.
    // identity: the column's identity sequence, for non-default options (may be null).
    static QString columnDefinition(const CatalogColumn &column, const CatalogRelation *identity);

private:
    static QString sequenceCreate(const CatalogRelation &sequence);
    // ALTER TABLE ONLY … ALTER COLUMN for inherited columns whose default or NOT NULL the child
    // changed; the rest of an inherited column comes from INHERITS.
    static QStringList inheritedColumnChanges(const QString &qualifiedTable,
                                              const CatalogColumn &column);
    static QString identityOptions(const CatalogRelation &sequence, const QString &columnType);
    static QString optionList(const QStringList &keyValues);
};
