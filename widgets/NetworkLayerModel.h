// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One row per node of an analyzed network: name, op, output shape, parameters, MACs,
// weight bytes. Holds an immutable snapshot so views never see a half-loaded network.
#include "graph/Cost.h"
#include "supernet/Supernet.h"

#include <memory>

#include <QAbstractTableModel>

#include <memory>

namespace calibra::widgets {

struct LoadedNetwork
{
    graph::Network network;
    graph::NetworkCost cost;
    std::shared_ptr<const supernet::Supernet> supernet; // built on the loader thread too
};

class NetworkLayerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Op, OutputShape, Params, Macs, WeightBytes, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setNetwork(std::shared_ptr<const LoadedNetwork> network);
    std::shared_ptr<const LoadedNetwork> network() const { return m_network; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const LoadedNetwork> m_network;
};

} // namespace calibra::widgets
