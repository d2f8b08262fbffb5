#pragma once

#include "lint/finding.h"

#include <QTreeView>

class LintModel;
class QAbstractItemModel;

// The "Problems" list under the editor: one row per lint finding with a severity icon;
// activating a row asks to show that finding in the editor. GUI thread only.
class ProblemsView : public QTreeView
{
    Q_OBJECT

public:
    explicit ProblemsView(QWidget *parent = nullptr);

    void setLintModel(LintModel *model);

signals:
    void findingActivated(const Finding &finding);

private:
    LintModel *m_model = nullptr;
    QAbstractItemModel *m_proxy = nullptr; // adds the severity icons; owned
};
