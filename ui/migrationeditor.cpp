#include "migrationeditor.h"

#include "migrations/liquibasechangeset.h"

#include "editorlinter.h"
#include "sqleditor.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

QWidget *column(QLabel *label, SqlEditor *editor, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    label->setContentsMargins(6, 4, 6, 2);
    layout->addWidget(label);
    layout->addWidget(editor, 1);
    return box;
}

bool readFile(const QString &path, QString *text, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = MigrationEditor::tr("%1: cannot read the file (%2)").arg(path, file.errorString());
        return false;
    }
    *text = QString::fromUtf8(file.readAll());
    return true;
}

bool writeFile(const QString &path, const QString &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = MigrationEditor::tr("%1: cannot write the file (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

MigrationEditor::MigrationEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("migrationEditor"));
    m_up = new SqlEditor(this);
    m_up->setObjectName(QStringLiteral("upEditor"));
    m_down = new SqlEditor(this);
    m_down->setObjectName(QStringLiteral("downEditor"));
    m_upLint = new EditorLinter(m_up, this);
    m_upLint->setMigrationScript(true);
    m_downLint = new EditorLinter(m_down, this);
    m_downLint->setMigrationScript(true);
    m_upLabel = new QLabel(this);
    m_downLabel = new QLabel(this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(column(m_upLabel, m_up, m_splitter));
    m_splitter->addWidget(column(m_downLabel, m_down, m_splitter));
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    for (SqlEditor *editor : {m_up, m_down})
        connect(editor, &QsciScintilla::modificationChanged, this, &MigrationEditor::titleChanged);
    // Ctrl+S is the window's Save, which reaches this editor as a Document: one save path for
    // every tab, with failures shown (DocumentCloser).
}

void MigrationEditor::setConnection(ConnectionWorker *worker)
{
    m_upLint->setConnection(worker);
    m_downLint->setConnection(worker);
}

bool MigrationEditor::load(const Migration &migration, const QString &folder, QString *error)
{
    QString up;
    QString down;
    if (!readFile(migration.upPath, &up, error))
        return false;
    // dbmate's sections and Liquibase's changesets keep the rollback in the up file itself.
    const bool sameFile = migration.sections || migration.changeSet;
    const bool separateDown = migration.hasRollback() && !sameFile;
    if (separateDown && !readFile(migration.downPath, &down, error))
        return false;
    m_migration = migration;
    m_up->setText(up);
    m_up->setModified(false);
    m_upLint->setMigrationFolder(folder);
    m_downLint->setMigrationFolder(folder);
    m_upLint->setFileName(migration.upPath);
    m_upLabel->setText(tr("Up — %1").arg(QFileInfo(migration.upPath).fileName()));
    if (migration.changeSet) {
        const LiquibaseChangeSet &changeSet = *migration.changeSet;
        m_upLabel->setText(tr("Up — %1, Liquibase changeset %2 by %3 (line %4)")
                               .arg(QFileInfo(migration.upPath).fileName(), changeSet.id,
                                    changeSet.author)
                               .arg(changeSet.firstLine));
        // The whole changelog is open; its changeset is where the reader starts.
        m_up->setCursorPosition(changeSet.firstLine - 1, 0);
        m_up->setFirstVisibleLine(qMax(0, changeSet.firstLine - 2));
        m_down->setText(tr("-- Liquibase keeps the rollback in the changeset's --rollback lines "
                           "(or a /* liquibase rollback */ block), in the file on the left."));
        m_down->setReadOnly(true);
        m_downLabel->setText(migration.hasRollback() ? tr("Down — in the same changeset")
                                                     : tr("Down — the changeset has no rollback"));
    } else if (migration.sections) {
        m_down->setText(tr("-- dbmate keeps the rollback in the same file, in the "
                           "-- migrate:down section on the left."));
        m_down->setReadOnly(true);
        m_downLabel->setText(tr("Down — in the same file"));
    } else if (separateDown) {
        m_down->setText(down);
        m_down->setReadOnly(false);
        m_downLint->setFileName(migration.downPath);
        m_downLabel->setText(tr("Down — %1").arg(QFileInfo(migration.downPath).fileName()));
    } else {
        m_down->setText(QString());
        m_down->setReadOnly(true);
        m_downLabel->setText(tr("Down — no rollback script"));
    }
    m_down->setModified(false);
    emit titleChanged();
    return true;
}

bool MigrationEditor::save(QString *error)
{
    if (m_up->isModified()) {
        if (!writeFile(m_migration.upPath, m_up->text(), error))
            return false;
        m_up->setModified(false);
    }
    if (m_down->isModified() && !m_down->isReadOnly()) {
        if (!writeFile(m_migration.downPath, m_down->text(), error))
            return false;
        m_down->setModified(false);
    }
    emit titleChanged();
    return true;
}

bool MigrationEditor::isModified() const
{
    return m_up->isModified() || m_down->isModified();
}

QString MigrationEditor::documentName() const
{
    return m_migration.isRepeatable() ? m_migration.description
                                      : tr("V%1 %2").arg(m_migration.version.text(),
                                                         m_migration.description);
}

bool MigrationEditor::saveDocument(const QString &path, QString *error)
{
    Q_UNUSED(path) // a migration is always saved to its own files
    return save(error);
}

QString MigrationEditor::title() const
{
    const QString name = documentName();
    return isModified() ? name + QLatin1Char('*') : name;
}
