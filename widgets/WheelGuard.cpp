// SPDX-License-Identifier: GPL-3.0-or-later
#include "WheelGuard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollBar>

namespace calibra::widgets {

namespace {

class WheelGuard : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel) {
            auto *w = static_cast<QWidget *>(watched);
            if (!w->hasFocus()) {
                // The form scrolls instead.
                for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
                    if (auto *area = qobject_cast<QAbstractScrollArea *>(p)) {
                        QCoreApplication::sendEvent(area->verticalScrollBar(), event);
                        break;
                    }
                return true;
            }
        }
        return false;
    }
};

} // namespace

void guardWheel(QWidget *form)
{
    auto *guard = new WheelGuard(form);
    QList<QWidget *> fields;
    for (QAbstractSpinBox *s : form->findChildren<QAbstractSpinBox *>())
        fields << s;
    for (QComboBox *c : form->findChildren<QComboBox *>())
        fields << c;
    for (QWidget *w : fields) {
        w->setFocusPolicy(Qt::StrongFocus); // not WheelFocus: the wheel alone never selects a field
        w->installEventFilter(guard);
    }
}

} // namespace calibra::widgets
