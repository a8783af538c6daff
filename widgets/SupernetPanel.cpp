// SPDX-License-Identifier: GPL-3.0-or-later
#include "SupernetPanel.h"

#include "graph/Cost.h"
#include "graph/NetworkSummary.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <set>

namespace calibra::widgets {

using supernet::ChoiceKind;

namespace {

QString optionText(const supernet::ChoicePoint &c, int option)
{
    const int64_t v = c.options[size_t(option)];
    switch (c.kind) {
    case ChoiceKind::Kernel: return QStringLiteral("%1x%1").arg(v);
    case ChoiceKind::Width: return QString::number(v);
    case ChoiceKind::Depth: return v ? QObject::tr("keep") : QObject::tr("skip");
    case ChoiceKind::Resolution: return QStringLiteral("%1 px").arg(v);
    case ChoiceKind::Operation:
        return v ? QString::fromLatin1(supernet::substitutionName(c.substitution)) : QObject::tr("reference operation");
    }
    return {};
}

} // namespace

SupernetPanel::SupernetPanel(QWidget *parent) : QWidget(parent)
{
    m_header = new QLabel(tr("No supernet: open a network"), this);
    m_header->setWordWrap(true);
    m_subnet = new QLabel(this);
    m_subnet->setWordWrap(true);
    // Word-wrapped labels report one line's height; keep room for two.
    m_subnet->setMinimumHeight(2 * fontMetrics().height() + 4);
    m_header->setMinimumHeight(3 * fontMetrics().height() + 4);
    // Two rows of two: the panel shares the window with the docks and must stay narrow.
    auto *buttons = new QGridLayout;
    const std::pair<QString, void (SupernetPanel::*)()> presets[] = {
        {tr("Reference"), &SupernetPanel::highlightReference},
        {tr("Smallest"), &SupernetPanel::highlightSmallest},
        {tr("Largest"), &SupernetPanel::highlightLargest},
        {tr("Random"), &SupernetPanel::highlightRandom}};
    int slotIndex = 0;
    for (const auto &[text, slot] : presets) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QStringLiteral("highlight") + text);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b, slotIndex / 2, slotIndex % 2);
        ++slotIndex;
    }
    m_tree = new QTreeWidget(this);
    // The block comes second: in a pane of a third of the window, the columns after the
    // option are scrolled off.
    m_tree->setHeaderLabels({tr("Choice point"), tr("Block"), tr("Kind"), tr("Option"), tr("Options")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setMinimumWidth(200);
    m_dag = new DagView(this);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item || !m_supernet)
            return;
        const auto &c = m_supernet->choices()[size_t(m_tree->indexOfTopLevelItem(item))];
        if (!c.nodes.empty())
            m_dag->selectNode(c.nodes.front());
    });
    connect(m_dag, &DagView::layoutFinished, this, &SupernetPanel::updateMarks);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_header);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_subnet);
    leftLayout->addWidget(m_tree, 1);
    left->setMinimumWidth(200);
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_dag);
    split->setStretchFactor(1, 1);
    split->setSizes({460, 640}); // the list wide enough for name, block, kind and option
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

void SupernetPanel::setSupernet(std::shared_ptr<const supernet::Supernet> s)
{
    m_supernet = std::move(s);
    if (!m_supernet) {
        m_header->setText(tr("No supernet: open a network"));
        m_tree->clear();
        m_dag->setNetwork(nullptr);
        return;
    }
    int counts[5] = {};
    for (const auto &c : m_supernet->choices())
        ++counts[int(c.kind)];
    m_header->setText(tr("<b>%1</b>: %2 choice points (%3 kernel, %4 width, %5 depth, %6 resolution), "
                         "10<sup>%7</sup> sub-networks")
                          .arg(QString::fromStdString(m_supernet->reference().name))
                          .arg(m_supernet->choices().size())
                          .arg(counts[int(ChoiceKind::Kernel)])
                          .arg(counts[int(ChoiceKind::Width)])
                          .arg(counts[int(ChoiceKind::Depth)])
                          .arg(counts[int(ChoiceKind::Resolution)])
                          .arg(m_supernet->log10SpaceSize(), 0, 'f', 1)
                      + (counts[int(ChoiceKind::Operation)] > 0
                             ? tr("; %n operation substitution(s)", nullptr, counts[int(ChoiceKind::Operation)])
                             : QString()));
    m_genotype = m_supernet->referenceGenotype();
    m_blocks = supernet::placeBlocks(m_supernet->reference());
    fillTree();
    // The DAG shows the reference network (the supernet's skeleton) with marks.
    m_dag->setNetwork(std::shared_ptr<const graph::Network>(m_supernet, &m_supernet->reference()));
    updateMarks();
}

QString SupernetPanel::summary() const
{
    return m_header->text();
}

QString SupernetPanel::blockText(const supernet::ChoicePoint &c) const
{
    if (c.nodes.empty() || size_t(c.nodes.front()) >= m_blocks.blockOfNode.size())
        return tr("input"); // the resolution choice
    const int b = m_blocks.blockOfNode[size_t(c.nodes.front())];
    if (b < 0)
        return {};
    const supernet::BlockPlace &block = m_blocks.blocks[size_t(b)];
    const QString kind = QString::fromUtf8(supernet::blockKindName(block.kind));
    return block.stage < 0 ? kind : tr("stage %1, %2").arg(block.stage + 1).arg(kind);
}

void SupernetPanel::fillTree()
{
    m_tree->clear();
    if (!m_supernet)
        return;
    for (size_t i = 0; i < m_supernet->choices().size(); ++i) {
        const auto &c = m_supernet->choices()[i];
        QStringList options;
        for (int o = 0; o < int(c.options.size()); ++o)
            options << optionText(c, o) + (o == c.referenceOption ? QStringLiteral("*") : QString());
        auto *item = new QTreeWidgetItem(m_tree, {QString::fromStdString(c.name), blockText(c),
                                                  QString::fromUtf8(supernet::choiceKindName(c.kind)),
                                                  optionText(c, m_genotype[i]), options.join(QStringLiteral(", "))});
        item->setToolTip(OptionsColumn, tr("* the reference network's option"));
    }
    for (int column : {BlockColumn, KindColumn, OptionColumn})
        m_tree->resizeColumnToContents(column);
}

void SupernetPanel::highlight(const supernet::Genotype &genotype)
{
    if (!m_supernet || !m_supernet->isValid(genotype))
        return;
    m_genotype = genotype;
    for (size_t i = 0; i < m_supernet->choices().size(); ++i)
        if (auto *item = m_tree->topLevelItem(int(i))) {
            item->setText(OptionColumn, optionText(m_supernet->choices()[i], genotype[i]));
            QFont f = item->font(OptionColumn);
            f.setBold(genotype[i] != m_supernet->choices()[i].referenceOption);
            item->setFont(OptionColumn, f);
        }
    const graph::Network sub = m_supernet->decode(genotype);
    const graph::Cost cost = graph::networkCost(sub).total;
    m_subnet->setText(tr("Highlighted: %1 params, %2 MACs, input %3")
                          .arg(QString::fromStdString(graph::humanCount(cost.params)))
                          .arg(QString::fromStdString(graph::humanCount(cost.macs)))
                          .arg(QString::fromStdString(graph::shapeToString(sub.inputs[0].shape))));
    m_subnet->setToolTip(QString::fromStdString(m_supernet->describe(genotype)));
    updateMarks();
}

void SupernetPanel::highlightReference()
{
    if (m_supernet)
        highlight(m_supernet->referenceGenotype());
}
void SupernetPanel::highlightSmallest()
{
    if (m_supernet)
        highlight(m_supernet->smallestGenotype());
}
void SupernetPanel::highlightLargest()
{
    if (m_supernet)
        highlight(m_supernet->largestGenotype());
}
void SupernetPanel::highlightRandom()
{
    if (m_supernet)
        highlight(m_supernet->sample(m_rng));
}

void SupernetPanel::updateMarks()
{
    if (!m_supernet)
        return;
    std::vector<DagView::Mark> marks(m_supernet->reference().nodes.size(), DagView::Mark::None);
    for (size_t i = 0; i < m_supernet->choices().size(); ++i) {
        const auto &c = m_supernet->choices()[i];
        const bool changed = m_genotype.size() == m_supernet->choices().size() && m_genotype[i] != c.referenceOption;
        const bool skipped = changed && c.kind == ChoiceKind::Depth && c.options[size_t(m_genotype[i])] == 0;
        for (size_t k = 0; k < c.nodes.size(); ++k) {
            DagView::Mark &m = marks[size_t(c.nodes[k])];
            if (skipped)
                m = DagView::Mark::Removed;
            else if (m != DagView::Mark::Removed && (k == 0 || c.kind == ChoiceKind::Width))
                m = changed ? DagView::Mark::Changed : (m == DagView::Mark::Changed ? m : DagView::Mark::Choice);
        }
    }
    m_dag->setMarks(marks);
}

} // namespace calibra::widgets
