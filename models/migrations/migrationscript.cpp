#include "migrationscript.h"

#include "migrationfolder.h"
#include "sql/parsedscript.h"
#include "sql/psqlscanner.h"
#include "sql/sqlscript.h"
#include "sql/statementkind.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

namespace {

// What the transaction check needs to know about a statement, read while its parse tree lives.
enum class TxRole { None, Begin, Commit, Rollback, Savepoint };

struct StepFacts
{
    TxRole role = TxRole::None;
    bool neutral = false; // SET / RESET / SHOW: fine inside or outside a transaction
};

TxRole transactionRole(const PgNode &node)
{
    if (!node.is("TransactionStmt"))
        return TxRole::None;
    const std::string_view kind = node.field("kind").view();
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START")
        return TxRole::Begin;
    if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_COMMIT_PREPARED")
        return TxRole::Commit;
    if (kind == "TRANS_STMT_ROLLBACK" || kind == "TRANS_STMT_ROLLBACK_PREPARED"
        || kind == "TRANS_STMT_PREPARE")
        return TxRole::Rollback;
    return TxRole::Savepoint;
}

MigrationStep::Control controlOf(const PgNode &node)
{
    if (!node.is("TransactionStmt"))
        return MigrationStep::Control::None;
    const std::string_view kind = node.field("kind").view();
    return kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START" || kind == "TRANS_STMT_COMMIT"
               ? MigrationStep::Control::BeginOrCommit
               : MigrationStep::Control::Other;
}

bool isNeutral(const PgNode &node)
{
    if (node.is("VariableShowStmt"))
        return true;
    // SET LOCAL only means something inside a transaction; plain SET and RESET work either way.
    return node.is("VariableSetStmt") && !node.field("is_local").boolean();
}

// psql's argument rules, reduced to what \set, \echo and \i need: words separated by blanks,
// 'single quotes' with '' for a quote inside.
QStringList metaArguments(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\'')) {
            inWord = true;
            for (++i; i < text.size(); ++i) {
                if (text.at(i) == QLatin1Char('\'')) {
                    if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\'')) {
                        word += QLatin1Char('\'');
                        ++i;
                        continue;
                    }
                    break;
                }
                word += text.at(i);
            }
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

QString quoteLiteral(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    // psql writes E'' when the value holds a backslash, so it means the same under any
    // standard_conforming_strings setting.
    if (quoted.contains(QLatin1Char('\\'))) {
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        return QLatin1String("E'") + quoted + QLatin1Char('\'');
    }
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString quoteIdentifier(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool isNameByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || (static_cast<unsigned char>(c) >= 0x80);
}

} // namespace

struct MigrationScript::Context
{
    QString baseDirectory;
    Variables variables;
    QList<StepFacts> facts; // one per step, same order
};

MigrationScript MigrationScript::prepare(const QString &path,
                                         const QString &text,
                                         const QString &baseDirectory,
                                         const Variables &variables)
{
    MigrationScript script;
    Context context{baseDirectory, variables, {}};
    script.m_declared = MigrationFolder::declaresNoTransaction(text)
                        || MigrationFolder::configuredNoTransaction(path);
    script.include(path, text, context, 0);
    if (script.isValid())
        script.classify(path, context);
    if (!script.isValid())
        script.m_steps.clear();
    return script;
}

int MigrationScript::statementCount() const
{
    int count = 0;
    for (const MigrationStep &step : m_steps)
        count += step.isStatement() ? 1 : 0;
    return count;
}

QString MigrationScript::checksum(const QByteArray &fileContent)
{
    QByteArray normalized = fileContent;
    normalized.replace("\r\n", "\n");
    normalized.replace('\r', '\n');
    return QString::fromLatin1(
        QCryptographicHash::hash(normalized, QCryptographicHash::Sha256).toHex());
}

void MigrationScript::fail(const QString &file, int line, const QString &message)
{
    if (m_error.isEmpty())
        m_error
            = QStringLiteral("%1:%2: %3").arg(QDir::toNativeSeparators(file)).arg(line).arg(message);
}

void MigrationScript::include(const QString &path, const QString &text, Context &context, int depth)
{
    const ParsedScript parsed = ParsedScript::parse(text);
    const SqlScript &script = parsed.script();
    const QByteArray &utf8 = script.utf8();
    QHash<int, const ParsedStatement *> parsedByIndex;
    for (const ParsedStatement &statement : parsed.statements())
        parsedByIndex.insert(statement.index, &statement);
    QList<int> variableOffsets;
    bool scanned = false;

    const QList<SqlStatement> &pieces = script.statements();
    for (int i = 0; i < pieces.size() && isValid(); ++i) {
        const SqlStatement &piece = pieces.at(i);
        switch (piece.kind) {
        case SqlStatement::Kind::Skipped:
            break; // only reachable through \if, which runMetaCommand rejects
        case SqlStatement::Kind::MetaCommand: {
            if (piece.nested) {
                fail(path,
                     piece.line,
                     tr("a psql meta-command inside a statement is not supported in a migration"));
                break;
            }
            const QStringList lines = script.textOf(piece).split(QLatin1Char('\n'));
            for (int l = 0; l < lines.size() && isValid(); ++l) {
                if (!lines.at(l).trimmed().isEmpty())
                    runMetaCommand(lines.at(l).trimmed(), path, piece.line + l, context, depth);
            }
            break;
        }
        case SqlStatement::Kind::CopyData: {
            if (m_steps.isEmpty() || m_steps.last().kind != MigrationStep::Kind::Sql
                || m_steps.last().file != path) {
                fail(path,
                     piece.line,
                     tr("COPY data without a COPY … FROM STDIN statement before it"));
                break;
            }
            QByteArray data = utf8.mid(piece.byteStart, piece.byteLength);
            // Drop the \. terminator line; keep every data line with its newline.
            const qsizetype terminator = data.lastIndexOf("\\.");
            if (terminator >= 0 && (terminator == 0 || data.at(terminator - 1) == '\n'))
                data.truncate(terminator);
            m_steps.last().kind = MigrationStep::Kind::CopyIn;
            m_steps.last().copyData = data;
            break;
        }
        case SqlStatement::Kind::Sql: {
            MigrationStep step;
            step.file = path;
            step.line = piece.line;
            QByteArray bytes = utf8.mid(piece.byteStart, piece.byteLength);
            StepFacts facts;
            const ParsedStatement *statement = parsedByIndex.value(i);
            if (piece.usesVariables) {
                if (!scanned) {
                    variableOffsets = PsqlScanner::scan(utf8).variables;
                    scanned = true;
                }
                // Replace from the end so earlier offsets stay valid.
                for (qsizetype v = variableOffsets.size() - 1; v >= 0 && isValid(); --v) {
                    const int at = variableOffsets.at(v) - piece.byteStart;
                    if (at < 0 || at >= bytes.size())
                        continue;
                    char quote = at + 1 < bytes.size() ? bytes.at(at + 1) : '\0';
                    int nameStart = at + 1;
                    if (quote == '\'' || quote == '"')
                        ++nameStart;
                    else
                        quote = 0;
                    int nameEnd = nameStart;
                    while (nameEnd < bytes.size() && isNameByte(bytes.at(nameEnd)))
                        ++nameEnd;
                    const QString name = QString::fromUtf8(
                        bytes.mid(nameStart, nameEnd - nameStart));
                    if (!context.variables.contains(name)) {
                        fail(path,
                             piece.line,
                             tr("psql variable :%1 is not set (set it with \\set or pass --var "
                                "%1=VALUE)")
                                 .arg(name));
                        break;
                    }
                    const QString value = context.variables.value(name);
                    const QString replacement = quote == '\''  ? quoteLiteral(value)
                                                : quote == '"' ? quoteIdentifier(value)
                                                               : value;
                    const int length = nameEnd - at + (quote ? 1 : 0);
                    bytes.replace(at, length, replacement.toUtf8());
                }
                // Read the statement again as the server will see it.
                const ParsedScript reparsed = ParsedScript::parse(QString::fromUtf8(bytes));
                if (!reparsed.statements().isEmpty() && reparsed.statements().first().ok()) {
                    const PgNode node = reparsed.statements().first().node;
                    step.nonTransactional = StatementKind::nonTransactionalReason(node);
                    step.control = controlOf(node);
                    facts = {transactionRole(node), isNeutral(node)};
                }
            } else if (statement && statement->ok()) {
                step.nonTransactional = StatementKind::nonTransactionalReason(statement->node);
                step.control = controlOf(statement->node);
                facts = {transactionRole(statement->node), isNeutral(statement->node)};
            }
            step.sql = QString::fromUtf8(bytes);
            m_steps << step;
            context.facts << facts;
            break;
        }
        }
    }
}

bool MigrationScript::runMetaCommand(
    const QString &command, const QString &file, int line, Context &context, int depth)
{
    static const QRegularExpression head(QStringLiteral("^\\\\([A-Za-z_!?]+)\\s*(.*)$"),
                                         QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = head.match(command);
    const QString name = match.captured(1);
    // psql interpolates variables in meta-command arguments too (\echo :name, \i :file).
    static const QRegularExpression reference(
        QStringLiteral(":(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1"));
    QString argumentText = match.captured(2);
    QRegularExpressionMatchIterator it = reference.globalMatch(argumentText);
    QList<QRegularExpressionMatch> references;
    while (it.hasNext())
        references.prepend(it.next());
    for (const QRegularExpressionMatch &ref : std::as_const(references)) {
        if (!context.variables.contains(ref.captured(2)))
            continue; // psql leaves unknown references as written
        const QString value = context.variables.value(ref.captured(2));
        const QString quote = ref.captured(1);
        argumentText.replace(ref.capturedStart(),
                             ref.capturedLength(),
                             quote == QLatin1String("'") ? quoteLiteral(value)
                             : quote.isEmpty()           ? value
                                                         : quoteIdentifier(value));
    }
    const QStringList arguments = metaArguments(argumentText);
    if (name == QLatin1String("set")) {
        if (arguments.isEmpty()) {
            fail(file, line, tr("\\set without a variable name"));
            return false;
        }
        // psql joins the remaining arguments without blanks.
        context.variables.insert(arguments.first(), arguments.mid(1).join(QString()));
        return true;
    }
    if (name == QLatin1String("unset")) {
        if (!arguments.isEmpty())
            context.variables.remove(arguments.first());
        return true;
    }
    if (name == QLatin1String("echo") || name == QLatin1String("qecho")) {
        MigrationStep step;
        step.kind = MigrationStep::Kind::Echo;
        step.sql = arguments.join(QLatin1Char(' '));
        step.file = file;
        step.line = line;
        m_steps << step;
        context.facts << StepFacts{TxRole::None, true};
        return true;
    }
    const bool relative = name == QLatin1String("ir") || name == QLatin1String("include_relative");
    if (relative || name == QLatin1String("i") || name == QLatin1String("include")) {
        if (arguments.size() != 1) {
            fail(file, line, tr("\\%1 needs exactly one file name").arg(name));
            return false;
        }
        if (depth >= 16) {
            fail(file,
                 line,
                 tr("\\%1 nests more than 16 files deep; is a file including itself?").arg(name));
            return false;
        }
        const QString base = relative ? QFileInfo(file).absolutePath() : context.baseDirectory;
        const QString included = QDir(base).absoluteFilePath(arguments.first());
        // SqlFile refuses a NUL byte or invalid UTF-8 rather than run part of the file.
        QString includedText;
        QString readError;
        if (!SqlFile::read(QDir::toNativeSeparators(included), &includedText, &readError)) {
            fail(file, line, tr("cannot include %1").arg(readError));
            return false;
        }
        include(included, includedText, context, depth + 1);
        return isValid();
    }
    fail(file,
         line,
         tr("the psql meta-command \\%1 is not supported in a migration "
            "(supported: \\set, \\unset, \\echo, \\i, \\ir)")
             .arg(name));
    return false;
}

void MigrationScript::classify(const QString &path, const Context &context)
{
    const MigrationStep *firstOutside = nullptr;
    const MigrationStep *firstInside = nullptr;
    for (int i = 0; i < m_steps.size(); ++i) {
        const MigrationStep &step = m_steps.at(i);
        const StepFacts &facts = context.facts.at(i);
        if (!step.isStatement() || facts.neutral || facts.role != TxRole::None)
            continue;
        if (!step.nonTransactional.isEmpty()) {
            if (!firstOutside)
                firstOutside = &step;
        } else if (!firstInside) {
            firstInside = &step;
        }
    }
    if (m_declared) {
        m_outsideTransaction = true;
        return;
    }
    if (firstOutside && firstInside) {
        fail(
            path,
            firstOutside->line,
            tr("%1 cannot run inside a transaction, but the statement at line %2 runs in one. "
               "Move the %1 into a migration of its own, or put `-- slipway:no-transaction` on the "
               "first line to run every statement on its own, outside a transaction.")
                .arg(firstOutside->nonTransactional)
                .arg(firstInside->line));
        return;
    }
    if (firstOutside) {
        m_outsideTransaction = true;
        return;
    }
    // One transaction: a leading BEGIN and a trailing COMMIT are the engine's job; drop them.
    // A trailing COMMIT without a BEGIN too (Liquibase's own changelogs end rollbacks with one):
    // under psql or JDBC it commits what ran before it, as the engine's COMMIT does here.
    QList<int> statements;
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).isStatement())
            statements << i;
    }
    int dropFirst = -1;
    int dropLast = -1;
    if (!statements.isEmpty() && context.facts.at(statements.last()).role == TxRole::Commit) {
        dropLast = statements.last();
        if (statements.size() >= 2 && context.facts.at(statements.first()).role == TxRole::Begin)
            dropFirst = statements.first();
    }
    for (int i : std::as_const(statements)) {
        if (i == dropFirst || i == dropLast)
            continue;
        const TxRole role = context.facts.at(i).role;
        if (role == TxRole::Begin || role == TxRole::Commit || role == TxRole::Rollback) {
            fail(m_steps.at(i).file,
                 m_steps.at(i).line,
                 tr("this migration runs in one transaction together with its history row, so it "
                    "cannot end or start transactions itself. Remove the statement, or put "
                    "`-- slipway:no-transaction` on the first line to manage transactions "
                    "yourself."));
            return;
        }
    }
    if (dropLast >= 0)
        m_steps.removeAt(dropLast);
    if (dropFirst >= 0)
        m_steps.removeAt(dropFirst);
}
