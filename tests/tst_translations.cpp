// The message catalogues against the sources, as a translator and a reader meet them:
// - every %n message in the sources has finished English singular and plural forms in
//   translations/slipway_en.ts (lupdate -pluralonly run afresh over ui/, models/ and app/, into a
//   copy, so a new "%n thing(s)" without forms fails here rather than showing "(s)");
// - every form of every catalogue keeps the placeholders of its source (%1 … %9, and %n in
//   plural forms), so no translation drops a number or a name;
// - the compiled catalogue, installed as the applications install it, gives "1 row" and
//   "2 rows" for "%n row(s)".

#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct CatalogueMessage
{
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // the translation, or its numerus forms
    qint64 line = 0;
};

QList<CatalogueMessage> readCatalogue(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    QList<CatalogueMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    CatalogueMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("context")) {
                context.clear();
            } else if (name == QLatin1String("name") && context.isEmpty()) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                message = CatalogueMessage{context, {}, false, false, {}, xml.lineNumber()};
                message.numerus = xml.attributes().value(QLatin1String("numerus"))
                                  == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                const auto type = xml.attributes().value(QLatin1String("type"));
                message.unfinished = type == QLatin1String("unfinished");
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                    message.source.clear(); // no longer in the sources: nobody sees it
                if (!message.numerus)
                    message.forms << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                message.forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            if (!message.source.isEmpty())
                messages << message;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(?:[1-9]|n)"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    return found;
}

QString catalogue(const char *name)
{
    return qEnvironmentVariable("SLIPWAY_SOURCE_DIR") + QStringLiteral("/translations/")
           + QString::fromLatin1(name);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void everyPluralHasEnglishForms()
    {
        const QString lupdate = qEnvironmentVariable("SLIPWAY_LUPDATE");
        QVERIFY2(QFile::exists(lupdate), "SLIPWAY_LUPDATE names no lupdate");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(QStringLiteral("slipway_en.ts"));
        QVERIFY(QFile::copy(catalogue("slipway_en.ts"), fresh));
        QProcess process;
        process.setWorkingDirectory(qEnvironmentVariable("SLIPWAY_SOURCE_DIR"));
        process.start(lupdate,
                      {QStringLiteral("-extensions"),
                       QStringLiteral("cpp,h"),
                       QStringLiteral("-locations"),
                       QStringLiteral("none"),
                       QStringLiteral("-no-obsolete"),
                       QStringLiteral("-pluralonly"),
                       QStringLiteral("-target-language"),
                       QStringLiteral("en"),
                       QStringLiteral("ui"),
                       QStringLiteral("models"),
                       QStringLiteral("app"),
                       QStringLiteral("-ts"),
                       fresh});
        QVERIFY2(process.waitForFinished(120000), "lupdate did not finish");
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QString error;
        const QList<CatalogueMessage> messages = readCatalogue(fresh, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // A floor, so an extraction that silently found nothing cannot pass.
        QVERIFY2(messages.size() >= 50, qPrintable(QString::number(messages.size())));
        QStringList missing;
        for (const CatalogueMessage &message : messages) {
            QVERIFY(message.numerus);
            const bool filled = message.forms.size() == 2 && !message.forms.contains(QString());
            if (message.unfinished || !filled)
                missing << message.context + QStringLiteral(": ") + message.source;
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("no English forms in translations/slipway_en.ts (run "
                                           "scripts/update-translations) for:\n")
                            + missing.join(QLatin1Char('\n'))));
    }

    void formsKeepPlaceholders_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("en") << catalogue("slipway_en.ts");
        QTest::newRow("ru") << catalogue("slipway_ru.ts");
    }

    void formsKeepPlaceholders()
    {
        QFETCH(QString, path);
        QString error;
        const QList<CatalogueMessage> messages = readCatalogue(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!messages.isEmpty());
        QStringList broken;
        for (const CatalogueMessage &message : messages) {
            if (message.unfinished)
                continue; // not shown; the source text is
            const QSet<QString> expected = placeholders(message.source);
            for (const QString &form : message.forms) {
                if (form.isEmpty() || placeholders(form) != expected)
                    broken << QStringLiteral("%1:%2: %3 → %4")
                                  .arg(path)
                                  .arg(message.line)
                                  .arg(message.source, form);
            }
        }
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QLatin1Char('\n'))));
    }

    // What a user reads, through the compiled catalogue the binaries carry.
    void englishReadsAsEnglish()
    {
        QCOMPARE(Translations::install(QCoreApplication::instance(), QLocale(QLocale::English)),
                 QStringLiteral("en"));
        const auto text = [](const char *context, const char *source, int n) {
            return QCoreApplication::translate(context, source, nullptr, n);
        };
        QCOMPARE(text("MigrateCommand", "%n row(s)", 1), QStringLiteral("1 row"));
        QCOMPARE(text("MigrateCommand", "%n row(s)", 2), QStringLiteral("2 rows"));
        QCOMPARE(text("MigrateCommand", "%n row(s)", 0), QStringLiteral("0 rows"));
        QCOMPARE(text("FindBar", "%n match(es)", 1), QStringLiteral("1 match"));
        QCOMPARE(text("FindBar", "%n match(es)", 5), QStringLiteral("5 matches"));
        QCOMPARE(text("StatisticsPeriod", "%n days", 1), QStringLiteral("1 day"));
        QCOMPARE(text("StatisticsPeriod", "%n days", 30), QStringLiteral("30 days"));
        QCOMPARE(text("MigrationsPanel", "Apply %n Migration(s)", 1),
                 QStringLiteral("Apply 1 Migration"));
        // A message without a plural is left as written.
        QCOMPARE(text("MigrateCommand", "no such message, only its source", 1),
                 QStringLiteral("no such message, only its source"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
