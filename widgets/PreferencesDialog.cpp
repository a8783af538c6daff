// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreferencesDialog.h"

#include "Translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>

namespace calibra::widgets {

PreferencesDialog::PreferencesDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    m_language = new QComboBox(this);
    for (const Language &l : availableLanguages())
        m_language->addItem(l.nativeName, l.code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(preferredLanguage())));
    auto *note = new QLabel(tr("The language changes the next time Calibra starts."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Language"), m_language);
    form->addRow(note);
    form->addRow(buttons);
}

void PreferencesDialog::accept()
{
    setPreferredLanguage(m_language->currentData().toString());
    QDialog::accept();
}

} // namespace calibra::widgets
