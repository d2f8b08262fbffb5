#include "lintacceptdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>

LintAcceptDialog::LintAcceptDialog(const QStringList &keys, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("lintAcceptDialog"));
    setWindowTitle(tr("Accept a lint finding"));
    m_key = new QComboBox;
    m_key->setObjectName(QStringLiteral("key"));
    m_key->addItems(keys);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("name"));
    m_reason = new QLineEdit;
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Why it is safe here, e.g. the table is small or the window is quiet"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Accept"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Finding:"), m_key);
    form->addRow(tr("Accepted by:"), m_name);
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(buttons);
    // A sign-off needs a name and a reason; the report shows both.
    auto update = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty()
                                                          && !m_reason->text().trimmed().isEmpty());
    };
    connect(m_name, &QLineEdit::textChanged, this, update);
    connect(m_reason, &QLineEdit::textChanged, this, update);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString LintAcceptDialog::key() const
{
    return m_key->currentText();
}

SignOff LintAcceptDialog::signOff() const
{
    return {m_name->text().trimmed(), m_reason->text().trimmed(), QDateTime::currentDateTimeUtc()};
}
