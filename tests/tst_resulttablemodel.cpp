#include "db/resulttablemodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

class TestResultTableModel : public QObject
{
    Q_OBJECT

    static RowBatch makeBatch(int first, int count)
    {
        RowBatch batch(2);
        for (int i = first; i < first + count; ++i) {
            batch.appendCell(QByteArray::number(i));
            if (i % 10 == 0)
                batch.appendNull();
            else
                batch.appendCell(QStringLiteral("row %1").arg(i).toUtf8());
        }
        return batch;
    }

private slots:
    void passesModelTesterWhileGrowing()
    {
        ResultTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ColumnInfo> columns(2);
        columns[0].name = QStringLiteral("id");
        columns[0].numeric = true;
        columns[0].typeName = QStringLiteral("integer");
        columns[1].name = QStringLiteral("label");
        model.setColumns(columns);
        QSignalSpy counts(&model, &ResultTableModel::rowCountChanged);
        for (int b = 0; b < 5; ++b)
            model.appendRows(makeBatch(b * 100 + 1, 100));
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(counts.last().at(0).toInt(), 500);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("id"));
        QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString(), QStringLiteral("id (integer)"));
        QCOMPARE(model.headerData(41, Qt::Vertical, Qt::DisplayRole).toInt(), 42);
        // Batch boundaries map correctly.
        QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("row 1"));
        QCOMPARE(model.data(model.index(99, 0)).toString(), QStringLiteral("100"));
        QCOMPARE(model.data(model.index(100, 1)).toString(), QStringLiteral("row 101"));
        QCOMPARE(model.data(model.index(499, 0)).toString(), QStringLiteral("500"));
        // NULL is shown, styled, and distinguishable for editors.
        const QModelIndex nullCell = model.index(9, 1);
        QCOMPARE(model.data(nullCell).toString(), QStringLiteral("NULL"));
        QVERIFY(!model.data(nullCell, Qt::EditRole).isValid());
        QVERIFY(model.data(nullCell, Qt::FontRole).value<QFont>().italic());
        QVERIFY(model.isNull(9, 1));
        QVERIFY(model.data(model.index(0, 0), Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
        QVERIFY(model.data(model.index(0, 1), Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignLeft);
        // A batch of the wrong shape is refused, not half-applied.
        RowBatch wrong(3);
        wrong.appendNull();
        wrong.appendNull();
        wrong.appendNull();
        model.appendRows(wrong);
        QCOMPARE(model.rowCount(), 500);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }

    void millionRowsStayCompact()
    {
        ResultTableModel model;
        QList<ColumnInfo> columns(2);
        model.setColumns(columns);
        for (int b = 0; b < 100; ++b)
            model.appendRows(makeBatch(b * 10000 + 1, 10000));
        QCOMPARE(model.rowCount(), 1000000);
        QCOMPARE(model.text(999999, 0), QStringLiteral("1000000"));
        QVERIFY2(model.byteSize() < 64 * 1024 * 1024, qPrintable(QString::number(model.byteSize())));
    }
};

QTEST_GUILESS_MAIN(TestResultTableModel)
#include "tst_resulttablemodel.moc"
