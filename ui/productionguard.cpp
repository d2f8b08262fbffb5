#include "productionguard.h"

#include "sql/statementsplitter.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>

namespace {

// Upper-cased bare words of a statement, in order. Quoted identifiers become an empty word so
// they never look like keywords; strings, numbers, comments and punctuation are dropped. Only
// the first `limit` words are collected: the decision never needs more.
QStringList leadingWords(const QString &sql, int limit = 4096)
{
    QStringList words;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    auto isWordStart = [](QChar c) { return c.isLetter() || c == QLatin1Char('_'); };
    auto isWordChar = [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
    };
    while (i < n && words.size() < limit) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            // PostgreSQL block comments nest.
            int depth = 0;
            while (i < n) {
                if (sql.at(i) == QLatin1Char('/') && i + 1 < n
                    && sql.at(i + 1) == QLatin1Char('*')) {
                    ++depth;
                    i += 2;
                } else if (sql.at(i) == QLatin1Char('*') && i + 1 < n
                           && sql.at(i + 1) == QLatin1Char('/')) {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
        } else if (c == QLatin1Char('\'')) {
            // E'...' strings allow backslash escapes; the E was consumed as a word already.
            const bool backslashes = i > 0 && !words.isEmpty() && words.last() == QLatin1String("E")
                                     && (sql.at(i - 1) == QLatin1Char('E')
                                         || sql.at(i - 1) == QLatin1Char('e'))
                                     && (i < 2 || !isWordChar(sql.at(i - 2)));
            if (backslashes)
                words.removeLast();
            ++i;
            while (i < n) {
                if (backslashes && sql.at(i) == QLatin1Char('\\')) {
                    i += 2;
                } else if (sql.at(i) == QLatin1Char('\'')) {
                    if (i + 1 < n && sql.at(i + 1) == QLatin1Char('\'')) {
                        i += 2;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    ++i;
                }
            }
        } else if (c == QLatin1Char('"')) {
            ++i;
            while (i < n) {
                if (sql.at(i) == QLatin1Char('"')) {
                    if (i + 1 < n && sql.at(i + 1) == QLatin1Char('"')) {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            words.append(QString());
        } else if (c == QLatin1Char('$')) {
            // Dollar quoting: $$...$$ or $tag$...$tag$. A lone $1 parameter is skipped.
            qsizetype j = i + 1;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_')))
                ++j;
            if (j < n && sql.at(j) == QLatin1Char('$') && (j == i + 1 || !sql.at(i + 1).isDigit())) {
                const QString tag = sql.mid(i, j - i + 1);
                const qsizetype end = sql.indexOf(tag, j + 1);
                i = end < 0 ? n : end + tag.size();
            } else {
                i = j;
            }
        } else if (isWordStart(c)) {
            const qsizetype start = i;
            while (i < n && isWordChar(sql.at(i)))
                ++i;
            words.append(sql.mid(start, i - start).toUpper());
        } else {
            ++i;
        }
    }
    return words;
}

// DELETE or UPDATE used as a data-modifying command, not as in FOR UPDATE / FOR NO KEY UPDATE
// or ON DELETE / ON UPDATE referential actions.
QString modifyingCommand(const QStringList &words, qsizetype from)
{
    for (qsizetype k = from; k < words.size(); ++k) {
        const QString &w = words.at(k);
        if (w != QLatin1String("DELETE") && w != QLatin1String("UPDATE"))
            continue;
        const QString previous = k > 0 ? words.at(k - 1) : QString();
        if (previous == QLatin1String("FOR") || previous == QLatin1String("KEY")
            || previous == QLatin1String("ON"))
            continue;
        return w;
    }
    return {};
}

} // namespace

QString ProductionGuard::destructiveReason(const QString &statement)
{
    const QStringList words = leadingWords(statement);
    if (words.isEmpty())
        return {};
    const QString &first = words.first();
    static const QStringList direct = {QStringLiteral("DROP"),
                                       QStringLiteral("TRUNCATE"),
                                       QStringLiteral("DELETE"),
                                       QStringLiteral("UPDATE"),
                                       QStringLiteral("GRANT"),
                                       QStringLiteral("REVOKE")};
    if (direct.contains(first))
        return first;
    if (first == QLatin1String("ALTER") && words.contains(QLatin1String("DROP")))
        return QStringLiteral("ALTER … DROP");
    if (first == QLatin1String("WITH") || first == QLatin1String("MERGE")) {
        const QString command = modifyingCommand(words, 1);
        if (!command.isEmpty())
            return first + QStringLiteral(" … ") + command;
    }
    if (first == QLatin1String("EXPLAIN")
        && (words.contains(QLatin1String("ANALYZE")) || words.contains(QLatin1String("ANALYSE")))) {
        // EXPLAIN ANALYZE executes the statement it explains.
        const QString command = modifyingCommand(words, 1);
        if (!command.isEmpty())
            return QStringLiteral("EXPLAIN ANALYZE ") + command;
    }
    return {};
}

QStringList ProductionGuard::destructiveReasons(const QString &script)
{
    QStringList reasons;
    QList<StatementRange> statements = StatementSplitter::split(script);
    if (statements.isEmpty())
        statements.append(StatementRange{0, int(script.size()), script});
    for (const StatementRange &statement : std::as_const(statements)) {
        const QString reason = destructiveReason(statement.text);
        if (!reason.isEmpty() && !reasons.contains(reason))
            reasons.append(reason);
    }
    return reasons;
}

void ProductionGuard::confirm(QWidget *parent,
                              const QString &database,
                              const QStringList &reasons,
                              std::function<void(bool)> done)
{
    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("productionConfirmation"));
    dialog->setWindowTitle(tr("Production database"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextEchoMode(QLineEdit::Normal);
    dialog->setLabelText(tr("This is a PRODUCTION database and the statement is destructive "
                            "(%1).\n\nType the database name \"%2\" to run it:")
                             .arg(reasons.join(QStringLiteral(", ")), database));
    dialog->setOkButtonText(tr("Run"));
    dialog->setWindowModality(Qt::WindowModal);
    QObject::connect(dialog, &QDialog::finished, dialog, [dialog, database, done](int result) {
        done(result == QDialog::Accepted && dialog->textValue() == database);
    });
    dialog->open();
}
