#include "sqleditor.h"

#include "semanticcolors.h"

#include "sqllexer.h"

#include "lint/rulecatalog.h"

#include <Qsci/qsciapis.h>

#include <QAction>
#include <QRegularExpression>
#include <QSet>

SqlEditor::SqlEditor(QWidget *parent)
    : CodeEditor(parent)
{
    m_lexer = new SqlLexer(this);
    m_lexer->applyFont(font());
    setLexer(m_lexer);
    setUpCompletion();

    m_toggleCommentAction = addEditorAction(tr("Toggle &Comment"),
                                            QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(m_toggleCommentAction, &QAction::triggered, this, &SqlEditor::toggleComment);
}

SqlEditor::~SqlEditor()
{
    // QsciAPIs prepares its word list on a thread that calls back into the lexer; stop it while
    // the lexer is still whole (the QsciAPIs object itself goes later, with the lexer).
    m_apis->cancelPreparation();
}

void SqlEditor::setUpCompletion()
{
    m_apis = new QsciAPIs(m_lexer);
    connect(m_apis, &QsciAPIs::apiPreparationFinished, this, [this] {
        m_preparing = false;
        if (m_wordsPending) {
            prepareCompletion(); // names that came while the last list was being prepared
            return;
        }
        m_completionReady = true;
        emit completionReady();
    });
    prepareCompletion();
    setAutoCompletionSource(AcsAll);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(false);
    setAutoCompletionUseSingle(AcusNever);
}

void SqlEditor::prepareCompletion()
{
    QSet<QString> words;
    for (const char *set : {m_lexer->keywords(SqlLexer::Keywords),
                            m_lexer->keywords(SqlLexer::Types),
                            m_lexer->keywords(SqlLexer::Functions)}) {
        for (const QString &word :
             QString::fromLatin1(set).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            words.insert(word);
    }
    for (const QString &word : std::as_const(m_schemaWords))
        words.insert(word);
    m_wordsPending = false;
    m_apis->clear();
    for (const QString &word : std::as_const(words))
        m_apis->add(word);
    // QsciAPIs sorts and indexes the words on a thread of its own and signals when done.
    m_preparing = true;
    m_apis->prepare();
}

void SqlEditor::setSchemaNames(const QStringList &schemas,
                               const QStringList &tables,
                               const QStringList &columns,
                               const QStringList &qualified)
{
    m_lexer->setSchemaWords(SqlLexer::Tables, tables);
    m_lexer->setSchemaWords(SqlLexer::Columns, columns);
    // Re-lex so the new names take their colours.
    setLexer(m_lexer);

    m_schemaWords = schemas + tables + columns + qualified;
    m_completionReady = false;
    m_wordsPending = true;
    // One preparation at a time: QsciAPIs (2.13) mishandles a preparation cancelled after its
    // worker finished (the finish event then dereferences the next worker, or none, and
    // crashes), so new names wait for the running one to finish.
    if (!m_preparing)
        prepareCompletion();
}

void SqlEditor::markError(int charStart, int charLength, const QString &message)
{
    fillIndicator(ErrorIndicator, charStart, charLength, message);
}

void SqlEditor::clearErrorMarks()
{
    clearIndicator(ErrorIndicator);
}

QString SqlEditor::findingToolTip(const Finding &finding)
{
    QString tip = QStringLiteral("<p><b>%1</b> <span style=\"color:%2\">%3</span><br>%4</p>")
                      .arg(finding.rule.toHtmlEscaped(),
                           SemanticColors::color(finding.isError() ? SemanticColors::Role::Error
                                                                   : SemanticColors::Role::Warning)
                               .name(),
                           Finding::severityName(finding.severity),
                           finding.message.toHtmlEscaped());
    if (!finding.impact.isEmpty())
        tip += QStringLiteral("<p><i>%1</i></p>").arg(finding.impact.toHtmlEscaped());
    if (const std::optional<RuleInfo> info = RuleCatalog::rule(finding.rule)) {
        tip += QStringLiteral("<p><b>%1</b> %2<br><b>%3</b> %4<br><b>%5</b> %6</p>")
                   .arg(tr("Lock:"),
                        info->lock.toHtmlEscaped(),
                        tr("Why:"),
                        info->why.toHtmlEscaped(),
                        tr("Instead:"),
                        info->safeAlternative.toHtmlEscaped());
    }
    return tip;
}

void SqlEditor::showFindings(const QList<Finding> &findings)
{
    clearIndicator(ProblemErrorIndicator);
    clearIndicator(ProblemWarningIndicator);
    clearLineMarkers();
    m_findings = findings;
    for (const Finding &finding : findings) {
        fillIndicator(finding.isError() ? ProblemErrorIndicator : ProblemWarningIndicator,
                      finding.start,
                      finding.length,
                      findingToolTip(finding));
        addLineMarker(finding.isError() ? ErrorMarker : WarningMarker, finding.line);
    }
}

int SqlEditor::tokenLengthAt(int charIndex) const
{
    const QString all = text();
    if (charIndex < 0 || charIndex >= all.size())
        return 0;
    const QChar first = all.at(charIndex);
    int i = charIndex;
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        ++i;
        while (i < all.size() && all.at(i) != first && all.at(i) != QLatin1Char('\n'))
            ++i;
        return qMin(i + 1, int(all.size())) - charIndex;
    }
    while (i < all.size()
           && (all.at(i).isLetterOrNumber() || all.at(i) == QLatin1Char('_')
               || all.at(i) == QLatin1Char('$') || all.at(i).isSurrogate()))
        ++i;
    return i - charIndex;
}

void SqlEditor::toggleComment()
{
    int lineFrom = 0;
    int indexFrom = 0;
    int lineTo = 0;
    int indexTo = 0;
    if (hasSelection()) {
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        if (indexTo == 0 && lineTo > lineFrom)
            --lineTo; // a selection ending at a line start does not include that line
    } else {
        getCursorPosition(&lineFrom, &indexFrom);
        lineTo = lineFrom;
    }
    // Uncomment when every non-blank line is commented; otherwise comment them all.
    bool allCommented = true;
    for (int line = lineFrom; line <= lineTo; ++line) {
        const QString content = text(line).trimmed();
        if (!content.isEmpty() && !content.startsWith(QLatin1String("--")))
            allCommented = false;
    }
    beginUndoAction();
    for (int line = lineFrom; line <= lineTo; ++line) {
        const QString content = text(line);
        const int indent = int(
            content.size()
            - QString(content).remove(QRegularExpression(QStringLiteral("^\\s+"))).size());
        if (content.trimmed().isEmpty())
            continue;
        if (allCommented) {
            const int width = content.mid(indent).startsWith(QLatin1String("-- ")) ? 3 : 2;
            setSelection(line, indent, line, indent + width);
            removeSelectedText();
        } else {
            insertAt(QStringLiteral("-- "), line, indent);
        }
    }
    endUndoAction();
    if (lineFrom != lineTo)
        setSelection(lineFrom, 0, lineTo, lineLength(lineTo) - (lineTo + 1 < lines() ? 1 : 0));
}
