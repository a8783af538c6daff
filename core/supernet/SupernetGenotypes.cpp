// SPDX-License-Identifier: GPL-3.0-or-later
// Genotypes of a supernet: the named ones (reference, largest, smallest), sampling,
// mutation and crossover, validity and the canonical form, and their text.
#include "Supernet.h"

#include <QCryptographicHash>

#include <algorithm>
#include <map>
#include <sstream>

namespace calibra::supernet {

std::string genotypeText(const Genotype &g)
{
    std::string s;
    for (size_t i = 0; i < g.size(); ++i)
        s += (i ? " " : "") + std::to_string(g[i]);
    return s;
}

std::string searchSpaceFingerprint(const Supernet &s)
{
    std::ostringstream text;
    for (const ChoicePoint &c : s.choices()) {
        text << choiceKindName(c.kind) << ' ' << c.name << ' ' << c.referenceOption << ':';
        for (int64_t o : c.options)
            text << ' ' << o;
        if (c.kind == ChoiceKind::Operation)
            text << ' ' << substitutionName(c.substitution);
        text << '\n';
    }
    return QCryptographicHash::hash(QByteArray::fromStdString(text.str()), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

Genotype genotypeFromText(const std::string &text)
{
    Genotype g;
    std::istringstream in(text);
    int v = 0;
    while (in >> v)
        g.push_back(v);
    return g;
}

Genotype Supernet::referenceGenotype() const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(c.referenceOption);
    return g;
}

Genotype Supernet::largestGenotype() const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(c.kind == ChoiceKind::Depth || c.kind == ChoiceKind::Operation
                        ? 0 // keep the block, the reference's operation
                        : int(c.options.size()) - 1);
    return g;
}

Genotype Supernet::smallestGenotype() const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(c.kind == ChoiceKind::Depth ? 1 : 0); // skip; smallest options; reference operations
    return canonical(g);
}

Genotype Supernet::canonical(const Genotype &g) const
{
    if (!isValid(g))
        return g; // decode() names what is wrong with it
    // How many skipped blocks remove each node (a block may lie inside another).
    std::map<int, int> skippedBy;
    const auto skips = [&](size_t i) {
        return m_choices[i].kind == ChoiceKind::Depth && m_choices[i].options[size_t(g[i])] == 0;
    };
    for (size_t i = 0; i < m_choices.size(); ++i)
        if (skips(i))
            for (const int n : m_choices[i].nodes) // the add and its branch
                ++skippedBy[n];
    if (skippedBy.empty())
        return g;
    Genotype out = g;
    for (size_t i = 0; i < m_choices.size(); ++i) {
        const ChoicePoint &c = m_choices[i];
        if (c.nodes.empty())
            continue;
        // A block inside a skipped block is gone whether it is kept or skipped itself.
        const int own = skips(i) ? 1 : 0;
        const auto gone = [&](int n) {
            const auto it = skippedBy.find(n);
            return it != skippedBy.end() && it->second > (c.kind == ChoiceKind::Depth ? own : 0);
        };
        const bool dead = c.kind == ChoiceKind::Depth
                              ? gone(c.nodes.front())
                              : std::all_of(c.nodes.begin(), c.nodes.end(), gone)
                                    && std::all_of(c.followers.begin(), c.followers.end(), gone);
        if (dead)
            out[i] = c.referenceOption;
    }
    return out;
}

Genotype Supernet::sample(std::mt19937_64 &rng) const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(int(std::uniform_int_distribution<size_t>(0, c.options.size() - 1)(rng)));
    return g;
}

Genotype Supernet::sampleAtSize(double size, std::mt19937_64 &rng) const
{
    size = std::clamp(size, 0.0, 1.0);
    Genotype g;
    for (const ChoicePoint &c : m_choices) {
        const int last = int(c.options.size()) - 1;
        switch (c.kind) {
        case ChoiceKind::Depth: g.push_back(std::bernoulli_distribution(size)(rng) ? 0 : 1); break;
        case ChoiceKind::Operation:
        case ChoiceKind::Resolution: g.push_back(std::uniform_int_distribution<int>(0, last)(rng)); break;
        default: g.push_back(std::binomial_distribution<int>(last, size)(rng)); break;
        }
    }
    return g;
}

Genotype Supernet::mutate(const Genotype &g, double probability, std::mt19937_64 &rng) const
{
    Genotype out = g;
    std::uniform_real_distribution<double> u(0, 1);
    for (size_t i = 0; i < out.size() && i < m_choices.size(); ++i)
        if (u(rng) < probability)
            out[i] = int(std::uniform_int_distribution<size_t>(0, m_choices[i].options.size() - 1)(rng));
    return out;
}

Genotype Supernet::crossover(const Genotype &a, const Genotype &b, std::mt19937_64 &rng) const
{
    Genotype out = a;
    for (size_t i = 0; i < out.size() && i < b.size(); ++i)
        if (rng() & 1)
            out[i] = b[i];
    return out;
}

bool Supernet::isValid(const Genotype &g) const
{
    if (g.size() != m_choices.size())
        return false;
    for (size_t i = 0; i < g.size(); ++i)
        if (g[i] < 0 || size_t(g[i]) >= m_choices[i].options.size())
            return false;
    return true;
}

} // namespace calibra::supernet
