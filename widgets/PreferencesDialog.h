// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edit > Preferences: the user interface's language (applied the next time Calibra
// starts: every window would otherwise need rebuilding mid-session).
#include <QDialog>

class QComboBox;

namespace calibra::widgets {

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    QComboBox *languageChoice() const { return m_language; }
    void accept() override; // stores the choice

private:
    QComboBox *m_language;
};

} // namespace calibra::widgets
