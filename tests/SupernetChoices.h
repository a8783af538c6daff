// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding a supernet's choice point by kind and name, for the supernet tests.
#include "supernet/Supernet.h"

#include <string>

namespace calibra::test {

// The index of the choice point of `kind` named `name`; -1 when there is none.
inline int choiceIndex(const supernet::Supernet &s, supernet::ChoiceKind kind, const std::string &name)
{
    for (size_t i = 0; i < s.choices().size(); ++i)
        if (s.choices()[i].kind == kind && s.choices()[i].name == name)
            return int(i);
    return -1;
}

} // namespace calibra::test
