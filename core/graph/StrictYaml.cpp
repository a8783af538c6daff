// SPDX-License-Identifier: GPL-3.0-or-later
#include "StrictYaml.h"

#include <map>

namespace calibra::graph {

namespace {

void refuseRepeatedKeys(const YAML::Node &node)
{
    if (node.IsMap()) {
        std::map<std::string, int> lines;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (it->first.IsScalar()) {
                const std::string &key = it->first.Scalar();
                const int line = it->first.Mark().line + 1;
                const auto [first, inserted] = lines.emplace(key, line);
                if (!inserted)
                    throw StrictYamlError(line, "key '" + key + "' appears twice in one mapping (first on line "
                                                    + std::to_string(first->second) + ")");
            }
            refuseRepeatedKeys(it->second);
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node &item : node)
            refuseRepeatedKeys(item);
    }
}

} // namespace

YAML::Node loadStrictYaml(const std::string &text)
{
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        throw StrictYamlError(1, "starts with a byte-order mark (save the file as UTF-8 without BOM)");
    const std::vector<YAML::Node> documents = YAML::LoadAll(text);
    if (documents.size() > 1)
        throw StrictYamlError(documents[1].Mark().line + 1,
                              "a second YAML document ('---'); a file holds exactly one");
    const YAML::Node root = documents.empty() ? YAML::Node() : documents.front();
    refuseRepeatedKeys(root);
    return root;
}

} // namespace calibra::graph
