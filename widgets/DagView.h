// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A network as a DAG: nodes show name, op with key attributes, and output shape; edges
// follow Graphviz splines. Layout runs on a worker thread (GraphLayout), is cancelled when
// superseded, and is cached per network content and direction. Zoom with the wheel, pan
// by dragging, text hidden when zoomed out (level of detail), find by name or op type,
// PNG and SVG export.
#include "GraphLayout.h"
#include "LatestTask.h"
#include "graph/Network.h"
#include "supernet/BlockView.h"

#include <QGraphicsView>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>

namespace calibra::widgets {

class CostLegend;

class DagView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DagView(QWidget *parent = nullptr);
    ~DagView() override;

    void setNetwork(std::shared_ptr<const graph::Network> network);
    void setLeftToRight(bool leftToRight);

    // Blocks are what the block finder names (supernet/BlockView.h: stem, the blocks of
    // each stage, head or upsampling tail), from the graph, not the node names. Collapsed
    // blocks show as one node; double-clicking one expands it.
    void collapseAll();
    void expandAll();
    void expandBlock(const QString &block);
    QStringList collapsedBlocks() const; // blocks currently drawn as one node
    bool leftToRight() const { return m_leftToRight; }
    bool isLayingOut() const { return m_layout.isRunning(); }

    // Node indices (into Network::nodes) whose name contains `text` or whose op is `text`
    // (case-insensitive); selects the first and centres on it.
    QList<int> find(const QString &text);
    void selectNode(int index);
    int selectedNode() const; // -1 if none or a network input
    int nodeItemCount() const { return int(m_items.size()); }
    void fitAll();

    // Colours nodes by a per-node cost (for example simulated latency of the node's
    // execution group) on a logarithmic scale, with a legend; NaN leaves a node uncoloured.
    void setOverlay(const std::vector<double> &valuePerNode, const QString &label);
    void clearOverlay();
    QString overlayLabel() const { return m_overlayLabel; }
    CostLegend *legend() const { return m_legend; }
    QColor nodeFill(int index) const; // the colour a node is drawn with (for tests)

    // Supernet marks: choice-point nodes get a dashed accent border; in a highlighted
    // sub-network, nodes whose option differs from the reference a solid one, and nodes
    // of skipped blocks are drawn faded.
    enum class Mark { None, Choice, Changed, Removed };
    void setMarks(const std::vector<Mark> &markPerNode); // empty: no marks
    Mark mark(int index) const;

    bool exportPng(const QString &path, QString *error = nullptr);
    bool exportSvg(const QString &path, QString *error = nullptr);

Q_SIGNALS:
    void layoutFinished();
    void nodeSelected(int index);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void startLayout();
    void placeLegend();
    void onLayoutFinished(const LayoutResult &layout);
    void buildScene(const LayoutResult &layout);
    QString cacheKey() const;

    std::shared_ptr<const graph::Network> m_network;
    bool m_leftToRight = false;
    LatestTask<LayoutResult> m_layout{this, [this](const LayoutResult &layout) { onLayoutFinished(layout); }};
    QString m_pendingKey;
    QHash<QString, LayoutResult> m_cache;
    void applyOverlay();
    QString blockOf(int node) const; // "" when not in a collapsed block
    void assignBlocks();             // m_blocks, m_blockKeys and m_blockKind

    // What the scene shows, in layout order: network inputs, then nodes or blocks.
    supernet::ViewGraph m_view;
    std::optional<supernet::NetworkBlocks> m_blocks; // present while blocks are collapsed
    std::vector<QString> m_blockKeys;                // per block, its title ("stage 2, block 3"), unique
    QHash<QString, QString> m_blockKind;             // block key -> "inverted residual", ... ("" when the key says it)
    QSet<QString> m_expanded;                        // blocks the user expanded again

    std::vector<class QGraphicsItem *> m_items; // network inputs first, then nodes
    int m_inputCount = 0;
    void applyMarks();
    std::vector<Mark> m_marks;
    std::vector<double> m_overlay;
    QString m_overlayLabel;
    double m_overlayMin = 0, m_overlayMax = 0;
    CostLegend *m_legend;
};

} // namespace calibra::widgets
