// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edit > Preferences: the user interface's language (applied the next time Calibra
// starts: every window would otherwise need rebuilding mid-session) and the folder runs
// are kept in (applied to the next run).
#include <QDialog>

class QComboBox;
class QLineEdit;

namespace calibra::widgets {

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    QComboBox *languageChoice() const { return m_language; }
    QLineEdit *runsFolderChoice() const { return m_runsFolder; }
    void accept() override; // stores the choices

private:
    QComboBox *m_language;
    QLineEdit *m_runsFolder;
};

} // namespace calibra::widgets
