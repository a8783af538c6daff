// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreferencesDialog.h"

#include "RunsFolder.h"
#include "Translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

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
    m_runsFolder = new QLineEdit(runsFolder(), this);
    m_runsFolder->setPlaceholderText(defaultRunsFolder());
    auto *browse = new QPushButton(tr("Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs Folder"), m_runsFolder->text());
        if (!dir.isEmpty())
            m_runsFolder->setText(dir);
    });
    auto *runsRow = new QHBoxLayout;
    runsRow->addWidget(m_runsFolder, 1);
    runsRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Language"), m_language);
    form->addRow(note);
    form->addRow(tr("Runs folder"), runsRow);
    form->addRow(buttons);
}

void PreferencesDialog::accept()
{
    setPreferredLanguage(m_language->currentData().toString());
    setRunsFolder(m_runsFolder->text().trimmed());
    QDialog::accept();
}

} // namespace calibra::widgets
