#include "argumentsplit.h"

#include <QHash>

ArgumentSplit::ArgumentSplit(int argc, char **argv, const QList<QCommandLineOption> &own)
{
    QHash<QString, bool> takesValue;
    for (const QCommandLineOption &option : own) {
        for (const QString &name : option.names())
            takesValue.insert(name, !option.valueName().isEmpty());
    }

    if (argc > 0)
        m_qtArgv.push_back(argv[0]);
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--")) {
            // Everything after "--" is a positional argument: the parser's, never Qt's.
            for (; i < argc; ++i)
                m_positional << QString::fromLocal8Bit(argv[i]);
            break;
        }
        // Our options are long ones; QCommandLineParser reads a single dash as short options.
        const QString name = arg.startsWith(QLatin1String("--")) ? arg.mid(2).section(u'=', 0, 0)
                                                                 : QString();
        const auto option = takesValue.constFind(name);
        if (name.isEmpty() || option == takesValue.cend()) {
            m_qtArgv.push_back(argv[i]);
            continue;
        }
        m_own << arg;
        if (*option && !arg.contains(u'=') && i + 1 < argc)
            m_own << QString::fromLocal8Bit(argv[++i]);
    }
    m_qtArgc = int(m_qtArgv.size());
    m_qtArgv.push_back(nullptr); // argv[argc] is null, as in main's
}

QStringList ArgumentSplit::parserArguments(const QStringList &leftByQt) const
{
    // "--" and what follows it come last, so that nothing Qt left is taken for a positional one.
    return QStringList{leftByQt.value(0)} + m_own + leftByQt.mid(1) + m_positional;
}
