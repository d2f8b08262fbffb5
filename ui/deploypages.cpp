#include "deploypages.h"

#include "semanticcolors.h"

#include "checklisteditordialog.h"
#include "deployconnectionbox.h"
#include "deploywizard.h"
#include "migrationtoolicon.h"

#include "deploy/deployreport.h"
#include "migrations/migrationfolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

// ---- setup ----

DeploySetupPage::DeploySetupPage()
{
    setTitle(tr("What to deploy"));
    setSubTitle(tr("The database, the migration folder and the checklist that must be satisfied before it runs."));
    auto *form = new QFormLayout(this);
    m_connection = new DeployConnectionBox;
    form->addRow(tr("Database:"), m_connection);
    connect(m_connection, &DeployConnectionBox::changed, this, &QWizardPage::completeChanged);
    m_folder = new QLineEdit;
    m_folder->setObjectName(QStringLiteral("folder"));
    auto *browse = new QPushButton(tr("Browse…"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder);
    folderRow->addWidget(browse);
    form->addRow(tr("Migration folder:"), folderRow);
    // Whose folder it is: the layout, and the tool whose history table the deploy records in
    // (unless the database already keeps Slipway's own, which the checks then say).
    m_toolIcon = new QLabel;
    m_tool = new QLabel;
    m_tool->setObjectName(QStringLiteral("folderTool"));
    auto *toolRow = new QHBoxLayout;
    toolRow->addWidget(m_toolIcon);
    toolRow->addWidget(m_tool, 1);
    form->addRow(QString(), toolRow);
    m_checklist = new QComboBox;
    m_checklist->setObjectName(QStringLiteral("checklist"));
    auto *editButton = new QPushButton(tr("Edit…"));
    editButton->setObjectName(QStringLiteral("editChecklist"));
    editButton->setToolTip(tr("Edit this checklist and save it as slipway-checklist.json in the migration folder; "
                              "that file then replaces the template for this folder."));
    auto *checklistRow = new QHBoxLayout;
    checklistRow->addWidget(m_checklist, 1);
    checklistRow->addWidget(editButton);
    form->addRow(tr("Checklist:"), checklistRow);
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("checklistNote"));
    m_note->setWordWrap(true);
    form->addRow(QString(), m_note);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(
        QStringLiteral("color: %1").arg(SemanticColors::color(SemanticColors::Role::Error).name()));
    form->addRow(m_problem);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Migration folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(m_folder, &QLineEdit::textChanged, this, [this] {
        m_note->clear();
        showTool();
        fillChecklists();
        emit completeChanged();
    });
    connect(m_checklist, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
    connect(editButton, &QPushButton::clicked, this, &DeploySetupPage::editChecklist);
}

DeployWizard *DeploySetupPage::deployWizard() const
{
    return qobject_cast<DeployWizard *>(wizard());
}

void DeploySetupPage::initializePage()
{
    DeployWizard *wizard = deployWizard();
    m_connection->load(wizard->initialTarget(), wizard->profiles());
    m_connection->select(wizard->target().displayName);
    const DeploySession &session = wizard->session();
    m_folder->setText(session.checklist().isValid() ? session.target().migrationDirectory
                                                    : wizard->target().migrationDirectory);
    showTool();
    fillChecklists();
}

void DeploySetupPage::showTool()
{
    const QString folder = m_folder->text().trimmed();
    const MigrationFolder::Dialect dialect = folder.isEmpty() || !QFileInfo(folder).isDir()
                                                 ? MigrationFolder::Dialect::Unknown
                                                 : MigrationFolder::detect(folder);
    if (dialect == MigrationFolder::Dialect::Unknown) {
        m_toolIcon->clear();
        m_tool->clear();
        return;
    }
    const MigrationFolder read = MigrationFolder::read(folder, dialect);
    const MigrationTool tool = MigrationTools::forFolder(read);
    const int size = m_tool->fontMetrics().height();
    m_toolIcon->setPixmap(MigrationToolIcon::icon(tool).pixmap(size, size));
    m_tool->setText(tr("%1, recorded in %2's history table")
                        .arg(DeployReport::layoutTitle(dialect), MigrationTools::title(tool)));
}

void DeploySetupPage::fillChecklists()
{
    const QString current = m_checklist->currentData().toString();
    m_checklist->clear();
    if (QFile::exists(QDir(m_folder->text()).filePath(Checklist::folderFileName())))
        m_checklist->addItem(tr("The folder's own (%1)").arg(Checklist::folderFileName()), QStringLiteral("folder"));
    for (const QString &id : Checklist::templateIds()) {
        QString error;
        m_checklist->addItem(Checklist::fromTemplate(id, &error).name(), id);
    }
    const int index = m_checklist->findData(current);
    m_checklist->setCurrentIndex(index >= 0 ? index : 0);
}

Checklist DeploySetupPage::chosen(QString *error) const
{
    const QString id = m_checklist->currentData().toString();
    if (id == QLatin1String("folder"))
        return Checklist::fromFile(QDir(m_folder->text()).filePath(Checklist::folderFileName()), error);
    return Checklist::fromTemplate(id, error);
}

void DeploySetupPage::editChecklist()
{
    QString error;
    const Checklist checklist = chosen(&error);
    if (!QDir(m_folder->text()).exists() || !checklist.isValid()) {
        m_problem->setText(!QDir(m_folder->text()).exists() ? tr("Choose an existing migration folder first.") : error);
        return;
    }
    auto *dialog = new ChecklistEditorDialog(checklist, QDir(m_folder->text()).absolutePath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        fillChecklists();
        m_checklist->setCurrentIndex(m_checklist->findData(QStringLiteral("folder")));
        m_note->setText(tr("Saved to %1; this folder now uses it.").arg(QDir::toNativeSeparators(dialog->savedPath())));
    });
    dialog->open();
}

bool DeploySetupPage::isComplete() const
{
    QString error;
    const bool database = m_connection->hasTarget();
    const bool folder = !m_folder->text().isEmpty() && QDir(m_folder->text()).exists();
    const bool checklist = folder && chosen(&error).isValid();
    m_problem->setText(!database ? tr("Choose the database to deploy to.")
                       : !folder ? tr("Choose an existing migration folder.")
                       : checklist ? QString()
                                   : error);
    return database && folder && checklist;
}

bool DeploySetupPage::validatePage()
{
    QString error;
    deployWizard()->setTarget(m_connection->target());
    deployWizard()->startSession(QDir(m_folder->text()).absolutePath(), chosen(&error));
    return true;
}

// ---- sign-offs ----

SignOffList::SignOffList(QList<ChecklistItem::Phase> phases, QWidget *parent)
    : QWidget(parent)
    , m_phases(std::move(phases))
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
}

void SignOffList::load(DeployWizard *wizard)
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    DeploySession &session = wizard->session();
    for (const ChecklistItem &item : session.checklist().items()) {
        if (!item.isManual() || !m_phases.contains(item.phase))
            continue;
        auto *box = new QGroupBox(item.title + (item.required ? QString() : tr(" (optional)")));
        box->setObjectName(QStringLiteral("signOff_") + item.id);
        auto *form = new QFormLayout(box);
        if (!item.help.isEmpty()) {
            auto *help = new QLabel(item.help);
            help->setWordWrap(true);
            form->addRow(help);
        }
        // Said before the name is typed: the go / no-go page would only refuse it afterwards.
        QStringList others;
        for (const QString &other : session.checklist().distinctFrom(item.id))
            others << QStringLiteral("\"%1\"").arg(session.checklist().item(other)->title);
        if (!others.isEmpty()) {
            auto *fourEyes = new QLabel(
                tr("Needs a different person from %1.").arg(others.join(QStringLiteral(", "))));
            fourEyes->setObjectName(QStringLiteral("distinctSigner"));
            fourEyes->setWordWrap(true);
            form->addRow(fourEyes);
        }
        const SignOff existing = session.signOff(item.id);
        auto *name = new QLineEdit(existing.name);
        name->setObjectName(QStringLiteral("name"));
        name->setPlaceholderText(tr("Who signs this off"));
        auto *note = new QLineEdit(existing.note);
        note->setObjectName(QStringLiteral("note"));
        note->setPlaceholderText(tr("Evidence: a ticket, a link, what was checked"));
        auto *signedOff = new QCheckBox(existing.isEmpty() ? tr("Signed off")
                                                           : tr("Signed off at %1").arg(existing.at.toLocalTime().toString(Qt::ISODate)));
        signedOff->setObjectName(QStringLiteral("signed"));
        signedOff->setChecked(!existing.isEmpty());
        signedOff->setEnabled(!existing.name.trimmed().isEmpty());
        form->addRow(tr("Name:"), name);
        form->addRow(tr("Note:"), note);
        form->addRow(signedOff);
        connect(name, &QLineEdit::textChanged, signedOff, [signedOff](const QString &text) {
            signedOff->setEnabled(!text.trimmed().isEmpty());
            if (text.trimmed().isEmpty())
                signedOff->setChecked(false);
        });
        const QString id = item.id;
        connect(signedOff, &QCheckBox::toggled, this, [this, wizard, id, name, note, signedOff](bool on) {
            if (on) {
                const SignOff signOff{name->text().trimmed(), note->text().trimmed(), QDateTime::currentDateTimeUtc()};
                wizard->session().sign(id, signOff);
                signedOff->setText(tr("Signed off at %1").arg(signOff.at.toLocalTime().toString(Qt::ISODate)));
            } else {
                wizard->session().unsign(id);
                signedOff->setText(tr("Signed off"));
            }
            name->setReadOnly(on);
            note->setReadOnly(on);
            wizard->saveState();
            emit changed();
        });
        name->setReadOnly(signedOff->isChecked());
        note->setReadOnly(signedOff->isChecked());
        m_layout->addWidget(box);
    }
    m_layout->addStretch();
}

DeploySignOffPage::DeploySignOffPage(bool verifyPhase)
{
    setTitle(tr("Sign-offs"));
    setSubTitle(tr("What a person has to confirm. Each tick records the name, the note and the time."));
    m_list = new SignOffList(verifyPhase ? QList<ChecklistItem::Phase>{ChecklistItem::Phase::Verify}
                                         : QList<ChecklistItem::Phase>{ChecklistItem::Phase::Prepare, ChecklistItem::Phase::Execute});
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_list);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll);
}

void DeploySignOffPage::initializePage()
{
    m_list->load(qobject_cast<DeployWizard *>(wizard()));
}

// ---- summary ----

DeploySummaryPage::DeploySummaryPage()
{
    setTitle(tr("Go / no-go"));
    auto *layout = new QVBoxLayout(this);
    m_decision = new QLabel;
    m_decision->setObjectName(QStringLiteral("decision"));
    QFont font = m_decision->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    m_decision->setFont(font);
    m_reasons = new QListWidget;
    m_reasons->setObjectName(QStringLiteral("reasons"));
    layout->addWidget(m_decision);
    layout->addWidget(m_reasons);
}

void DeploySummaryPage::initializePage()
{
    const DeploySession::Decision decision = qobject_cast<DeployWizard *>(wizard())->session().decision();
    m_go = decision.go;
    m_decision->setText(decision.go ? tr("Go") : tr("No-go"));
    const SemanticColors::Role role = decision.go ? SemanticColors::Role::Success
                                                  : SemanticColors::Role::Error;
    m_decision->setStyleSheet(QStringLiteral("color: %1").arg(SemanticColors::color(role).name()));
    m_reasons->clear();
    for (const QString &blocker : decision.blockers)
        m_reasons->addItem(tr("Blocking: %1").arg(blocker));
    for (const QString &warning : decision.warnings)
        m_reasons->addItem(tr("Warning: %1").arg(warning));
    if (decision.go && decision.warnings.isEmpty())
        m_reasons->addItem(tr("Every required item passed or is signed off."));
    emit completeChanged();
}

bool DeploySummaryPage::isComplete() const
{
    return m_go;
}
