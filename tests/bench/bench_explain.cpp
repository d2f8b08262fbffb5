// Benchmark of the plan viewer on big plans: a ~2,400-node EXPLAIN ANALYZE from the sandbox
// (a UNION ALL of 300 small join-and-aggregate queries) in JSON and in text — parse + metrics,
// layout + scene, SVG export — then a synthetic 10,000-node plan drawn in the offscreen view.
// Each figure is printed with its target and its ratio to a baseline measured in the same run
// (reading the same JSON with QJsonDocument; drawing as many plain rectangles in the same view).
//
// Usage: bench_explain CONNINFO   (scripts/bench starts a sandbox and passes its conninfo)

#include "db/pgconnection.h"
#include "explain/plan.h"
#include "explain/planexporter.h"
#include "explain/planinput.h"
#include "explain/plankeys.h"
#include "explain/planlayout.h"
#include "explain/planmetrics.h"
#include "explain/planparser.h"
#include "planscene.h"
#include "planview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <functional>

namespace {

QTextStream out(stdout);

// Median of five runs, in milliseconds.
double timeMs(const std::function<void()> &work)
{
    std::vector<double> runs;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        runs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

void report(
    const QString &what, double ms, double targetMs, const QString &baseline, double baselineMs)
{
    out << QStringLiteral("%1: %2 ms (target <= %3 ms, %4) — %5× the baseline (%6: %7 ms)")
               .arg(what)
               .arg(ms, 0, 'f', 1)
               .arg(targetMs, 0, 'f', 0)
               .arg(ms <= targetMs ? QStringLiteral("met") : QStringLiteral("MISSED"))
               .arg(baselineMs > 0 ? ms / baselineMs : 0, 0, 'f', 2)
               .arg(baseline)
               .arg(baselineMs, 0, 'f', 1)
        << Qt::endl;
}

QString unionOfQueries(int count)
{
    QStringList parts;
    for (int i = 0; i < count; ++i) {
        parts << QStringLiteral(
                     "(SELECT a.g, count(*), sum(b.w + c.x) FROM bench_a a JOIN bench_b b ON "
                     "b.a_id = a.id "
                     "JOIN bench_c c ON c.id = b.id WHERE a.g = %1 GROUP BY a.g LIMIT 5)")
                     .arg(i % 50);
    }
    return parts.join(QStringLiteral(" UNION ALL "));
}

QString explain(PgConnection &db, const QString &options, const QString &sql)
{
    const RowBatch rows = db.fetchAll(QStringLiteral("EXPLAIN (%1) %2").arg(options, sql));
    QStringList lines;
    for (int r = 0; r < rows.rowCount(); ++r)
        lines << rows.text(r, 0);
    return lines.join(QLatin1Char('\n'));
}

// Nested loops over scans of 2,500 partitions, four times: 10,001 nodes.
Plan syntheticPlan()
{
    Plan plan;
    const int root = plan.addNode(-1,
                                  {{PlanKey::NodeType, QStringLiteral("Append")},
                                   {PlanKey::TotalCost, 1e6}});
    for (int part = 0; part < 4; ++part) {
        const int join = plan.addNode(root,
                                      {{PlanKey::NodeType, QStringLiteral("Nested Loop")},
                                       {PlanKey::JoinType, QStringLiteral("Inner")}});
        const int append = plan.addNode(join, {{PlanKey::NodeType, QStringLiteral("Append")}});
        for (int i = 0; i < 2499; ++i) {
            plan.addNode(append,
                         {{PlanKey::NodeType, QStringLiteral("Seq Scan")},
                          {PlanKey::RelationName, QStringLiteral("events_%1_%2").arg(part).arg(i)},
                          {PlanKey::Alias, QStringLiteral("e%1").arg(i)},
                          {PlanKey::TotalCost, 10.0 + i % 17},
                          {PlanKey::PlanRows, 100.0},
                          {PlanKey::ActualTotalTime, 0.01 * (1 + i % 13)},
                          {PlanKey::ActualRows, 100.0 + i % 7},
                          {PlanKey::ActualLoops, 1.0}});
        }
    }
    return plan;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: bench_explain CONNINFO" << Qt::endl;
        return 2;
    }
    const QString admin = QString::fromLocal8Bit(argv[1]);
    QString text;
    QString json;
    try {
        PgConnection postgres(admin);
        postgres.open();
        postgres.execute(
            QStringLiteral("DROP DATABASE IF EXISTS slipway_bench_explain WITH (FORCE)"));
        postgres.execute(QStringLiteral("CREATE DATABASE slipway_bench_explain"));
        QString conninfo = admin;
        conninfo.replace(QStringLiteral("dbname=postgres"),
                         QStringLiteral("dbname=slipway_bench_explain"));
        PgConnection db(conninfo);
        db.open();
        db.execute(QStringLiteral(
            "CREATE TABLE bench_a (id int PRIMARY KEY, g int NOT NULL);"
            "INSERT INTO bench_a SELECT i, i % 50 FROM generate_series(1, 1000) i;"
            "CREATE TABLE bench_b (id int PRIMARY KEY, a_id int NOT NULL, w int NOT NULL);"
            "INSERT INTO bench_b SELECT i, 1 + i % 1000, i % 7 FROM generate_series(1, 2000) i;"
            "CREATE TABLE bench_c (id int PRIMARY KEY, x int NOT NULL);"
            "INSERT INTO bench_c SELECT i, i % 11 FROM generate_series(1, 2000) i;"
            "ANALYZE bench_a; ANALYZE bench_b; ANALYZE bench_c;"));
        db.execute(QStringLiteral("SET max_parallel_workers_per_gather = 0"));
        const QString sql = unionOfQueries(300);
        json = explain(db, QStringLiteral("ANALYZE, BUFFERS, FORMAT JSON"), sql);
        text = explain(db, QStringLiteral("ANALYZE, BUFFERS"), sql);
        db.close();
        postgres.execute(
            QStringLiteral("DROP DATABASE IF EXISTS slipway_bench_explain WITH (FORCE)"));
    } catch (const DbException &e) {
        QTextStream(stderr) << "database error: " << e.error().toDisplayString() << Qt::endl;
        return 1;
    }

    Plan fromJson;
    Plan fromText;
    PlanParseError error;
    if (!PlanParser::parse(json, &fromJson, &error) || !PlanParser::parse(text, &fromText, &error)) {
        QTextStream(stderr) << "parse error: " << error.toString() << Qt::endl;
        return 1;
    }
    out << QStringLiteral("plan: %1 nodes, JSON %2 kB, text %3 kB")
               .arg(fromJson.size())
               .arg(json.toUtf8().size() / 1024)
               .arg(text.toUtf8().size() / 1024)
        << Qt::endl;

    const QByteArray jsonBytes = json.toUtf8();
    const double readJson = timeMs([&] { QJsonDocument::fromJson(jsonBytes); });
    if (qEnvironmentVariableIsSet("BENCH_EXPLAIN_DETAIL")) {
        out << "  input cleaning (JSON): " << timeMs([&] { PlanInput::fromText(json); }) << " ms"
            << Qt::endl;
        out << "  input cleaning (text): " << timeMs([&] { PlanInput::fromText(text); }) << " ms"
            << Qt::endl;
        out << "  metrics: " << timeMs([&] { PlanMetrics::compute(fromJson); }) << " ms"
            << Qt::endl;
    }
    const double parseJson = timeMs([&] {
        Plan plan;
        PlanParseError e;
        PlanParser::parse(json, &plan, &e);
        PlanMetrics::compute(plan);
    });
    const double parseText = timeMs([&] {
        Plan plan;
        PlanParseError e;
        PlanParser::parse(text, &plan, &e);
        PlanMetrics::compute(plan);
    });
    report(QStringLiteral("JSON parse + metrics"),
           parseJson,
           200,
           QStringLiteral("QJsonDocument::fromJson"),
           readJson);
    report(QStringLiteral("text parse + metrics"),
           parseText,
           200,
           QStringLiteral("QJsonDocument::fromJson of the JSON"),
           readJson);

    const PlanMetrics metrics = PlanMetrics::compute(fromJson);
    PlanView view;
    view.resize(1600, 1000);
    view.show();
    PlanScene scene;
    view.setPlanScene(&scene);
    // Every node a card (the 300 alike branches are not grouped), as after "Expand all".
    PlanLayout::Options everyNode;
    everyNode.groupThreshold = std::numeric_limits<int>::max();
    const double layoutAndScene = timeMs([&] {
        scene.setPlan(nullptr, nullptr);
        scene.setPlan(&fromJson, &metrics);
        scene.expandAll();
    });
    const double layoutOnly = timeMs([&] { PlanLayout::compute(fromJson, everyNode); });
    report(QStringLiteral("layout + scene (%1 cards)").arg(scene.layout().items().size()),
           layoutAndScene,
           1000,
           QStringLiteral("layout alone"),
           layoutOnly);
    const double groupedScene = timeMs([&] {
        scene.setPlan(nullptr, nullptr);
        scene.setPlan(&fromJson, &metrics);
    });
    out << QStringLiteral("  as first shown (alike branches grouped): %1 ms, %2 cards")
               .arg(groupedScene, 0, 'f', 1)
               .arg(scene.layout().items().size())
        << Qt::endl;
    PlanExporter exporter(fromJson, metrics, PlanHeat::Time);
    exporter.setLayoutOptions(everyNode);
    QByteArray picture;
    const double svg = timeMs([&] { picture = exporter.svg(); });
    report(QStringLiteral("SVG export (%1 cards, %2 kB)")
               .arg(fromJson.size())
               .arg(picture.size() / 1024),
           svg,
           3000,
           QStringLiteral("layout + scene"),
           layoutAndScene);

    // The whole picture in the view, however small the cards get (fitToView stops at a zoom
    // where cards keep their labels and lets the rest scroll).
    const auto showWhole = [&] { view.fitInView(scene.sceneRect(), Qt::KeepAspectRatio); };
    // 10,000 nodes, every card shown (no grouping): build the scene, fit, draw the view.
    const Plan synthetic = syntheticPlan();
    const PlanMetrics syntheticMetrics = PlanMetrics::compute(synthetic);
    const double drawn = timeMs([&] {
        scene.setPlan(nullptr, nullptr);
        scene.setPlan(&synthetic, &syntheticMetrics);
        scene.expandAll();
        showWhole();
        view.viewport()->grab();
        view.setZoom(1.0);
        view.centerOn(scene.sceneRect().center());
        view.viewport()->grab();
    });
    QGraphicsScene plain;
    for (int i = 0; i < synthetic.size(); ++i)
        plain.addRect(QRectF((i % 100) * 260.0, (i / 100) * 150.0, 240, 92),
                      QPen(Qt::gray),
                      QBrush(Qt::white));
    QGraphicsView plainView(&plain);
    plainView.resize(1600, 1000);
    plainView.show();
    const double plainDrawn = timeMs([&] {
        plainView.fitInView(plain.sceneRect(), Qt::KeepAspectRatio);
        plainView.viewport()->grab();
        plainView.resetTransform();
        plainView.viewport()->grab();
    });
    report(QStringLiteral("10,000 nodes drawn (scene, fit, full and 100% views)"),
           drawn,
           3000,
           QStringLiteral("10,000 plain rectangles drawn"),
           plainDrawn);
    const double grouped = timeMs([&] {
        scene.setPlan(nullptr, nullptr);
        scene.setPlan(&synthetic, &syntheticMetrics);
        showWhole();
        view.viewport()->grab();
    });
    out << QStringLiteral("10,000 nodes with alike siblings grouped: %1 ms, %2 cards")
               .arg(grouped, 0, 'f', 1)
               .arg(scene.layout().items().size())
        << Qt::endl;
    scene.setPlan(nullptr, nullptr);
    return 0;
}
