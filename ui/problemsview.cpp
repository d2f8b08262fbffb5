#include "problemsview.h"

#include "lint/lintmodel.h"

#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QStyle>

namespace {
// Adds the severity icons, which the model (no widgets, no styles) does not know about.
class SeverityIcons final : public QIdentityProxyModel
{
public:
    SeverityIcons(const QStyle *style, QObject *parent)
        : QIdentityProxyModel(parent)
        , m_error(style->standardIcon(QStyle::SP_MessageBoxCritical))
        , m_warning(style->standardIcon(QStyle::SP_MessageBoxWarning))
    {}

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == LintModel::SeverityColumn) {
            const int severity = QIdentityProxyModel::data(index, LintModel::SeverityRole).toInt();
            return severity == int(Finding::Severity::Error) ? m_error : m_warning;
        }
        return QIdentityProxyModel::data(index, role);
    }

private:
    QIcon m_error;
    QIcon m_warning;
};
} // namespace

ProblemsView::ProblemsView(QWidget *parent)
    : QTreeView(parent)
{
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setEditTriggers(NoEditTriggers);
    setSelectionBehavior(SelectRows);
    header()->setStretchLastSection(true);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (m_model && index.isValid())
            emit findingActivated(m_model->finding(index.row()));
    });
}

void ProblemsView::setLintModel(LintModel *model)
{
    m_model = model;
    QAbstractItemModel *previous = m_proxy;
    auto *proxy = new SeverityIcons(style(), this);
    proxy->setSourceModel(model);
    setModel(proxy);
    m_proxy = proxy;
    delete previous; // the icons of the previous model, no longer shown
    header()->setSectionResizeMode(LintModel::SeverityColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(LintModel::LineColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(LintModel::RuleColumn, QHeaderView::ResizeToContents);
}
