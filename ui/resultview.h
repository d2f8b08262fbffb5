#pragma once

#include <QTableView>

// Grid for one statement's result, built for millions of rows: fixed row height (so the view
// never measures rows), no word wrap, column widths fitted once from a sample of rows, and
// Ctrl+C copying the selection as tab-separated text. GUI thread only.
class ResultView : public QTableView
{
    Q_OBJECT

public:
    explicit ResultView(QWidget *parent = nullptr);

    // Sizes every column to its header and the first `sampleRows` rows, within sensible bounds.
    // Cheap: reads at most sampleRows × columns cells.
    void fitColumnsToContents(int sampleRows = 200);

    // The selected cells as TSV (rectangular bounding box of the selection); cells containing
    // tabs, newlines or quotes are quoted the way spreadsheets expect.
    QString selectionAsTsv(bool withHeaders = false) const;
    void copySelection(bool withHeaders = false);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
};
