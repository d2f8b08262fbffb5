#include "productionguard.h"

#include "sql/statementeffect.h"

#include <QInputDialog>
#include <QLineEdit>

namespace {

// A long script can have hundreds of reasons; the prompt shows the first ones (the severe ones
// come first) and counts the rest, so the dialog stays on the screen.
constexpr int ShownReasons = 12;

} // namespace

QString ProductionGuard::destructiveReason(const QString &statement)
{
    return StatementEffect::reasons(statement).join(QStringLiteral(", "));
}

QStringList ProductionGuard::destructiveReasons(const QString &script)
{
    return StatementEffect::reasons(script);
}

void ProductionGuard::confirm(QWidget *parent,
                              const QString &database,
                              const QStringList &reasons,
                              std::function<void(bool)> done)
{
    QStringList lines;
    for (const QString &reason : reasons.mid(0, ShownReasons))
        lines.append(QStringLiteral("• ") + reason);
    if (reasons.size() > ShownReasons)
        lines.append(tr("… and %n more", nullptr, int(reasons.size() - ShownReasons)));

    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("productionConfirmation"));
    dialog->setWindowTitle(tr("Production database"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextEchoMode(QLineEdit::Normal);
    dialog->setLabelText(tr("This is a PRODUCTION database, and what is about to run needs "
                            "confirmation:\n%1\n\nType the database name \"%2\" to run it:")
                             .arg(lines.join(QLatin1Char('\n')), database));
    dialog->setOkButtonText(tr("Run"));
    dialog->setWindowModality(Qt::WindowModal);
    QObject::connect(dialog, &QDialog::finished, dialog, [dialog, database, done](int result) {
        done(result == QDialog::Accepted && dialog->textValue() == database);
    });
    dialog->open();
}
