// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The supernet of the open network: its choice points (kind, node, options) and a
// sub-network to highlight (reference, smallest, largest, random, or options picked
// per choice point). The DAG beside it marks choice nodes and the highlighted
// sub-network's changes and skipped blocks. The supernet is built with the network, on
// the loader's worker thread; the panel only reads it.
#include "DagView.h"
#include "supernet/BlockView.h"
#include "supernet/Supernet.h"

#include <QWidget>

#include <memory>
#include <random>

class QLabel;
class QTreeWidget;

namespace calibra::widgets {

class SupernetPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SupernetPanel(QWidget *parent = nullptr);

    void setSupernet(std::shared_ptr<const supernet::Supernet> supernet);
    const supernet::Supernet *supernet() const { return m_supernet.get(); }

    void highlight(const supernet::Genotype &genotype);
    void highlightReference();
    void highlightSmallest();
    void highlightLargest();
    void highlightRandom();
    const supernet::Genotype &genotype() const { return m_genotype; }

    DagView *dagView() const { return m_dag; }
    // The choice list's columns.
    enum Column { NameColumn, BlockColumn, KindColumn, OptionColumn, OptionsColumn };
    QTreeWidget *choiceTree() const { return m_tree; }
    QString summary() const; // the header line

private:
    QString blockText(const supernet::ChoicePoint &c) const;
    void fillTree();
    void updateMarks();

    std::shared_ptr<const supernet::Supernet> m_supernet;
    supernet::Genotype m_genotype;
    supernet::NetworkBlocks m_blocks; // of the reference: where each choice point lies
    std::mt19937_64 m_rng{1};
    QLabel *m_header = nullptr;
    QLabel *m_subnet = nullptr;
    QTreeWidget *m_tree = nullptr;
    DagView *m_dag = nullptr;
};

} // namespace calibra::widgets
