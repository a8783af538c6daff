// SPDX-License-Identifier: GPL-3.0-or-later
#include "StrictYaml.h"

#include <yaml-cpp/eventhandler.h>

#include <map>
#include <sstream>
#include <set>

namespace calibra::base {

namespace {

// A YAML alias shares its anchor's node, so a document is a graph, not a tree: `&a {b: *a}`
// contains itself, and a chain of anchors each aliased twice doubles at every step. The
// walk visits each collection once (identified by its position in the text, which an
// alias shares with its anchor) and refuses a collection that contains itself.
constexpr int kMaxDepth = 256;

struct Walk
{
    std::set<int> visiting, done;

    void check(const YAML::Node &node, int depth)
    {
        if (!node.IsMap() && !node.IsSequence())
            return;
        const YAML::Mark mark = node.Mark();
        const int line = mark.is_null() ? 0 : mark.line + 1;
        if (depth > kMaxDepth)
            throw StrictYamlError(line, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
        const bool identified = !mark.is_null();
        if (identified) {
            if (visiting.count(mark.pos))
                throw StrictYamlError(line, "a YAML alias makes this node contain itself");
            if (done.count(mark.pos))
                return;
            visiting.insert(mark.pos);
        }
        if (node.IsMap()) {
            std::map<std::string, int> lines;
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (it->first.IsScalar()) {
                    const std::string &key = it->first.Scalar();
                    const int keyLine = it->first.Mark().line + 1;
                    const auto [first, inserted] = lines.emplace(key, keyLine);
                    if (!inserted)
                        throw StrictYamlError(keyLine, "key '" + key + "' appears twice in one mapping (first on line "
                                                           + std::to_string(first->second) + ")");
                }
                check(it->first, depth + 1);
                check(it->second, depth + 1);
            }
        } else {
            for (const YAML::Node &item : node)
                check(item, depth + 1);
        }
        if (identified) {
            visiting.erase(mark.pos);
            done.insert(mark.pos);
        }
    }
};

} // namespace

YAML::Node loadStrictYaml(const std::string &text)
{
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        throw StrictYamlError(1, "starts with a byte-order mark (save the file as UTF-8 without BOM)");
    const YAML::Node root = YAML::Load(text);
    // A second document, found by parsing at most two (LoadAll collects every document
    // first, and on some malformed inputs yaml-cpp makes empty ones without end: found
    // by fuzz_platform_files as a run out of memory).
    struct DocumentStarts : YAML::EventHandler
    {
        int line = 0;
        void OnDocumentStart(const YAML::Mark &mark) override { line = mark.line + 1; }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
        void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
        void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
        void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                             YAML::EmitterStyle::value) override
        {
        }
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
        void OnMapEnd() override {}
    } starts;
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(starts) && parser.HandleNextDocument(starts))
        throw StrictYamlError(starts.line, "a second YAML document ('---'); a file holds exactly one");
    Walk().check(root, 0);
    return root;
}

} // namespace calibra::base
