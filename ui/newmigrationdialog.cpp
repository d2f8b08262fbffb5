#include "newmigrationdialog.h"

#include "semanticcolors.h"

#include "sqleditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

NewMigrationDialog::NewMigrationDialog(const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_folder(MigrationFolder::read(folder))
{
    setObjectName(QStringLiteral("newMigrationDialog"));
    setWindowTitle(tr("New Migration"));
    resize(980, 640);

    m_template = new QComboBox(this);
    m_template->setObjectName(QStringLiteral("templateBox"));
    for (const MigrationTemplates::Template &t : MigrationTemplates::all())
        m_template->addItem(t.title, t.id);
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    auto *formBox = new QWidget(this);
    m_form = new QFormLayout(formBox);
    m_form->setContentsMargins(0, 0, 0, 0);

    m_steps = new QListWidget(this);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setMaximumHeight(110);
    m_up = new SqlEditor(this);
    m_up->setReadOnly(true);
    m_down = new SqlEditor(this);
    m_down->setReadOnly(true);
    auto *previews = new QSplitter(Qt::Horizontal, this);
    previews->addWidget(m_up);
    previews->addWidget(m_down);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText,
                            SemanticColors::color(SemanticColors::Role::Error, problemPalette));
    m_problem->setPalette(problemPalette);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_createButton, &QPushButton::clicked, this, [this] {
        if (create())
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    top->addRow(tr("Pattern:"), m_template);
    layout->addLayout(top);
    layout->addWidget(m_description);
    layout->addWidget(formBox);
    layout->addWidget(new QLabel(tr("Migrations to create (%1 layout):")
                                     .arg(MigrationFolder::dialectName(m_folder.dialect())),
                                 this));
    layout->addWidget(m_steps);
    layout->addWidget(previews, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_template, &QComboBox::currentIndexChanged, this, &NewMigrationDialog::templateChanged);
    connect(m_steps, &QListWidget::currentRowChanged, this, &NewMigrationDialog::showStep);
    templateChanged();
}

void NewMigrationDialog::templateChanged()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    const QString id = m_template->currentData().toString();
    for (const MigrationTemplates::Template &t : MigrationTemplates::all()) {
        if (t.id != id)
            continue;
        m_description->setText(t.description);
        for (const MigrationTemplates::Parameter &parameter : t.parameters) {
            auto *edit = new QLineEdit(this);
            edit->setObjectName(parameter.key);
            edit->setPlaceholderText(parameter.placeholder);
            edit->setText(parameter.placeholder);
            connect(edit, &QLineEdit::textChanged, this, &NewMigrationDialog::refresh);
            m_fields.insert(parameter.key, edit);
            m_form->addRow(parameter.label + QLatin1Char(':'), edit);
        }
    }
    refresh();
}

void NewMigrationDialog::refresh()
{
    QHash<QString, QString> values;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        values.insert(it.key(), it.value()->text());
    QString error;
    m_rendered = MigrationTemplates::render(m_template->currentData().toString(), values, &error);
    if (!m_folder.isValid())
        error = m_folder.errors().join(QLatin1Char('\n'));
    m_problem->setText(error);
    m_createButton->setEnabled(!m_rendered.isEmpty() && m_folder.isValid());
    const int current = qMax(0, m_steps->currentRow());
    m_steps->clear();
    for (int i = 0; i < m_rendered.size(); ++i) {
        const MigrationFolder::NewFiles files = m_folder.newMigration(m_rendered.at(i).description,
                                                                      i);
        QString name = QFileInfo(files.upPath).fileName();
        if (files.downPath != files.upPath)
            name += QStringLiteral("  ·  ") + QFileInfo(files.downPath).fileName();
        if (m_rendered.at(i).noTransaction)
            name += tr("  (outside a transaction)");
        m_steps->addItem(name);
    }
    m_steps->setCurrentRow(qMin(current, int(m_rendered.size()) - 1));
    showStep(m_steps->currentRow());
}

void NewMigrationDialog::showStep(int row)
{
    if (row < 0 || row >= m_rendered.size()) {
        m_up->setText(QString());
        m_down->setText(QString());
        return;
    }
    m_up->setText(MigrationTemplates::upFileText(m_rendered.at(row), m_folder.dialect()));
    m_down->setText(m_folder.dialect() == MigrationFolder::Dialect::Dbmate
                        ? QString()
                        : MigrationTemplates::downFileText(m_rendered.at(row), m_folder.dialect()));
}

bool NewMigrationDialog::create()
{
    if (m_rendered.isEmpty())
        return false;
    QString error;
    const QStringList written = MigrationTemplates::write(m_folder, m_rendered, &error);
    if (!error.isEmpty()) {
        m_problem->setText(error);
        return false;
    }
    emit created(written);
    return true;
}
