// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File > Open Recent: the networks and projects opened last, newest first, kept in the
// settings across sessions. A project is stored as "project:PATH", a network by its
// source (a file or builtin:NAME).
#include <QMenu>
#include <QStringList>

namespace calibra::widgets {

class RecentMenu : public QMenu
{
    Q_OBJECT
public:
    explicit RecentMenu(const QString &title, QWidget *parent = nullptr);

    QStringList entries() const;
    void rememberNetwork(const QString &source) { remember(source); }
    void rememberProject(const QString &path) { remember(QStringLiteral("project:") + path); }

Q_SIGNALS:
    void networkChosen(const QString &source);
    void projectChosen(const QString &path);

private:
    void remember(const QString &entry);
    void fill();
};

} // namespace calibra::widgets
