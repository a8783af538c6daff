// SPDX-License-Identifier: GPL-3.0-or-later
#include "ShippedModel.h"

#include <QFile>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

PerformanceModel loadModel(const std::string &pathOrBuiltin)
{
    if (pathOrBuiltin != kShippedModel)
        return PerformanceModel::load(pathOrBuiltin);
    QFile f(QStringLiteral(":/calibra/predictor/offline.pt"));
    if (!f.open(QIODevice::ReadOnly))
        throw PredictorError("the shipped offline model is missing from this build (resources/predictor/offline.pt)");
    return PerformanceModel::loadFromBytes(f.readAll().toStdString(), kShippedModel);
}

} // namespace calibra::model
