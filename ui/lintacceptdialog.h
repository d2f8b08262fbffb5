#pragma once

#include "deploy/deploysession.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

// Accepts one error-level lint finding for a deploy: which finding (its sign-off key, as the
// lint-clean check lists them), who accepts it and why. The deploy report shows every one.
class LintAcceptDialog : public QDialog
{
    Q_OBJECT

public:
    LintAcceptDialog(const QStringList &keys, QWidget *parent = nullptr);

    QString key() const;
    SignOff signOff() const;

private:
    QComboBox *m_key = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_reason = nullptr;
};
