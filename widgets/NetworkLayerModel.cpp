// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkLayerModel.h"

#include "graph/NetworkSummary.h"

namespace calibra::widgets {

void NetworkLayerModel::setNetwork(std::shared_ptr<const LoadedNetwork> network)
{
    beginResetModel();
    m_network = std::move(network);
    endResetModel();
}

int NetworkLayerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_network ? 0 : int(m_network->network.nodes.size());
}

int NetworkLayerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkLayerModel::data(const QModelIndex &index, int role) const
{
    if (!m_network || !index.isValid())
        return {};
    const graph::Node &n = m_network->network.nodes.at(size_t(index.row()));
    const graph::Cost &c = m_network->cost.perNode.at(size_t(index.row()));
    if (role == Qt::TextAlignmentRole && index.column() >= Params)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole) // raw numbers for sorting
        switch (index.column()) {
        case Params: return qlonglong(c.params);
        case Macs: return qlonglong(c.macs);
        case WeightBytes: return qlonglong(c.weightBytes);
        default: break;
        }
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (index.column()) {
    case Name: return QString::fromStdString(n.name);
    case Op: return QString::fromUtf8(graph::opTypeName(n.op).data(), qsizetype(graph::opTypeName(n.op).size()));
    case OutputShape:
        return n.outputShapes.empty() ? QString() : QString::fromStdString(graph::shapeToString(n.outputShapes[0]));
    case Params: return QLocale().toString(qlonglong(c.params));
    case Macs: return QLocale().toString(qlonglong(c.macs));
    case WeightBytes: return QString::fromStdString(graph::humanCount(c.weightBytes));
    default: return {};
    }
}

QVariant NetworkLayerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Layer");
    case Op: return tr("Op");
    case OutputShape: return tr("Output shape");
    case Params: return tr("Parameters");
    case Macs: return tr("MACs");
    case WeightBytes: return tr("Weight bytes");
    default: return {};
    }
}

} // namespace calibra::widgets
