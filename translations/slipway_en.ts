<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ChecklistEditorDialog</name>
    <message numerus="yes">
        <location filename="../ui/checklisteditordialog.cpp" line="+307"/>
        <source>This checklist has %n groups of items that different people must sign off; they are kept as they are. Edit distinctSigners in %1 to change them.</source>
        <translation>
            <numerusform>This checklist has %n group of items that different people must sign off; it is kept as it is. Edit distinctSigners in %1 to change it.</numerusform>
            <numerusform>This checklist has %n groups of items that different people must sign off; they are kept as they are. Edit distinctSigners in %1 to change them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConvertCommand</name>
    <message numerus="yes">
        <location filename="../app/cli/convertcommand.cpp" line="+76"/>
        <source>Wrote %n file(s) in %1&apos;s layout to %2</source>
        <translation>
            <numerusform>Wrote %n file in %1&apos;s layout to %2</numerusform>
            <numerusform>Wrote %n files in %1&apos;s layout to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeployChecks</name>
    <message numerus="yes">
        <location filename="../models/deploy/deploychecks.cpp" line="+377"/>
        <source>%n migration(s) to run</source>
        <translation>
            <numerusform>%n migration to run</numerusform>
            <numerusform>%n migrations to run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n lint error(s)</source>
        <translation>
            <numerusform>, %n lint error</numerusform>
            <numerusform>, %n lint errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n statement(s) failed in the dry run</source>
        <translation>
            <numerusform>, %n statement failed in the dry run</numerusform>
            <numerusform>, %n statements failed in the dry run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n statement(s) failed perhaps only because of one not rehearsed</source>
        <translation>
            <numerusform>, %n statement failed perhaps only because of one not rehearsed</numerusform>
            <numerusform>, %n statements failed perhaps only because of one not rehearsed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n statement(s) not rehearsed in the dry run (the rehearsal on a restored copy runs them)</source>
        <translation>
            <numerusform>, %n statement not rehearsed in the dry run (the rehearsal on a restored copy runs them)</numerusform>
            <numerusform>, %n statements not rehearsed in the dry run (the rehearsal on a restored copy runs them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n error-level finding(s) neither fixed nor signed off</source>
        <translation>
            <numerusform>%n error-level finding neither fixed nor signed off</numerusform>
            <numerusform>%n error-level findings neither fixed nor signed off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n error-level finding(s), each signed off</source>
        <translation>
            <numerusform>%n error-level finding, each signed off</numerusform>
            <numerusform>%n error-level findings, each signed off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+123"/>
        <source>Backup verified: %n table(s), %1 rows restored with equal counts</source>
        <translation>
            <numerusform>Backup verified: %n table, %1 rows restored with equal counts</numerusform>
            <numerusform>Backup verified: %n tables, %1 rows restored with equal counts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+75"/>
        <source>The rollback does not give back the schema it started from (%n difference(s))</source>
        <translation>
            <numerusform>The rollback does not give back the schema it started from (%n difference)</numerusform>
            <numerusform>The rollback does not give back the schema it started from (%n differences)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+98"/>
        <source>No verify scripts in the folder; %n table(s) analyzed</source>
        <translation>
            <numerusform>No verify scripts in the folder; %n table analyzed</numerusform>
            <numerusform>No verify scripts in the folder; %n tables analyzed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n verify script(s) passed</source>
        <translation>
            <numerusform>%n verify script passed</numerusform>
            <numerusform>%n verify scripts passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>; %n table(s) analyzed</source>
        <translation>
            <numerusform>; %n table analyzed</numerusform>
            <numerusform>; %n tables analyzed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/deploy/deployimpactcheck.cpp" line="+92"/>
        <source>%n table(s) touched</source>
        <translation>
            <numerusform>%n table touched</numerusform>
            <numerusform>%n tables touched</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeployExecutePage</name>
    <message numerus="yes">
        <location filename="../ui/deployexecutepage.cpp" line="+93"/>
        <source>Applied %n migration(s).</source>
        <translation>
            <numerusform>Applied %n migration.</numerusform>
            <numerusform>Applied %n migrations.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <location filename="../ui/findbar.cpp" line="+189"/>
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthCommand</name>
    <message numerus="yes">
        <location filename="../app/cli/healthcommand.cpp" line="+94"/>
        <source>%n findings</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndexHealthDialog</name>
    <message numerus="yes">
        <location filename="../ui/indexhealthdialog.cpp" line="+102"/>
        <source>%n problems found. The fixes open in an editor tab; nothing runs by itself.</source>
        <translation>
            <numerusform>%n problem found. The fixes open in an editor tab; nothing runs by itself.</numerusform>
            <numerusform>%n problems found. The fixes open in an editor tab; nothing runs by itself.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LintCommand</name>
    <message numerus="yes">
        <location filename="../app/cli/lintcommand.cpp" line="+211"/>
        <source>%n file(s) checked</source>
        <translation>
            <numerusform>%n file checked</numerusform>
            <numerusform>%n files checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiquibaseHistory</name>
    <message numerus="yes">
        <location filename="../models/migrations/liquibasehistory.cpp" line="+427"/>
        <source>Liquibase&apos;s lock is held by %1 since %2 (%n second(s)). If no update is running there, the process died holding it: `liquibase release-locks` frees it.</source>
        <translation>
            <numerusform>Liquibase&apos;s lock is held by %1 since %2 (%n second). If no update is running there, the process died holding it: `liquibase release-locks` frees it.</numerusform>
            <numerusform>Liquibase&apos;s lock is held by %1 since %2 (%n seconds). If no update is running there, the process died holding it: `liquibase release-locks` frees it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LocalCluster</name>
    <message numerus="yes">
        <location filename="../models/db/localcluster.cpp" line="+112"/>
        <source>%1 did not finish within %n seconds.</source>
        <translation>
            <numerusform>%1 did not finish within %n second.</numerusform>
            <numerusform>%1 did not finish within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrateCommand</name>
    <message numerus="yes">
        <location filename="../app/cli/migratecommand.cpp" line="+269"/>
        <source>  done: %n statement(s) in %1 ms</source>
        <translation>
            <numerusform>  done: %n statement in %1 ms</numerusform>
            <numerusform>  done: %n statements in %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Dry run: %n passed</source>
        <translation>
            <numerusform>Dry run: %n passed</numerusform>
            <numerusform>Dry run: %n passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n not rehearsed</source>
        <translation>
            <numerusform>%n not rehearsed</numerusform>
            <numerusform>%n not rehearsed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationConverter</name>
    <message numerus="yes">
        <location filename="../models/migrations/migrationconverter.cpp" line="+79"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+213"/>
        <source>%n migration(s) without a rollback script stay without one: %1</source>
        <translation>
            <numerusform>%n migration without a rollback script stay without one: %1</numerusform>
            <numerusform>%n migrations without a rollback script stay without one: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationRunner</name>
    <message numerus="yes">
        <location filename="../models/migrations/historymaintenance.cpp" line="+44"/>
        <source>%1 already has %n row(s); baseline only starts an empty history.</source>
        <translation>
            <numerusform>%1 already has %n row; baseline only starts an empty history.</numerusform>
            <numerusform>%1 already has %n rows; baseline only starts an empty history.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Adopted %n row(s) of flyway_schema_history.</source>
        <translation>
            <numerusform>Adopted %n row of flyway_schema_history.</numerusform>
            <numerusform>Adopted %n rows of flyway_schema_history.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/migrations/migrationdryrun.cpp" line="+188"/>
        <source>The dry run found %n failing statement(s); nothing was changed.</source>
        <translation>
            <numerusform>The dry run found %n failing statement; nothing was changed.</numerusform>
            <numerusform>The dry run found %n failing statements; nothing was changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/migrations/migrationrunner.cpp" line="+255"/>
        <source>Another migration run holds the lock on this database; gave up after %n second(s).</source>
        <translation>
            <numerusform>Another migration run holds the lock on this database; gave up after %n second.</numerusform>
            <numerusform>Another migration run holds the lock on this database; gave up after %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%1 itself is migrating this database (it holds its lock); gave up after %n second(s).</source>
        <translation>
            <numerusform>%1 itself is migrating this database (it holds its lock); gave up after %n second.</numerusform>
            <numerusform>%1 itself is migrating this database (it holds its lock); gave up after %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <source>%1 is migrating this database, or died while it did; gave up after %n second(s).</source>
        <translation>
            <numerusform>%1 is migrating this database, or died while it did; gave up after %n second.</numerusform>
            <numerusform>%1 is migrating this database, or died while it did; gave up after %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationsPanel</name>
    <message numerus="yes">
        <location filename="../ui/migrationspanel.cpp" line="+448"/>
        <source>Applied %n migration(s) in %1.</source>
        <translation>
            <numerusform>Applied %n migration in %1.</numerusform>
            <numerusform>Applied %n migrations in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rolled back %n migration(s)</source>
        <translation>
            <numerusform>Rolled back %n migration</numerusform>
            <numerusform>Rolled back %n migrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Applied %n migration(s)</source>
        <translation>
            <numerusform>Applied %n migration</numerusform>
            <numerusform>Applied %n migrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>Dry run: %n statement(s) passed</source>
        <translation>
            <numerusform>Dry run: %n statement passed</numerusform>
            <numerusform>Dry run: %n statements passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n not rehearsed</source>
        <translation>
            <numerusform>%n not rehearsed</numerusform>
            <numerusform>%n not rehearsed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n ACCESS EXCLUSIVE lock(s).</source>
        <translation>
            <numerusform>%n ACCESS EXCLUSIVE lock.</numerusform>
            <numerusform>%n ACCESS EXCLUSIVE locks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+132"/>
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Apply %n pending migration(s)</source>
        <translation>
            <numerusform>Apply %n pending migration</numerusform>
            <numerusform>Apply %n pending migrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/migrationspanelcommands.cpp" line="+48"/>
        <source>Apply %n migration(s) to %1?</source>
        <translation>
            <numerusform>Apply %n migration to %1?</numerusform>
            <numerusform>Apply %n migrations to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Apply %n Migration(s)</source>
        <translation>
            <numerusform>Apply %n Migration</numerusform>
            <numerusform>Apply %n Migrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Applying %n migration(s) to %1</source>
        <translation>
            <numerusform>Applying %n migration to %1</numerusform>
            <numerusform>Applying %n migrations to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>apply %n migration(s)</source>
        <translation>
            <numerusform>apply %n migration</numerusform>
            <numerusform>apply %n migrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Dry run of %n migration(s) on %1</source>
        <translation>
            <numerusform>Dry run of %n migration on %1</numerusform>
            <numerusform>Dry run of %n migrations on %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PgBackup</name>
    <message numerus="yes">
        <location filename="../models/deploy/pgbackup.cpp" line="+235"/>
        <source>%n table(s) differ between the source and the restored copy.</source>
        <translation>
            <numerusform>%n table differs between the source and the restored copy.</numerusform>
            <numerusform>%n tables differ between the source and the restored copy.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PgPartitionStatistics</name>
    <message numerus="yes">
        <location filename="../models/schema/pgpartitionstatistics.cpp" line="+18"/>
        <source>%1, the sum of its %n partitions</source>
        <translation>
            <numerusform>%1, the sum of its %n partition</numerusform>
            <numerusform>%1, the sum of its %n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>never on any of its %n partitions</source>
        <translation>
            <numerusform>never on any of its %n partition</numerusform>
            <numerusform>never on any of its %n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>never on %1 of its %n partitions</source>
        <translation>
            <numerusform>never on %1 of its %n partition</numerusform>
            <numerusform>never on %1 of its %n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1 (the oldest of its %n partitions)</source>
        <translation>
            <numerusform>%1 (the oldest of its %n partition)</numerusform>
            <numerusform>%1 (the oldest of its %n partitions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>%n leaf partitions; the figures below are summed over them</source>
        <translation>
            <numerusform>%n leaf partition; the figures below are its own</numerusform>
            <numerusform>%n leaf partitions; the figures below are summed over them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%1, the sum of %2 of its %n partitions (the rest never analyzed)</source>
        <translation>
            <numerusform>%1, the sum of %2 of its %n partition (the rest never analyzed)</numerusform>
            <numerusform>%1, the sum of %2 of its %n partitions (the rest never analyzed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductionGuard</name>
    <message numerus="yes">
        <location filename="../ui/productionguard.cpp" line="+35"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunConfirmation</name>
    <message numerus="yes">
        <location filename="../ui/runconfirmation.cpp" line="+54"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemaTreeBuilder</name>
    <message numerus="yes">
        <location filename="../models/schema/schematreebuilder.cpp" line="+93"/>
        <source>%n tables</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+140"/>
        <source>enum (%n values)</source>
        <translation>
            <numerusform>enum (%n value)</numerusform>
            <numerusform>enum (%n values)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatisticsPeriod</name>
    <message numerus="yes">
        <location filename="../models/schema/statisticsperiod.cpp" line="+41"/>
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n hours</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowDropHandler</name>
    <message numerus="yes">
        <location filename="../ui/windowdrophandler.cpp" line="+123"/>
        <source>Could not open %n of the dropped files.</source>
        <translation>
            <numerusform>Could not open %n of the dropped files.</numerusform>
            <numerusform>Could not open %n of the dropped files.</numerusform>
        </translation>
    </message>
</context>
</TS>
