// Opens and highlights a 5 MB SQL file in the SQL editor (PostgreSQL lexer, the whole document
// styled) and compares the time with the same text in a QsciScintilla without a lexer, measured
// in the same run. Target: at most 1 s. Runs offscreen.
#include "sqleditor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <Qsci/qsciscintilla.h>

#include <algorithm>

namespace {
constexpr int Runs = 3;

QString generate()
{
    QString text;
    text.reserve(5'200'000);
    int n = 0;
    while (text.size() < 5'000'000) {
        text += QStringLiteral(
                    "-- step %1: backfill in batches\n"
                    "UPDATE shop.orders SET loyalty_tier = 'bronze', note = E'it\\'s %1'\n"
                    " WHERE id BETWEEN %1 AND %1 + 9999 AND loyalty_tier IS NULL; /* batch */\n"
                    "CREATE FUNCTION f_%1() RETURNS int LANGUAGE plpgsql AS $fn$ BEGIN RETURN %1; "
                    "END $fn$;\n")
                    .arg(n++);
    }
    return text;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

template<typename Editor>
double openAndStyle(const QString &text)
{
    QElapsedTimer timer;
    timer.start();
    Editor editor;
    editor.resize(1200, 800);
    editor.setText(text);
    // Style the whole document, not just the visible part, so nothing is left for later.
    editor.SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0UL, -1L);
    editor.show();
    QApplication::processEvents();
    return timer.nsecsElapsed() / 1e9;
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QString text = generate();
    QList<double> plain;
    QList<double> sql;
    for (int run = 0; run < Runs; ++run) {
        plain.append(openAndStyle<QsciScintilla>(text));
        sql.append(openAndStyle<SqlEditor>(text));
    }
    const double baseline = median(plain);
    const double editor = median(sql);
    out << QStringLiteral("bench_editor: %1 MB, %2 lines\n")
               .arg(text.toUtf8().size() / 1e6, 0, 'f', 2)
               .arg(text.count(QLatin1Char('\n')))
        << QStringLiteral("  plain QsciScintilla, no lexer: %1 s (median of %2)\n")
               .arg(baseline, 0, 'f', 3)
               .arg(Runs)
        << QStringLiteral("  SQL editor, fully highlighted: %1 s (median of %2)\n")
               .arg(editor, 0, 'f', 3)
               .arg(Runs)
        << QStringLiteral("  ratio: %1x the plain editor (target: <= 1.000 s)\n")
               .arg(editor / baseline, 0, 'f', 2);
    const bool met = editor <= 1.0;
    out << (met ? "  target met" : "  TARGET MISSED") << Qt::endl;
    // A miss is reported, not an exit status: scripts/bench runs every benchmark.
    return 0;
}
