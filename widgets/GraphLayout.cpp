// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphLayout.h"

#include <QMutex>

#include <graphviz/gvc.h>

namespace calibra::widgets {

namespace {

QMutex &graphvizLock()
{
    static QMutex lock;
    return lock;
}

void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()), const_cast<char *>(""));
}

} // namespace

LayoutResult layoutGraph(const LayoutRequest &request, const std::atomic<bool> *cancel)
{
    LayoutResult result;
    QMutexLocker lock(&graphvizLock());
    if (cancel && cancel->load()) { // superseded while waiting for the lock
        result.cancelled = true;
        return result;
    }
    GVC_t *gvc = gvContext();
    Agraph_t *g = agopen(const_cast<char *>("g"), Agdirected, nullptr);
    set(g, "rankdir", request.leftToRight ? "LR" : "TB");
    set(g, "nodesep", "0.25");
    set(g, "ranksep", "0.35");
    std::vector<Agnode_t *> nodes;
    nodes.reserve(request.nodeSizes.size());
    for (size_t i = 0; i < request.nodeSizes.size(); ++i) {
        Agnode_t *n = agnode(g, const_cast<char *>(QByteArray::number(qulonglong(i)).constData()), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "width", QByteArray::number(request.nodeSizes[i].width() / 72.0));
        set(n, "height", QByteArray::number(request.nodeSizes[i].height() / 72.0));
        nodes.push_back(n);
    }
    std::vector<Agedge_t *> edges;
    for (const auto &[from, to] : request.edges)
        edges.push_back(agedge(g, nodes[size_t(from)], nodes[size_t(to)], nullptr, 1));
    if (gvLayout(gvc, g, "dot") != 0) {
        result.error = QStringLiteral("Graphviz could not lay out the graph");
    } else {
        const boxf bb = GD_bb(g);
        const double height = bb.UR.y;
        auto flip = [height](const pointf &p) { return QPointF(p.x, height - p.y); };
        for (Agnode_t *n : nodes)
            result.centers.push_back(flip(ND_coord(n)));
        for (Agedge_t *e : edges) {
            QVector<QPointF> path;
            if (ED_spl(e) && ED_spl(e)->size > 0) {
                const bezier &b = ED_spl(e)->list[0];
                for (size_t k = 0; k < b.size; ++k)
                    path.push_back(flip(b.list[k]));
                if (b.eflag) // arrow head end point
                    path.push_back(flip(b.ep));
            }
            result.edgePaths.push_back(path);
        }
        result.bounds = QRectF(bb.LL.x, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    gvFreeContext(gvc);
    return result;
}

} // namespace calibra::widgets
