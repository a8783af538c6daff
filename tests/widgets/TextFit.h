// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which visible texts under a widget are cut short: labels, buttons and check boxes,
// the current choice of a combo box, group titles, tab titles and the entries of chart
// legends, each judged on the width its text needs. A label that wraps, shows rich text, or elides on purpose
// (horizontal policy Ignored) is left out.
#include "QCustomPlotInclude.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QStringList>
#include <QStyleOptionComboBox>
#include <QTabBar>

namespace calibra::tests {

inline QStringList textsCutShort(QWidget *root)
{
    QStringList cut;
    const auto judge = [&](QWidget *widget, const QString &text, int has, int needs) {
        if (has + 1 < needs) // a pixel of rounding
            cut << QStringLiteral("%1 \"%2\" has %3 px of %4")
                       .arg(QString::fromLatin1(widget->metaObject()->className()), text)
                       .arg(has)
                       .arg(needs);
    };
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!widget->isVisible() || widget->width() <= 0)
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (label->wordWrap() || label->text().isEmpty() || label->textFormat() == Qt::RichText
                || label->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored)
                continue;
            int needs = 0;
            for (const QString &line : label->text().split(QLatin1Char('\n')))
                needs = std::max(needs, label->fontMetrics().horizontalAdvance(line));
            judge(label, label->text(), label->contentsRect().width(), needs);
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            if (!button->text().isEmpty())
                judge(button, button->text(), button->width(), button->sizeHint().width());
        } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            QStyleOptionComboBox option;
            option.initFrom(combo);
            const QRect field =
                combo->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
            judge(combo, combo->currentText(), field.width(),
                  combo->fontMetrics().horizontalAdvance(combo->currentText()));
        } else if (auto *group = qobject_cast<QGroupBox *>(widget)) {
            judge(group, group->title(), group->width(), group->fontMetrics().horizontalAdvance(group->title()) + 16);
        } else if (auto *bar = qobject_cast<QTabBar *>(widget)) {
            for (int i = 0; i < bar->count(); ++i)
                judge(bar, bar->tabText(i), bar->tabRect(i).width(),
                      bar->fontMetrics().horizontalAdvance(bar->tabText(i)));
        } else if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
            if (!plot->legend || !plot->legend->visible())
                continue;
            plot->replot(QCustomPlot::rpImmediateRefresh); // the layout as drawn
            for (int i = 0; i < plot->legend->itemCount(); ++i) {
                QCPAbstractLegendItem *item = plot->legend->item(i);
                if (!item)
                    continue; // an empty cell of the legend's grid (itemCount counts cells)
                auto *entry = qobject_cast<QCPPlottableLegendItem *>(item);
                judge(plot, entry ? entry->plottable()->name() : QStringLiteral("legend entry %1").arg(i),
                      item->outerRect().width(), item->minimumOuterSizeHint().width());
            }
        }
    }
    cut.removeDuplicates();
    return cut;
}

} // namespace calibra::tests
