// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every QSettings key the GUI uses, in one place.
#include <QLatin1StringView>

namespace calibra::widgets::settings {

inline constexpr QLatin1StringView kWindowGeometry("mainWindow/geometry");
inline constexpr QLatin1StringView kWindowState("mainWindow/state");
inline constexpr QLatin1StringView kCurrentTab("mainWindow/currentTab"); // Graph, Layers or Supernet
inline constexpr QLatin1StringView kRecentNetworks("recentNetworks");
inline constexpr int kMaxRecentNetworks = 8;
inline constexpr QLatin1StringView kRunsFolder("runs/folder"); // where the GUI starts runs (RunsFolder.h)

} // namespace calibra::widgets::settings
