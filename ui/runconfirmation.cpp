#include "runconfirmation.h"

#include "migrations/migration.h"
#include "migrations/migrationfolder.h"
#include "sql/statementeffect.h"

#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace {

// Enough to judge at a glance; the rest is counted.
constexpr int EffectsShown = 8;

} // namespace

RunConfirmation::Script RunConfirmation::describe(const QString &label,
                                                  const Migration &migration,
                                                  bool down)
{
    Script script{label, {}};
    QString text;
    QString error;
    const bool read = down ? MigrationFolder::readDown(migration, &text, &error)
                           : MigrationFolder::readUp(migration, &text, &error);
    if (!read) {
        script.effects << tr("cannot be read: %1").arg(error);
        return script;
    }
    script.effects = StatementEffect::reasons(text);
    return script;
}

void RunConfirmation::ask(QWidget *parent,
                          const QString &question,
                          const QString &actionText,
                          const QList<Script> &scripts,
                          bool destructiveDefault,
                          std::function<void(bool)> done)
{
    QString details;
    for (const Script &script : scripts) {
        details += QStringLiteral("<p><b>%1</b>").arg(script.label.toHtmlEscaped());
        if (script.effects.isEmpty()) {
            details += QStringLiteral("<br>%1</p>").arg(tr("reads only").toHtmlEscaped());
            continue;
        }
        details += QStringLiteral("</p><ul>");
        for (int i = 0; i < script.effects.size() && i < EffectsShown; ++i)
            details += QStringLiteral("<li>%1</li>").arg(script.effects.at(i).toHtmlEscaped());
        if (script.effects.size() > EffectsShown)
            details += QStringLiteral("<li>%1</li>")
                           .arg(tr("… and %n more", nullptr, int(script.effects.size()) - EffectsShown)
                                    .toHtmlEscaped());
        details += QStringLiteral("</ul>");
    }
    auto *box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("runConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setIcon(destructiveDefault ? QMessageBox::Warning : QMessageBox::Question);
    box->setWindowTitle(actionText);
    box->setText(question.toHtmlEscaped());
    box->setInformativeText(details);
    box->setTextFormat(Qt::RichText);
    QPushButton *accept = box->addButton(actionText, QMessageBox::AcceptRole);
    accept->setObjectName(QStringLiteral("confirmRun"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(destructiveDefault ? cancel : accept);
    box->setEscapeButton(cancel);
    QPointer<QPushButton> accepted(accept);
    QObject::connect(box, &QMessageBox::finished, box, [box, accepted, done](int) {
        done(accepted && box->clickedButton() == accepted);
    });
    box->open();
}
