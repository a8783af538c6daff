#include "DagView.h"

#include "graph/ContentHash.h"
#include "graph/OpSchema.h"

#include <QGraphicsItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QWheelEvent>
#include <QtConcurrent>

#include <cmath>
#include <map>
#include <optional>

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
    case graph::OpType::Attention:
        return QStringLiteral("%1 heads").arg(n.attrs.getInt("num_heads"));
    case graph::OpType::DepthToSpace:
    case graph::OpType::SpaceToDepth:
        return QStringLiteral("x%1").arg(n.attrs.getInt("block_size"));
    default:
        return {};
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
    QColor fill() const { return m_fill.value_or(m_colour.lighter(175)); }
    QRectF boundingRect() const override { return QRectF(-m_size.width() / 2, -m_size.height() / 2, m_size.width(), m_size.height()); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const QRectF r = boundingRect().adjusted(1, 1, -1, -1);
        p->setPen(QPen(isSelected() ? QColor(0xd0, 0x10, 0x40) : m_colour.darker(140), isSelected() ? 3 : 1));
        p->setBrush(fill());
        p->drawRoundedRect(r, 6, 6);
        p->fillRect(QRectF(r.left(), r.top(), 6, r.height()), m_colour);
        if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.45)
            return; // unreadable at this zoom: skip the text (and its cost)
        p->setPen(Qt::black);
        QFont f = p->font();
        f.setPointSizeF(8.5);
        const qreal line = r.height() / qMax(1, int(m_lines.size()));
        for (int i = 0; i < m_lines.size(); ++i) {
            f.setBold(i == 0);
            p->setFont(f);
            p->drawText(QRectF(r.left() + 10, r.top() + i * line, r.width() - 14, line), Qt::AlignVCenter | Qt::AlignLeft,
                        p->fontMetrics().elidedText(m_lines[i], Qt::ElideMiddle, int(r.width() - 14)));
        }
    }

private:
    std::optional<QColor> m_fill; // cost overlay
    QSizeF m_size;
    QColor m_colour;
    QStringList m_lines;
    int m_index;
};

// A perceptually ordered scale (viridis end points and middle), t in [0, 1].
QColor scaleColour(double t)
{
    const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x21, 0x91, 0x8c), QColor(0xfd, 0xe7, 0x25)};
    t = std::clamp(t, 0.0, 1.0) * 2;
    const int i = std::min(1, int(t));
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())), float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

} // namespace

DagView::DagView(QWidget *parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setDragMode(ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    connect(&m_watcher, &QFutureWatcher<LayoutResult>::finished, this, &DagView::onLayoutFinished);
    connect(scene(), &QGraphicsScene::selectionChanged, this, [this] {
        const int index = selectedNode();
        if (index >= 0)
            Q_EMIT nodeSelected(index);
    });
}

DagView::~DagView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished(); // a layout holds no reference to this view, but its lock
}

QString DagView::cacheKey() const
{
    return QString::fromLatin1(graph::networkContentHash(*m_network)) + (m_leftToRight ? QStringLiteral("/LR") : QStringLiteral("/TB"));
}

void DagView::setNetwork(std::shared_ptr<const graph::Network> network)
{
    m_network = std::move(network);
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
    if (m_cancel)
        m_cancel->store(true); // a running layout for an older request is dropped
    scene()->clear();
    m_items.clear();
    if (!m_network)
        return;
    m_pendingKey = cacheKey();
    if (auto it = m_cache.constFind(m_pendingKey); it != m_cache.constEnd()) {
        buildScene(*it);
        return;
    }
    // Immutable snapshot for the worker: sizes and edges only.
    LayoutRequest request;
    request.leftToRight = m_leftToRight;
    std::map<std::string, int> producer;
    for (const graph::TensorDecl &in : m_network->inputs) {
        producer[in.name] = int(request.nodeSizes.size());
        request.nodeSizes.push_back(kInputSize);
    }
    const int inputs = int(request.nodeSizes.size());
    for (size_t i = 0; i < m_network->nodes.size(); ++i)
        for (const std::string &t : m_network->nodes[i].outputs)
            producer[t] = inputs + int(i);
    for (size_t i = 0; i < m_network->nodes.size(); ++i) {
        request.nodeSizes.push_back(kNodeSize);
        for (const std::string &t : m_network->nodes[i].inputs)
            request.edges.push_back({producer.at(t), inputs + int(i)});
    }
    m_inputCount = inputs;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const auto cancel = m_cancel;
    const QString key = m_pendingKey;
    scene()->addSimpleText(tr("Laying out %1 nodes...").arg(request.nodeSizes.size()));
    m_watcher.setFuture(QtConcurrent::run([request, cancel]() { return layoutGraph(request, cancel.get()); }));
}

void DagView::onLayoutFinished()
{
    const LayoutResult r = m_watcher.result();
    if (r.cancelled)
        return;
    // The watcher follows the newest request only, so this result is for m_pendingKey.
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
            auto *arrow = scene()->addPolygon(QPolygonF() << tip << head[1] << head[2] << tip, edgePen, QBrush(edgePen.color()));
            arrow->setZValue(-1);
        }
    }
    for (int i = 0; i < m_inputCount; ++i) {
        const graph::TensorDecl &in = m_network->inputs[size_t(i)];
        auto *item = new NodeItem(kInputSize, QColor(0x79, 0x79, 0x79),
                                  {QString::fromStdString(in.name), QString::fromStdString(graph::shapeToString(in.shape))}, -1);
        item->setPos(layout.centers[size_t(i)]);
        scene()->addItem(item);
        m_items.push_back(item);
    }
    for (size_t i = 0; i < m_network->nodes.size(); ++i) {
        const Node &n = m_network->nodes[i];
        const QString op = QString::fromUtf8(graph::opTypeName(n.op).data(), qsizetype(graph::opTypeName(n.op).size()));
        const QString attrs = keyAttributes(n);
        auto *item = new NodeItem(kNodeSize, categoryColour(graph::schemaFor(n.op).category),
                                  {QString::fromStdString(n.name), attrs.isEmpty() ? op : op + QStringLiteral("  ") + attrs,
                                   n.outputShapes.empty() ? QString() : QString::fromStdString(graph::shapeToString(n.outputShapes[0]))},
                                  int(i));
        item->setPos(layout.centers[size_t(m_inputCount) + i]);
        scene()->addItem(item);
        m_items.push_back(item);
    }
    scene()->setSceneRect(layout.bounds.adjusted(-20, -20, 20, 20));
    applyOverlay();
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
        if (QString::fromStdString(n.name).contains(text, Qt::CaseInsensitive) || op.compare(text, Qt::CaseInsensitive) == 0)
            hits.push_back(int(i));
    }
    if (!hits.isEmpty())
        selectNode(hits.front());
    return hits;
}

void DagView::selectNode(int index)
{
    const size_t item = size_t(m_inputCount + index);
    if (index < 0 || item >= m_items.size())
        return;
    scene()->clearSelection();
    m_items[item]->setSelected(true);
    centerOn(m_items[item]);
}

int DagView::selectedNode() const
{
    const QList<QGraphicsItem *> selected = scene()->selectedItems();
    if (selected.isEmpty())
        return -1;
    return static_cast<NodeItem *>(selected.front())->index();
}

void DagView::setOverlay(const std::vector<double> &valuePerNode, const QString &label)
{
    m_overlay = valuePerNode;
    m_overlayLabel = label;
    m_overlayMin = 1e300;
    m_overlayMax = 0;
    for (double v : m_overlay)
        if (std::isfinite(v) && v > 0) {
            m_overlayMin = std::min(m_overlayMin, v);
            m_overlayMax = std::max(m_overlayMax, v);
        }
    applyOverlay();
    viewport()->update();
}

void DagView::clearOverlay()
{
    setOverlay({}, QString());
}

void DagView::applyOverlay()
{
    const double lo = std::log(std::max(m_overlayMin, 1e-30)), hi = std::log(std::max(m_overlayMax, 1e-30));
    for (size_t i = size_t(m_inputCount); i < m_items.size(); ++i) {
        const size_t node = i - size_t(m_inputCount);
        auto *item = static_cast<NodeItem *>(m_items[i]);
        if (node < m_overlay.size() && std::isfinite(m_overlay[node]) && m_overlay[node] > 0)
            item->setFill(scaleColour(hi > lo ? (std::log(m_overlay[node]) - lo) / (hi - lo) : 1.0).lighter(115));
        else
            item->setFill(std::nullopt);
    }
}

QColor DagView::nodeFill(int index) const
{
    const size_t item = size_t(m_inputCount + index);
    return item < m_items.size() ? static_cast<NodeItem *>(m_items[item])->fill() : QColor();
}

void DagView::drawForeground(QPainter *painter, const QRectF &)
{
    if (m_overlayLabel.isEmpty() || m_overlayMax <= 0)
        return;
    // The legend stays fixed in the viewport, whatever the zoom.
    painter->save();
    painter->resetTransform();
    const QRect bar(12, viewport()->height() - 40, 200, 12);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (double t : {0.0, 0.5, 1.0})
        gradient.setColorAt(t, scaleColour(t));
    painter->fillRect(QRect(bar.left() - 6, bar.top() - 22, bar.width() + 12, 52), QColor(255, 255, 255, 220));
    painter->fillRect(bar, gradient);
    painter->setPen(Qt::black);
    painter->drawText(QPoint(bar.left(), bar.top() - 6), m_overlayLabel + tr(" (log scale)"));
    painter->drawText(QPoint(bar.left(), bar.bottom() + 14), QString::number(m_overlayMin, 'g', 3));
    const QString maxText = QString::number(m_overlayMax, 'g', 3);
    painter->drawText(QPoint(bar.right() - painter->fontMetrics().horizontalAdvance(maxText), bar.bottom() + 14), maxText);
    painter->restore();
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
