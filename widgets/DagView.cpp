// SPDX-License-Identifier: GPL-3.0-or-later
#include "DagView.h"

#include "CostLegend.h"

#include "graph/ContentHash.h"
#include "graph/OpSchema.h"
#include "supernet/BlockView.h"

#include <QGraphicsItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QWheelEvent>

#include <cmath>

namespace calibra::widgets {

using graph::Node;
using graph::OpCategory;

namespace {

constexpr QSizeF kNodeSize(190, 50);
constexpr QSizeF kInputSize(150, 34);

QColor categoryColour(OpCategory c)
{
    switch (c) {
    case OpCategory::Convolution: return QColor(0x4e, 0x79, 0xa7);
    case OpCategory::Linear: return QColor(0x59, 0xa1, 0x4f);
    case OpCategory::Attention: return QColor(0xb0, 0x7a, 0xa1);
    case OpCategory::Normalization: return QColor(0x9c, 0x75, 0x5f);
    case OpCategory::Activation: return QColor(0xf2, 0x8e, 0x2b);
    case OpCategory::Elementwise: return QColor(0xe1, 0x57, 0x59);
    case OpCategory::Pooling: return QColor(0x76, 0xb7, 0xb2);
    case OpCategory::Constant: return QColor(0xba, 0xb0, 0xac);
    case OpCategory::Tensor: return QColor(0xed, 0xc9, 0x48);
    }
    return Qt::gray;
}

QString keyAttributes(const Node &n)
{
    switch (n.op) {
    case graph::OpType::Conv2d:
    case graph::OpType::ConvTranspose2d: {
        const auto &k = n.attrs.getInts("kernel"), &s = n.attrs.getInts("stride");
        QString text = QStringLiteral("k%1 s%2").arg(k[0]).arg(s[0]);
        if (n.attrs.getInt("groups") > 1)
            text += QStringLiteral(" g%1").arg(n.attrs.getInt("groups"));
        return text;
    }
    case graph::OpType::MaxPool:
    case graph::OpType::AveragePool:
        return QStringLiteral("k%1 s%2").arg(n.attrs.getInts("kernel")[0]).arg(n.attrs.getInts("stride")[0]);
    case graph::OpType::Attention: return QStringLiteral("%1 heads").arg(n.attrs.getInt("num_heads"));
    case graph::OpType::DepthToSpace:
    case graph::OpType::SpaceToDepth: return QStringLiteral("x%1").arg(n.attrs.getInt("block_size"));
    default: return {};
    }
}

// A node box; its text is drawn only when zoomed in far enough to read it.
class NodeItem : public QGraphicsItem
{
public:
    NodeItem(QSizeF size, QColor colour, QStringList lines, int index)
        : m_size(size), m_colour(colour), m_lines(std::move(lines)), m_index(index)
    {
        setFlag(ItemIsSelectable);
        setToolTip(m_lines.join(QLatin1Char('\n')));
    }
    int index() const { return m_index; }
    void setFill(std::optional<QColor> fill)
    {
        m_fill = fill;
        update();
    }
    void setMark(DagView::Mark mark)
    {
        m_mark = mark;
        setOpacity(mark == DagView::Mark::Removed ? 0.25 : 1.0);
        update();
    }
    QColor fill() const { return m_fill.value_or(m_colour.lighter(175)); }
    QRectF boundingRect() const override
    {
        return QRectF(-m_size.width() / 2, -m_size.height() / 2, m_size.width(), m_size.height());
    }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const QRectF r = boundingRect().adjusted(1, 1, -1, -1);
        QPen pen(isSelected() ? QColor(0xd0, 0x10, 0x40) : m_colour.darker(140), isSelected() ? 3 : 1);
        if (!isSelected() && (m_mark == DagView::Mark::Choice || m_mark == DagView::Mark::Changed)) {
            pen = QPen(QColor(0xe0, 0x80, 0x00), m_mark == DagView::Mark::Changed ? 4 : 2.5);
            if (m_mark == DagView::Mark::Choice)
                pen.setStyle(Qt::DashLine);
        }
        p->setPen(pen);
        p->setBrush(fill());
        p->drawRoundedRect(r, 6, 6);
        p->fillRect(QRectF(r.left(), r.top(), 6, r.height()), m_colour);
        if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.45)
            return;                            // unreadable at this zoom: skip the text (and its cost)
        p->setPen(readableTextColour(fill())); // white on the overlay's dark purples and teals
        QFont f = p->font();
        f.setPointSizeF(8.5);
        const qreal line = r.height() / qMax(1, int(m_lines.size()));
        for (int i = 0; i < m_lines.size(); ++i) {
            f.setBold(i == 0);
            p->setFont(f);
            p->drawText(QRectF(r.left() + 10, r.top() + i * line, r.width() - 14, line),
                        Qt::AlignVCenter | Qt::AlignLeft,
                        p->fontMetrics().elidedText(m_lines[i], Qt::ElideMiddle, int(r.width() - 14)));
        }
    }

private:
    DagView::Mark m_mark = DagView::Mark::None;
    std::optional<QColor> m_fill; // cost overlay
    QSizeF m_size;
    QColor m_colour;
    QStringList m_lines;
    int m_index;
};

} // namespace

DagView::DagView(QWidget *parent) : QGraphicsView(parent)
{
    m_legend = new CostLegend(this);
    m_legend->hide();
    setScene(new QGraphicsScene(this));
    setDragMode(ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    connect(scene(), &QGraphicsScene::selectionChanged, this, [this] {
        const int index = selectedNode();
        if (index >= 0)
            Q_EMIT nodeSelected(index);
    });
}

DagView::~DagView() = default;

QString DagView::cacheKey() const
{
    QStringList expanded(m_expanded.begin(), m_expanded.end());
    expanded.sort();
    // The blocks follow from the graph, which the content hash covers.
    return QString::fromLatin1(graph::networkContentHash(*m_network))
           + (m_leftToRight ? QStringLiteral("/LR") : QStringLiteral("/TB"))
           + (!m_blocks ? QStringLiteral("/all/") : QStringLiteral("/blocks/")) + expanded.join(QLatin1Char(','));
}

QString DagView::blockOf(int node) const
{
    if (!m_blocks || size_t(node) >= m_blocks->blockOfNode.size() || m_blocks->blockOfNode[size_t(node)] < 0)
        return {};
    const QString &key = m_blockKeys[size_t(m_blocks->blockOfNode[size_t(node)])];
    return m_expanded.contains(key) ? QString() : key;
}

void DagView::collapseAll()
{
    if (!m_network)
        return;
    m_expanded.clear();
    assignBlocks();
    startLayout();
}

void DagView::assignBlocks()
{
    m_blocks = supernet::placeBlocks(*m_network);
    m_blockKeys.clear();
    m_blockKind.clear();
    QHash<QString, int> seen;
    for (const supernet::BlockPlace &block : m_blocks->blocks) {
        const QString kind = QString::fromUtf8(supernet::blockKindName(block.kind));
        const bool inStage = block.stage >= 0;
        // The key is the drawn block's title (short enough for the box); its kind goes
        // on the line below.
        QString key = inStage ? tr("stage %1, block %2").arg(block.stage + 1).arg(block.indexInStage + 1) : kind;
        if (const int n = seen[key]++; n > 0) // keys name one block each
            key += QStringLiteral(" (%1)").arg(n + 1);
        m_blockKeys.push_back(key);
        m_blockKind.insert(key, inStage ? kind : QString());
    }
}

void DagView::expandAll()
{
    m_blocks.reset();
    m_expanded.clear();
    startLayout();
}

void DagView::expandBlock(const QString &block)
{
    m_expanded.insert(block);
    startLayout();
}

QStringList DagView::collapsedBlocks() const
{
    QStringList out;
    for (const supernet::ViewGraph::Item &item : m_view.items)
        if (item.block >= 0)
            out << m_blockKeys[size_t(item.block)];
    return out;
}

void DagView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (QGraphicsItem *item = itemAt(event->pos()); item && !item->data(0).toString().isEmpty()) {
        expandBlock(item->data(0).toString());
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void DagView::setNetwork(std::shared_ptr<const graph::Network> network)
{
    m_network = std::move(network);
    // Collapsed stays collapsed, with the new network's blocks (the old ones' node
    // indices mean nothing here).
    if (m_blocks && m_network) {
        m_expanded.clear();
        assignBlocks();
    }
    startLayout();
}

void DagView::setLeftToRight(bool leftToRight)
{
    if (m_leftToRight == leftToRight)
        return;
    m_leftToRight = leftToRight;
    startLayout();
}

void DagView::startLayout()
{
    m_layout.cancel(); // a running layout for an older request is dropped
    scene()->clear();
    m_items.clear();
    if (!m_network)
        return;
    // The view graph: inputs, then each node or, for collapsed blocks, one node per block.
    std::vector<int> collapsedBlockOfNode(m_network->nodes.size(), -1);
    for (size_t i = 0; m_blocks && i < collapsedBlockOfNode.size(); ++i)
        if (!blockOf(int(i)).isEmpty())
            collapsedBlockOfNode[i] = m_blocks->blockOfNode[i];
    m_view = supernet::buildViewGraph(*m_network, collapsedBlockOfNode);
    // Immutable snapshot for the worker: sizes and edges only.
    LayoutRequest request;
    request.leftToRight = m_leftToRight;
    for (const supernet::ViewGraph::Item &item : m_view.items)
        request.nodeSizes.push_back(item.input >= 0 ? kInputSize : kNodeSize);
    request.edges = m_view.edges;
    m_inputCount = int(m_network->inputs.size());
    // The view graph above is what a cached layout is drawn with, so look up only now.
    m_pendingKey = cacheKey();
    if (auto it = m_cache.constFind(m_pendingKey); it != m_cache.constEnd()) {
        buildScene(*it);
        return;
    }
    scene()->addSimpleText(tr("Laying out %1 nodes...").arg(request.nodeSizes.size()));
    m_layout.start([request](const std::atomic<bool> &cancelled) { return layoutGraph(request, &cancelled); });
}

void DagView::onLayoutFinished(const LayoutResult &r)
{
    if (r.cancelled)
        return;
    // Only the newest request's layout arrives (LatestTask): it is for m_pendingKey.
    m_cache.insert(m_pendingKey, r);
    buildScene(r);
}

void DagView::buildScene(const LayoutResult &layout)
{
    scene()->clear();
    m_items.clear();
    if (!layout.error.isEmpty()) {
        scene()->addSimpleText(layout.error);
        Q_EMIT layoutFinished();
        return;
    }
    m_inputCount = int(m_network->inputs.size());
    int edge = 0;
    QPen edgePen(QColor(90, 90, 90), 1.2);
    // Edges first, so that nodes are drawn over them.
    for (const QVector<QPointF> &points : layout.edgePaths) {
        ++edge;
        if (points.size() < 2)
            continue;
        QPainterPath path(points[0]);
        int k = 1;
        for (; k + 2 < points.size(); k += 3)
            path.cubicTo(points[k], points[k + 1], points[k + 2]);
        const QPointF tip = points.back(), from = path.currentPosition();
        path.lineTo(tip);
        auto *item = scene()->addPath(path, edgePen);
        item->setZValue(-1);
        // Arrow head towards the consumer.
        const QLineF direction(tip, from);
        if (direction.length() > 0) {
            QLineF side = direction.unitVector();
            side.setLength(7);
            QPolygonF head;
            head << tip << side.p2();
            side.setAngle(side.angle() + 35);
            head << side.p2();
            side.setAngle(side.angle() - 70);
            head << side.p2();
            auto *arrow =
                scene()->addPolygon(QPolygonF() << tip << head[1] << head[2] << tip, edgePen, QBrush(edgePen.color()));
            arrow->setZValue(-1);
        }
    }
    for (size_t v = 0; v < m_view.items.size(); ++v) {
        const supernet::ViewGraph::Item &view = m_view.items[v];
        NodeItem *item = nullptr;
        if (view.input >= 0) {
            const graph::TensorDecl &in = m_network->inputs[size_t(view.input)];
            item = new NodeItem(
                kInputSize, QColor(0x79, 0x79, 0x79),
                {QString::fromStdString(in.name), QString::fromStdString(graph::shapeToString(in.shape))}, -1);
        } else if (view.block >= 0) {
            const QString &key = m_blockKeys[size_t(view.block)];
            item = new NodeItem(kNodeSize, QColor(0x60, 0x60, 0x70),
                                {key,
                                 m_blockKind.value(key).isEmpty()
                                     ? tr("block of %1 layers").arg(view.blockSize)
                                     : tr("%1, %2 layers").arg(m_blockKind.value(key)).arg(view.blockSize),
                                 tr("double-click to expand")},
                                -1);
            item->setData(0, key);
        } else {
            const Node &n = m_network->nodes[size_t(view.node)];
            const QString op =
                QString::fromUtf8(graph::opTypeName(n.op).data(), qsizetype(graph::opTypeName(n.op).size()));
            const QString attrs = keyAttributes(n);
            item = new NodeItem(
                kNodeSize, categoryColour(graph::schemaFor(n.op).category),
                {QString::fromStdString(n.name), attrs.isEmpty() ? op : op + QStringLiteral("  ") + attrs,
                 n.outputShapes.empty() ? QString() : QString::fromStdString(graph::shapeToString(n.outputShapes[0]))},
                view.node);
        }
        item->setPos(layout.centers[v]);
        scene()->addItem(item);
        m_items.push_back(item);
    }
    scene()->setSceneRect(layout.bounds.adjusted(-20, -20, 20, 20));
    applyOverlay();
    applyMarks();
    fitAll();
    Q_EMIT layoutFinished();
}

void DagView::fitAll()
{
    if (scene()->items().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    // A long network fitted whole is unreadable; start at a readable width instead.
    if (transform().m11() < 0.6) {
        resetTransform();
        scale(0.6, 0.6);
        if (!m_items.empty())
            centerOn(m_items.front());
    }
}

void DagView::wheelEvent(QWheelEvent *event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
    const double next = transform().m11() * factor;
    if (next > 0.02 && next < 8)
        scale(factor, factor);
    event->accept();
}

QList<int> DagView::find(const QString &text)
{
    QList<int> hits;
    if (!m_network || text.isEmpty())
        return hits;
    for (size_t i = 0; i < m_network->nodes.size(); ++i) {
        const Node &n = m_network->nodes[i];
        const QString op = QString::fromUtf8(graph::opTypeName(n.op).data(), qsizetype(graph::opTypeName(n.op).size()));
        if (QString::fromStdString(n.name).contains(text, Qt::CaseInsensitive)
            || op.compare(text, Qt::CaseInsensitive) == 0)
            hits.push_back(int(i));
    }
    if (!hits.isEmpty())
        selectNode(hits.front());
    return hits;
}

void DagView::selectNode(int index)
{
    if (index < 0 || size_t(index) >= m_view.itemOfNode.size()
        || size_t(m_view.itemOfNode[size_t(index)]) >= m_items.size())
        return;
    const size_t item = size_t(m_view.itemOfNode[size_t(index)]); // the node, or the collapsed block holding it
    scene()->clearSelection();
    m_items[item]->setSelected(true);
    centerOn(m_items[item]);
}

int DagView::selectedNode() const
{
    const QList<QGraphicsItem *> selected = scene()->selectedItems();
    if (selected.isEmpty())
        return -1;
    return static_cast<NodeItem *>(selected.front())->index(); // -1 for inputs and blocks
}

void DagView::setOverlay(const std::vector<double> &valuePerNode, const QString &label)
{
    m_overlay = valuePerNode;
    m_overlayLabel = label;
    applyOverlay();
    // The legend lives in a bottom margin of its own: it never covers a node.
    const bool shown = !m_overlayLabel.isEmpty() && m_overlayMax > 0;
    m_legend->setScale(m_overlayLabel + (m_blocks ? tr(" (log scale; blocks: sum)") : tr(" (log scale)")), m_overlayMin,
                       m_overlayMax);
    m_legend->setVisible(shown);
    setViewportMargins(0, 0, 0, shown ? m_legend->sizeHint().height() : 0);
    placeLegend();
    viewport()->update();
}

void DagView::placeLegend()
{
    const QRect v = viewport()->geometry();
    m_legend->setGeometry(v.left(), v.bottom() + 1, v.width(), m_legend->sizeHint().height());
}

void DagView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeLegend();
}

void DagView::setMarks(const std::vector<Mark> &markPerNode)
{
    m_marks = markPerNode;
    applyMarks();
}

DagView::Mark DagView::mark(int index) const
{
    return index >= 0 && size_t(index) < m_marks.size() ? m_marks[size_t(index)] : Mark::None;
}

void DagView::applyMarks()
{
    // A collapsed block takes the strongest mark of its nodes (Changed > Choice > Removed).
    std::vector<Mark> perItem(m_items.size(), Mark::None);
    const auto rank = [](Mark m) {
        return m == Mark::Changed ? 3 : m == Mark::Choice ? 2 : m == Mark::Removed ? 1 : 0;
    };
    for (size_t node = 0; node < m_view.itemOfNode.size() && node < m_marks.size(); ++node) {
        const size_t item = size_t(m_view.itemOfNode[node]);
        if (item < perItem.size() && rank(m_marks[node]) > rank(perItem[item]))
            perItem[item] = m_marks[node];
    }
    for (size_t i = 0; i < m_items.size(); ++i)
        if (auto *n = dynamic_cast<NodeItem *>(m_items[i]))
            n->setMark(perItem[i]);
}

void DagView::clearOverlay()
{
    setOverlay({}, QString());
}

void DagView::applyOverlay()
{
    // A collapsed block shows the sum of its nodes' distinct group costs; a node its own.
    std::vector<double> perItem(m_items.size(), 0.0);
    std::vector<QSet<double>> counted(m_items.size());
    for (size_t node = 0; node < m_view.itemOfNode.size() && node < m_overlay.size(); ++node) {
        const size_t item = size_t(m_view.itemOfNode[node]);
        const double v = m_overlay[node];
        if (item < m_items.size() && std::isfinite(v) && v > 0 && !counted[item].contains(v)) {
            counted[item].insert(v); // nodes of one execution group share its value
            perItem[item] += v;
        }
    }
    // The scale spans what is drawn (blocks are sums, so larger than their nodes).
    m_overlayMin = 1e300;
    m_overlayMax = 0;
    for (double v : perItem)
        if (v > 0) {
            m_overlayMin = std::min(m_overlayMin, v);
            m_overlayMax = std::max(m_overlayMax, v);
        }
    const double lo = std::log(std::max(m_overlayMin, 1e-30)), hi = std::log(std::max(m_overlayMax, 1e-30));
    for (size_t i = 0; i < m_items.size(); ++i) {
        auto *item = static_cast<NodeItem *>(m_items[i]);
        if (perItem[i] > 0)
            item->setFill(costScaleColour(hi > lo ? (std::log(perItem[i]) - lo) / (hi - lo) : 1.0).lighter(115));
        else
            item->setFill(std::nullopt);
    }
}

QColor DagView::nodeFill(int index) const
{
    if (index < 0 || size_t(index) >= m_view.itemOfNode.size())
        return {};
    const size_t item = size_t(m_view.itemOfNode[size_t(index)]);
    return item < m_items.size() ? static_cast<NodeItem *>(m_items[item])->fill() : QColor();
}

bool DagView::exportPng(const QString &path, QString *error)
{
    const QRectF rect = scene()->sceneRect();
    // At most 8000 pixels on the long side, at most 2x: large graphs stay exportable.
    const double scale = std::min(2.0, 8000.0 / std::max(rect.width(), rect.height()));
    QImage image((rect.size() * scale).toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene()->render(&painter, QRectF(), rect);
    painter.end();
    if (image.save(path, "PNG"))
        return true;
    if (error)
        *error = tr("Cannot write %1").arg(path);
    return false;
}

bool DagView::exportSvg(const QString &path, QString *error)
{
    const QRectF rect = scene()->sceneRect();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(rect.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), rect.size()));
    svg.setTitle(m_network ? QString::fromStdString(m_network->name) : QString());
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = tr("Cannot write %1").arg(path);
        return false;
    }
    scene()->render(&painter, QRectF(QPointF(0, 0), rect.size()), rect);
    painter.end();
    return true;
}

} // namespace calibra::widgets
