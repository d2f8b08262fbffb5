#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A tag of a Sqitch plan (`@v1.0 2024-01-03T00:00:00Z Name <email> # note`), as the registry's
// tags table records it.
struct SqitchTag
{
    QString name; // without the @
    QString note;
    QString plannedAt;
    QString plannerName;
    QString plannerEmail;
    QString id; // the tag id Sqitch computes
};

// A dependency of a change, `[req !conflict proj:change@tag]` in the plan.
struct SqitchDependency
{
    bool conflict = false;
    QString project; // as written before the ':', empty when none
    QString change;  // empty for a tag-only or id dependency
    QString tag;     // without the @
    QString id;      // a 40-digit change id given instead of a name
    // Depend->as_string: what the registry's dependencies and events rows hold (the project
    // prefix only when it is another project's).
    QString text;
};

// One change of a Sqitch plan (sqitch.plan), as Migration::sqitchChange keeps it: what the
// registry records and what the change id is computed from (docs/history-tables.md §7).
struct SqitchChange
{
    QString project;      // the plan's %project
    QString uri;          // the plan's %uri as URI->canonical writes it, empty when it has none
    QString uriAsWritten; // the projects row keeps it so
    QString name;         // the change's name
    QString plannedAt;    // as the plan writes it: 2024-01-02T03:04:05Z
    QString plannerName;
    QString plannerEmail;
    QString note;     // trimmed, \n \r \\ unescaped, as Sqitch reads it
    QString parentId; // the id of the change before it in the plan; empty for the first
    QList<SqitchDependency> requirements;
    QList<SqitchDependency> conflicts;
    QList<SqitchTag> tags; // the tags that follow the change in the plan
    QString verifyPath;    // empty when there is no verify script
    QString id;            // the change id Sqitch computes
    int line = 0;          // its line in the plan

    // From sqitch.conf, the same for every change of the plan.
    QString registry = QStringLiteral("sqitch"); // the registry's schema
    QString userName;                            // [user] name; empty when no config file sets it
    QString userEmail;                           // [user] email

    // Plan/Change.pm's `info`, the text the id is the hash of.
    QString info() const;
    // Plan/Tag.pm's `info` for one of this change's tags (its id is computed from the change's).
    QString tagInfo(const SqitchTag &tag) const;
    // Sqitch's object ids, as git hashes its objects: lower-hex SHA-1 of
    // "<kind> <byte length>\0<UTF-8 text>", kind "change" or "tag".
    static QString objectId(const char *kind, const QString &info);
    // URI->canonical for the %uri pragma, for the URIs plans name (http, https, urn and the like).
    static QString canonicalUri(const QString &uri);
};
