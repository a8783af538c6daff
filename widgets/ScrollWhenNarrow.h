// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QFrame>
#include <QScrollArea>
#include <QVBoxLayout>

namespace calibra::widgets {

// Puts `content` in `page` (which must have no layout yet) so that it fills the page and
// scrolls where the page is smaller than it needs: on a 1024-pixel screen with the docks
// open, a page wider than what is left scrolls instead of widening the window past the
// screen. Returns the layout, for widgets to add above the scrolled part.
inline QVBoxLayout *scrollWhenNarrow(QWidget *page, QWidget *content)
{
    auto *scroll = new QScrollArea(page);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    return layout;
}

} // namespace calibra::widgets
