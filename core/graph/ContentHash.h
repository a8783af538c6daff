// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A content hash of what a network computes: ops, attributes, connectivity and shapes,
// independent of node and tensor names and of weight values (which change neither
// latency, power nor memory traffic). Keys validation caches.
#include "Network.h"

#include <QByteArray>

namespace calibra::graph {

QByteArray networkContentHash(const Network &network); // SHA-256, hex

} // namespace calibra::graph
