#pragma once

#include "migrationversion.h"

#include <QString>

#include <memory>

struct LiquibaseChangeSet; // liquibasechangeset.h
struct SqitchChange;       // sqitchchange.h

// One migration of a folder: its version (empty for a repeatable one), description and scripts.
// dbmate keeps up and down in one file with -- migrate:up / -- migrate:down sections; then both
// paths name that file and `sections` is set (MigrationFolder::readUp/readDown cut it).
struct Migration
{
    MigrationVersion version; // null for repeatable migrations (Flyway R__)
    QString description;      // from the file name, underscores as spaces
    QString upPath;
    QString downPath;      // empty when there is no rollback
    bool sections = false; // dbmate: up and down are sections of upPath
    // Drizzle: the journal's "when" (milliseconds), which its history row keeps as created_at.
    qint64 createdAtMs = 0;
    // Liquibase: the changeset this migration is (one of several in upPath); Sqitch: the plan's
    // change. Null for every other layout.
    std::shared_ptr<const LiquibaseChangeSet> changeSet;
    std::shared_ptr<const SqitchChange> sqitchChange;

    bool isRepeatable() const { return version.isNull(); }
    bool hasRollback() const { return !downPath.isEmpty(); }
    // What tells this migration from the others: its file, and for a Liquibase changeset its
    // position in that file too (several changesets share one file).
    QString key() const;
};
