#pragma once

#include "deploy/deploysession.h"

#include <QWizardPage>

class DeployConnectionBox;
class DeployWizard;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QVBoxLayout;

// The pages of DeployWizard. Each reads and writes the wizard's DeploySession and saves it.

class DeploySetupPage : public QWizardPage
{
    Q_OBJECT

public:
    DeploySetupPage();
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    DeployWizard *deployWizard() const;
    void fillChecklists();
    Checklist chosen(QString *error) const;
    // Opens the checklist editor on the chosen checklist; saving selects the folder's own.
    void editChecklist();

    DeployConnectionBox *m_connection = nullptr;
    QLineEdit *m_folder = nullptr;
    QLabel *m_toolIcon = nullptr;
    QLabel *m_tool = nullptr; // the folder's layout and tool
    void showTool();
    QComboBox *m_checklist = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_problem = nullptr;
};

// Name, note and a tick for each manual item of some phases.
class SignOffList : public QWidget
{
    Q_OBJECT

public:
    SignOffList(QList<ChecklistItem::Phase> phases, QWidget *parent = nullptr);
    void load(DeployWizard *wizard);

signals:
    void changed();

private:
    QList<ChecklistItem::Phase> m_phases;
    QVBoxLayout *m_layout = nullptr;
};

class DeployChecksPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit DeployChecksPage(ChecklistItem::Phase phase);
    void initializePage() override;
    bool isComplete() const override;

    void runAll();
    void rerunSelected();
    // Opens the dialog that signs off an error-level lint finding (lint-clean selected).
    void acceptLint();

private:
    DeployWizard *deployWizard() const;
    QList<ChecklistItem::Phase> phases() const;
    void refresh();
    void showEvidence();
    void onStarted(const QString &itemId);
    void onFinished(const QString &itemId, const CheckResult &result);
    void onProgress(const QString &step, int percent);
    void setRunning(bool running);
    // The overall bar: checks finished of the checks this run started with.
    void showOverallProgress();

    ChecklistItem::Phase m_phase;
    QTreeWidget *m_items = nullptr;
    QTextBrowser *m_evidence = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_step = nullptr;
    QProgressBar *m_itemProgress = nullptr; // in the running check's row; owned by the tree
    QString m_runningItem;
    QStringList m_queued; // waiting for their turn in this run
    int m_runTotal = 0;
    int m_runDone = 0;
    QPushButton *m_runAll = nullptr;
    QPushButton *m_rerun = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_cancel = nullptr;
    SignOffList *m_signOffs = nullptr; // the verify page's manual items
    bool m_running = false;
    bool m_connected = false;
};

class DeploySignOffPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit DeploySignOffPage(bool verifyPhase);
    void initializePage() override;

private:
    SignOffList *m_list = nullptr;
};

class DeploySummaryPage : public QWizardPage
{
    Q_OBJECT

public:
    DeploySummaryPage();
    void initializePage() override;
    bool isComplete() const override;

private:
    QLabel *m_decision = nullptr;
    QListWidget *m_reasons = nullptr;
    bool m_go = false;
};

class DeployExecutePage : public QWizardPage
{
    Q_OBJECT

public:
    DeployExecutePage();
    void initializePage() override;
    bool isComplete() const override;
    void apply();

private:
    DeployWizard *deployWizard() const;
    bool confirmed() const;

    QLineEdit *m_confirm = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
    bool m_connected = false;
    int m_done = 0;
};

class DeployReportPage : public QWizardPage
{
    Q_OBJECT

public:
    DeployReportPage();
    void initializePage() override;
    bool saveReport(const QString &path, QString *error);

private:
    QTextBrowser *m_report = nullptr;
    QLabel *m_audit = nullptr;
    QLabel *m_work = nullptr;
    QPushButton *m_removeWork = nullptr;
};
