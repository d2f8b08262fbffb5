#include "db/rowbatch.h"

#include <QTest>

class TestRowBatch : public QObject
{
    Q_OBJECT

private slots:
    void storesCellsNullsAndEmptyStrings()
    {
        RowBatch batch(3);
        batch.appendCell(QByteArrayView("1"));
        batch.appendNull();
        batch.appendCell(QByteArrayView(""));
        batch.appendCell(QStringLiteral("Grüße").toUtf8());
        batch.appendCell(QByteArrayView("x"));
        batch.appendNull();
        QCOMPARE(batch.rowCount(), 2);
        QCOMPARE(batch.columnCount(), 3);
        QCOMPARE(batch.text(0, 0), QStringLiteral("1"));
        QVERIFY(batch.isNull(0, 1));
        QVERIFY(batch.text(0, 1).isNull());
        QVERIFY(!batch.isNull(0, 2));
        QVERIFY(!batch.text(0, 2).isNull());
        QVERIFY(batch.text(0, 2).isEmpty());
        QCOMPARE(batch.text(1, 0), QStringLiteral("Grüße"));
        QVERIFY(batch.isNull(1, 2));
    }

    void appendKeepsOffsetsAndNullFlags()
    {
        RowBatch a(2);
        a.appendCell(QByteArrayView("ab"));
        a.appendNull();
        RowBatch b(2);
        b.appendNull();
        b.appendCell(QByteArrayView("cde"));
        a.append(b);
        QCOMPARE(a.rowCount(), 2);
        QCOMPARE(a.text(0, 0), QStringLiteral("ab"));
        QVERIFY(a.isNull(0, 1));
        QVERIFY(a.isNull(1, 0));
        QCOMPARE(a.text(1, 1), QStringLiteral("cde"));

        RowBatch empty(2);
        empty.append(b);
        QCOMPARE(empty.rowCount(), 1);
        QCOMPARE(empty.text(0, 1), QStringLiteral("cde"));
    }

    void millionCellsStayCompact()
    {
        RowBatch batch(1);
        for (int i = 0; i < 1000000; ++i)
            batch.appendCell(QByteArray::number(i));
        QCOMPARE(batch.rowCount(), 1000000);
        QCOMPARE(batch.text(999999, 0), QStringLiteral("999999"));
        // 4 bytes of offset + the digits per cell, plus container slack: far below a QVariant each.
        QVERIFY2(batch.byteSize() < 24 * 1000000, qPrintable(QString::number(batch.byteSize())));
    }
};

QTEST_GUILESS_MAIN(TestRowBatch)
#include "tst_rowbatch.moc"
