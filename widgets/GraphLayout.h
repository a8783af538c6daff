// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Graphviz `dot` layout of a DAG, callable from worker threads. Graphviz is not
// thread-safe, so layouts run one at a time behind a process-wide lock, each on a fresh
// graph. Coordinates are in points with y growing downwards (Qt's convention).
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QVector>

#include <atomic>
#include <utility>
#include <vector>

namespace calibra::widgets {

struct LayoutRequest
{
    std::vector<QSizeF> nodeSizes;          // points
    std::vector<std::pair<int, int>> edges; // node indices
    bool leftToRight = false;
};

struct LayoutResult
{
    std::vector<QPointF> centers;            // per node
    std::vector<QVector<QPointF>> edgePaths; // per edge: start, then cubic bezier triples
    QRectF bounds;
    bool cancelled = false;
    QString error;
};

LayoutResult layoutGraph(const LayoutRequest &request, const std::atomic<bool> *cancel = nullptr);

} // namespace calibra::widgets
