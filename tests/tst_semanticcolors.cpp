// Semantic colours follow the theme: on a light and on a dark palette, error, warning and success
// text keeps WCAG AA contrast (4.5:1) against the base it is drawn on, and white text keeps it on
// the production background. A single hard-coded red fails the dark case (about 2.7:1 on a
// typical dark grey).

#include "semanticcolors.h"

#include <QTest>

namespace {

QPalette themed(const QColor &base, const QColor &text)
{
    QPalette palette;
    for (QPalette::ColorRole role : {QPalette::Base, QPalette::Window, QPalette::AlternateBase})
        palette.setColor(role, base);
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText})
        palette.setColor(role, text);
    palette.setColor(QPalette::PlaceholderText, text);
    return palette;
}

} // namespace

class TestSemanticColors : public QObject
{
    Q_OBJECT

private slots:
    void contrastIsWcag()
    {
        // Reference values of the WCAG formula.
        QCOMPARE(qRound(SemanticColors::contrast(Qt::black, Qt::white) * 10), 210);
        QCOMPARE(qRound(SemanticColors::contrast(Qt::white, Qt::white) * 10), 10);
        QCOMPARE(qRound(SemanticColors::contrast(QColor(0x76, 0x76, 0x76), Qt::white) * 10), 45);
    }

    void readableOnEveryTheme_data()
    {
        QTest::addColumn<QColor>("base");
        QTest::addColumn<QColor>("text");
        QTest::addColumn<bool>("dark");
        QTest::newRow("light (Fusion)") << QColor(0xff, 0xff, 0xff) << QColor(Qt::black) << false;
        QTest::newRow("light grey") << QColor(0xef, 0xf0, 0xf1) << QColor(0x23, 0x26, 0x29) << false;
        QTest::newRow("Breeze Dark") << QColor(0x23, 0x26, 0x29) << QColor(0xfc, 0xfc, 0xfc) << true;
        QTest::newRow("Adwaita dark") << QColor(0x2d, 0x2d, 0x2d) << QColor(0xee, 0xee, 0xec) << true;
        QTest::newRow("black") << QColor(Qt::black) << QColor(Qt::white) << true;
    }

    void readableOnEveryTheme()
    {
        QFETCH(QColor, base);
        QFETCH(QColor, text);
        QFETCH(bool, dark);
        const QPalette palette = themed(base, text);
        QCOMPARE(SemanticColors::isDark(palette), dark);
        using Role = SemanticColors::Role;
        for (Role role : {Role::Error, Role::Warning, Role::Success}) {
            const double ratio = SemanticColors::contrast(SemanticColors::color(role, palette), base);
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("role %1: %2:1")
                                                  .arg(int(role))
                                                  .arg(ratio, 0, 'f', 2)));
        }
        const QColor production = SemanticColors::color(Role::Production, palette);
        QVERIFY2(SemanticColors::contrast(production, Qt::white) >= 4.5,
                 qPrintable(production.name()));
        // An error must still look like an error: clearly red.
        const QColor error = SemanticColors::color(Role::Error, palette);
        QVERIFY(error.red() > error.green() + 60 && error.red() > error.blue() + 60);
    }
};

QTEST_MAIN(TestSemanticColors)
#include "tst_semanticcolors.moc"
