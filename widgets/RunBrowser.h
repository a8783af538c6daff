// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Past Runs tab: the runs kept in the runs folder (RunsFolder.h), newest first, with
// project, mode, status and counts; the final-model line or the error as a tooltip.
// The folder is read on a worker thread whenever the tab is shown; opening a run (double
// click or Open) hands it to the Runs tab.
#include "LatestTask.h"
#include "pipeline/RunCatalog.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace calibra::widgets {

class RunBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit RunBrowser(QWidget *parent = nullptr);
    ~RunBrowser() override;

    void refresh(); // reads the runs folder again (a newer request wins)
    QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    void openRequested(const QString &directory);
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fill(const std::vector<pipeline::RunEntry> &runs);
    void openSelected();

    QLabel *m_folder;
    QTreeWidget *m_list;
    QPushButton *m_open;
    LatestTask<std::vector<pipeline::RunEntry>> m_reader{
        this, [this](const std::vector<pipeline::RunEntry> &runs) { fill(runs); }};
};

} // namespace calibra::widgets
