<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="20"/>
        <source>About Slipway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="22"/>
        <source>Slipway %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="27"/>
        <source>A workbench for changing PostgreSQL databases safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="32"/>
        <source>Slipway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="33"/>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="34"/>
        <source>QScintilla</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="35"/>
        <source>libpqxx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="36"/>
        <source>libpq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="41"/>
        <source> (database %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="42"/>
        <location filename="../ui/aboutdialog.cpp" line="44"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="44"/>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="56"/>
        <source>Copy Versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnInfo</name>
    <message>
        <location filename="../models/db/conninfo.cpp" line="36"/>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../ui/connectdialog.cpp" line="46"/>
        <source>Connect to a Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="56"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="57"/>
        <source>Forget the selected saved profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="64"/>
        <source>e.g. Billing (staging)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="76"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="95"/>
        <source>Not saved. Leave empty to use .pgpass or PGPASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="103"/>
        <source>A colour to recognise this connection by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="104"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="110"/>
        <source>Production database: show in red, confirm destructive statements by typing the database name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="114"/>
        <source>Save profile (without the password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="120"/>
        <source>Saved profiles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="121"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="122"/>
        <source>Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="123"/>
        <source>Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="124"/>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="126"/>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="138"/>
        <source>Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="140"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="172"/>
        <source>New connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="258"/>
        <source>/path/to/database.sqlite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="259"/>
        <source>host=db.example.com dbname=app user=me   or   postgresql://me@db.example.com/app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="277"/>
        <source>Not a valid connection string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="293"/>
        <source>SQLite Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="298"/>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="298"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="325"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="333"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="348"/>
        <source>Connected: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectdialog.cpp" line="389"/>
        <source>Could not save the profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionStatusWidget</name>
    <message>
        <location filename="../ui/connectionstatuswidget.cpp" line="20"/>
        <source>PRODUCTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuswidget.cpp" line="38"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuswidget.cpp" line="46"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuswidget.cpp" line="75"/>
        <source>%1  ·  Connection lost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionWorker</name>
    <message>
        <location filename="../models/db/connectionworker.cpp" line="154"/>
        <source>Cancelled before it started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DbError</name>
    <message>
        <location filename="../models/db/dberror.cpp" line="12"/>
        <source>DETAIL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/dberror.cpp" line="14"/>
        <source>HINT: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/dberror.cpp" line="16"/>
        <source>CONTEXT: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoDatabase</name>
    <message>
        <location filename="../models/db/demodatabase.cpp" line="24"/>
        <source>This build has no demo script (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/demodatabase.cpp" line="43"/>
        <source>The sandbox in %1 is not running; start it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/demodatabase.cpp" line="53"/>
        <source>Creating database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/demodatabase.cpp" line="69"/>
        <source>Database %1 is already loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/demodatabase.cpp" line="73"/>
        <source>Loading the demo data into %1 (this takes a while)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/demodatabase.cpp" line="77"/>
        <source>Could not set up the demo database %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalCluster</name>
    <message>
        <location filename="../models/db/localcluster.cpp" line="45"/>
        <source>PostgreSQL server binaries (initdb, pg_ctl) not found. Install them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="103"/>
        <source>Could not run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/db/localcluster.cpp" line="111"/>
        <source>%1 did not finish within %n seconds.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="356"/>
        <source>PostgreSQL server binaries (initdb, pg_ctl) not found in %1. Install them: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="380"/>
        <source>The sandbox directory %1 is too deep: its socket path would be %2 bytes, Unix sockets allow %3. Choose a shorter directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="393"/>
        <source>Running as root, but there is no &quot;%1&quot; user to run the server as. Install the server package: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="400"/>
        <source>Could not create the directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="411"/>
        <source>Could not give %1 to the user &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="444"/>
        <source>The PostgreSQL server runs as user &quot;%1&quot;, which cannot enter the directory %2 on the way to %3. Make it traversable (chmod o+x %2) or choose a sandbox directory elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="470"/>
        <source>initdb could not create a cluster in %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="498"/>
        <source>Could not find a free TCP port for the PostgreSQL server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="528"/>
        <source>Could not start the PostgreSQL server in %1.
%2

Last lines of %3:
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="547"/>
        <location filename="../models/db/localcluster.cpp" line="573"/>
        <source>Another process is starting or stopping the sandbox in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="598"/>
        <source>Could not stop the PostgreSQL server in %1.
%2

Last lines of %3:
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="613"/>
        <source>The PostgreSQL server in %1 (pid %2) did not shut down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="646"/>
        <source>%1 holds files that do not belong to a sandbox; not deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/localcluster.cpp" line="650"/>
        <source>Could not delete %1 completely.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="87"/>
        <source>&amp;New SQL Console</source>
        <translation>&amp;Новая SQL-консоль</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="96"/>
        <source>&amp;Open SQL File…</source>
        <translation>&amp;Открыть SQL-файл…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="102"/>
        <source>Open &amp;Migration Folder…</source>
        <translation>Открыть папку &amp;миграций…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="110"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="114"/>
        <source>Save &amp;As…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="118"/>
        <source>&amp;Close Tab</source>
        <translation>&amp;Закрыть вкладку</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="124"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="130"/>
        <source>&amp;Connect…</source>
        <translation>&amp;Подключиться…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="132"/>
        <source>Connect to a PostgreSQL or SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="138"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Отключиться</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="143"/>
        <source>&amp;Reconnect</source>
        <translation>Пере&amp;подключиться</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="148"/>
        <source>&amp;Run</source>
        <translation>&amp;Выполнить</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="154"/>
        <source>Run the selection, or the statement under the cursor (F5, Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="158"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="162"/>
        <source>Cancel the running statement (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="165"/>
        <source>&amp;About Slipway</source>
        <translation>&amp;О программе Slipway</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="172"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="183"/>
        <source>&amp;Connection</source>
        <translation>&amp;Соединение</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="188"/>
        <source>&amp;Query</source>
        <translation>&amp;Запрос</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="193"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="195"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="201"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="217"/>
        <source>Schema</source>
        <translation>Схема</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>Schema browser — connect to a database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="234"/>
        <location filename="../ui/mainwindow.cpp" line="396"/>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258"/>
        <source>Console %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="334"/>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="335"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="357"/>
        <location filename="../ui/mainwindow.cpp" line="378"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="358"/>
        <location filename="../ui/mainwindow.cpp" line="378"/>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="361"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="371"/>
        <source>Save SQL File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="373"/>
        <source>SQL files (*.sql);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="386"/>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>Open SQL File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="389"/>
        <source>SQL files (*.sql)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="389"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="404"/>
        <source>Open Migration Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="446"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="492"/>
        <source>Connected to %1 (%2 %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="506"/>
        <location filename="../ui/mainwindow.cpp" line="511"/>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="535"/>
        <source>Connection lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="545"/>
        <source>Reconnecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="553"/>
        <source>Reconnected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="555"/>
        <source>Reconnected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="565"/>
        <source>Could not reconnect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="589"/>
        <source>Disconnected</source>
        <translation>Отключено</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="641"/>
        <source>[PRODUCTION] </source>
        <translation>[ПРОДАКШЕН] </translation>
    </message>
</context>
<context>
    <name>MessagesPane</name>
    <message>
        <location filename="../ui/messagespane.cpp" line="19"/>
        <source>Messages, notices and errors of the statements you run appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messagespane.cpp" line="32"/>
        <source>DETAIL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messagespane.cpp" line="34"/>
        <source>HINT: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationFolderDock</name>
    <message>
        <location filename="../ui/migrationfolderdock.cpp" line="11"/>
        <source>Migrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/migrationfolderdock.cpp" line="19"/>
        <source>Open a migration folder (File ▸ Open Migration Folder…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/migrationfolderdock.cpp" line="70"/>
        <source>Migrations — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <location filename="../models/db/pgconnection.cpp" line="202"/>
        <source>Not connected to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/pgconnection.cpp" line="302"/>
        <source>canceling statement due to user request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductionGuard</name>
    <message>
        <location filename="../ui/productionguard.cpp" line="181"/>
        <source>Production database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/productionguard.cpp" line="184"/>
        <source>This is a PRODUCTION database and the statement is destructive (%1).

Type the database name &quot;%2&quot; to run it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/productionguard.cpp" line="187"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <location filename="../models/db/profilestore.cpp" line="62"/>
        <source>A profile needs a name and a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/profilestore.cpp" line="71"/>
        <source>Invalid connection string: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryCommand</name>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="37"/>
        <source>run SQL and print the result (--db CONNINFO | --sqlite FILE) [--json] SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="43"/>
        <source>PostgreSQL conninfo or URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="44"/>
        <source>SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="45"/>
        <source>print JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="46"/>
        <source>statement(s) to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="51"/>
        <source>expected exactly one SQL argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="53"/>
        <source>give either --db CONNINFO or --sqlite FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="65"/>
        <source>slipway-cli query: could not connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/querycommand.cpp" line="83"/>
        <source> (line %1, column %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <location filename="../ui/resultview.cpp" line="148"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/resultview.cpp" line="150"/>
        <source>Copy with Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/resultview.cpp" line="152"/>
        <source>Select All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxCommand</name>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="36"/>
        <source>start, stop or inspect a private PostgreSQL server (--dir DIR) [--demo]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="41"/>
        <source>Usage: slipway-cli sandbox &lt;start|status|stop|remove&gt; --dir DIR [--demo] [--json]

  start    create the cluster when needed and start it; the last line printed
           is the conninfo to connect with
  status   print running, stopped, stale or absent; exit 0 only when running
  stop     shut the server down; nothing to do when it is not running
  remove   stop the server and delete DIR

  --dir DIR  the sandbox directory (created by start)
  --demo     start: also create and load the %1 database
  --json     print one JSON object instead of text
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="89"/>
        <source>--dir needs a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="98"/>
        <source>unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="102"/>
        <source>unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="106"/>
        <source>missing action (start, status, stop or remove)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="108"/>
        <source>unknown action %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="110"/>
        <source>--dir DIR is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="112"/>
        <source>--demo only goes with start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="124"/>
        <source>Initialising a new cluster in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="127"/>
        <source>The server in %1 was not shut down cleanly; starting it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="131"/>
        <source>Starting the server in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="134"/>
        <source>The server in %1 is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="138"/>
        <source>Server running on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="173"/>
        <source>There is no sandbox in %1; nothing to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="176"/>
        <source>The server in %1 is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="179"/>
        <source>The server in %1 is not running (it was not shut down cleanly).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="183"/>
        <source>Stopped the server in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="196"/>
        <source>Removed %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlConsole</name>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="47"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="50"/>
        <source>Run the selection, or the statement under the cursor (F5, Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="51"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="53"/>
        <source>Cancel the running statement (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="86"/>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="87"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="129"/>
        <source>Stopped: the connection changed while the statement ran.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="159"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="164"/>
        <source>PRODUCTION · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="188"/>
        <source>The selection holds no statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="195"/>
        <source>There is no statement at the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="219"/>
        <source>The connection is closed. Reconnect (Connection ▸ Reconnect) and run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="220"/>
        <source>Not connected. Connect to a database first (Connection ▸ Connect…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="256"/>
        <source>Not run: the database name was not confirmed (this is the production database &quot;%1&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="350"/>
        <source>%1 — 1 row in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="351"/>
        <source>%1 — %2 rows in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="357"/>
        <source>%1 — 1 row affected in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="358"/>
        <source>%1 — %2 rows affected in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="361"/>
        <source>%1 — done in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="380"/>
        <source>Query cancelled after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="394"/>
        <source>1 remaining statement not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="395"/>
        <source>%1 remaining statements not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="429"/>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="429"/>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="447"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="449"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="450"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqlconsole.cpp" line="493"/>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlLexer</name>
    <message>
        <location filename="../ui/sqllexer.cpp" line="127"/>
        <source>Data types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqllexer.cpp" line="129"/>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqllexer.cpp" line="131"/>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sqllexer.cpp" line="133"/>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqliteConnection</name>
    <message>
        <location filename="../models/db/sqliteconnection.cpp" line="110"/>
        <source>The database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/db/sqliteconnection.cpp" line="138"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="120"/>
        <source>Slipway: a workbench for changing PostgreSQL databases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="126"/>
        <source>Connect to PostgreSQL with a libpq conninfo or URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="130"/>
        <source>Open a SQLite database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="134"/>
        <source>Connection name shown in the window (default: &quot;Command line&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="139"/>
        <source>Treat the connection as a production database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="142"/>
        <source>Show this migration folder in the Migrations dock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="146"/>
        <source>Initial text of the first console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="150"/>
        <source>Run the console&apos;s text once connected, save a PNG of the window, print its path and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="197"/>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway-cli</name>
    <message>
        <location filename="../app/cli/main.cpp" line="29"/>
        <source>Usage: slipway-cli &lt;command&gt; [options]
       slipway-cli --version

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="37"/>
        <source>Run slipway-cli &lt;command&gt; --help for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="77"/>
        <source>slipway-cli: unknown command &quot;%1&quot;. Run slipway-cli --help for the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
