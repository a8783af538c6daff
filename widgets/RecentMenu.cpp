// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecentMenu.h"

#include "SettingsKeys.h"

#include <QSettings>

namespace calibra::widgets {

namespace {
const QLatin1StringView kProjectPrefix("project:");
}

RecentMenu::RecentMenu(const QString &title, QWidget *parent) : QMenu(title, parent)
{
    fill();
}

QStringList RecentMenu::entries() const
{
    return QSettings().value(settings::kRecentNetworks).toStringList();
}

void RecentMenu::remember(const QString &entry)
{
    QStringList recent = entries();
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > settings::kMaxRecentNetworks)
        recent.removeLast();
    QSettings().setValue(settings::kRecentNetworks, recent);
    fill();
}

void RecentMenu::fill()
{
    clear();
    const QStringList recent = entries();
    for (const QString &entry : recent) {
        if (entry.startsWith(kProjectPrefix)) {
            const QString path = entry.mid(kProjectPrefix.size());
            addAction(tr("Project %1").arg(path), this, [this, path] { Q_EMIT projectChosen(path); });
        } else {
            addAction(entry, this, [this, entry] { Q_EMIT networkChosen(entry); });
        }
    }
    setEnabled(!recent.isEmpty());
}

} // namespace calibra::widgets
