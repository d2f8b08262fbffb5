#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

#include <vector>

// Takes slipway's own options out of argv before QApplication sees it. While QApplication is
// constructed, Qt and its platform plugin remove the options they know from argv, whatever the
// application means by them: xcb takes --name (the X11 instance name), --display and --sync;
// QGuiApplication takes --platform, --session, --reverse and others. Such an option of ours
// would work offscreen and vanish on a real desktop. Only the program name and the arguments
// that are not ours (Qt's, and anything unknown for the parser to refuse) reach Qt; an option's
// value goes with it, so a value that looks like a Qt option stays ours too. Main thread only.
class ArgumentSplit
{
public:
    // `own`: the options the application's parser will know; only their names and whether they
    // take a value matter. argv must outlive this object.
    ArgumentSplit(int argc, char **argv, const QList<QCommandLineOption> &own);

    // For QApplication, which keeps references to both.
    int &qtArgc() { return m_qtArgc; }
    char **qtArgv() { return m_qtArgv.data(); }

    // What the application's parser reads: the program name, our own arguments, then what Qt
    // left of the rest (QCoreApplication::arguments()).
    QStringList parserArguments(const QStringList &leftByQt) const;

private:
    QStringList m_own;
    QStringList m_positional; // "--" and everything after it
    std::vector<char *> m_qtArgv;
    int m_qtArgc = 0;
};
