#pragma once

#include "finding.h"

#include <QAbstractTableModel>
#include <QList>

// The findings of one script as a table: severity, line, rule, message. Views add icons; the
// tooltip carries the impact note. Replaced wholesale after each lint run. GUI thread only.
class LintModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, LineColumn, RuleColumn, MessageColumn, ColumnCount };
    enum Role { SeverityRole = Qt::UserRole + 1 }; // Finding::Severity as int

    explicit LintModel(QObject *parent = nullptr);

    void setFindings(const QList<Finding> &findings);
    const QList<Finding> &findings() const { return m_findings; }
    Finding finding(int row) const { return m_findings.value(row); }
    int errorCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Finding> m_findings;
};
