// SPDX-License-Identifier: GPL-3.0-or-later
#include "PredictorTarget.h"

namespace calibra::cli {

Target loadTarget(const QString &platform, const QString &setting)
{
    Target t{hardware::loadPlatform(platform.toStdString()), {}};
    t.setting = setting.isEmpty() ? hardware::defaultSetting(t.platform)
                                  : hardware::loadTargetSetting(setting.toStdString(), t.platform);
    return t;
}

} // namespace calibra::cli
