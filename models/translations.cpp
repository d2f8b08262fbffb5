#include "translations.h"

#include "logcategories.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace {

const QString CataloguePrefix = QStringLiteral(":/i18n");

bool installFrom(QCoreApplication *app,
                 const QLocale &locale,
                 const QString &name,
                 const QString &directory)
{
    auto *translator = new QTranslator(app);
    if (translator->load(locale, name, QStringLiteral("_"), directory)
        && QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

namespace Translations {

QString install(QCoreApplication *app, const QLocale &locale)
{
    installFrom(app,
                locale,
                QStringLiteral("qtbase"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    auto *plurals = new QTranslator(app);
    if (plurals->load(QStringLiteral("slipway_en"), CataloguePrefix))
        QCoreApplication::installTranslator(plurals);
    else // compiled in: only a broken build gets here
        qCWarning(lcI18n) << "the English plural catalogue is missing from the resources";
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return QStringLiteral("en");
    if (!installFrom(app, locale, QStringLiteral("slipway"), CataloguePrefix))
        return QStringLiteral("en");
    return QLocale::languageToCode(locale.language());
}

} // namespace Translations
