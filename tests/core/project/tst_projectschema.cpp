// SPDX-License-Identifier: GPL-3.0-or-later
// The project's scalar fields and choices, declared once (ProjectSchema.h): each is
// written and read back to the value it had, and a value outside its range, or a name
// that is not one of the choice's, is refused naming its field.
#include "project/Project.h"
#include "project/ProjectSchema.h"

#include <QTest>

#include <yaml-cpp/yaml.h>

#include <cmath>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

// Where a section's mapping sits in the file ("agg" is inside "check").
YAML::Node sectionNode(YAML::Node root, const schema::Section &section)
{
    if (std::string(section.key).empty())
        return root;
    return std::string(section.key) == "agg" ? root["check"]["agg"] : root[section.key];
}

std::string fieldPath(const schema::Section &section, const char *key)
{
    const std::string prefix = std::string(section.key) == "agg" ? "check.agg." : section.key;
    return prefix.empty() ? key : (prefix.back() == '.' ? prefix : prefix + ".") + key;
}

// A value of the field's type inside its range and unlike the demo's.
void setAnotherValue(const schema::ScalarField &f, Project &p)
{
    std::visit(
        [&](auto *value) {
            using T = std::remove_pointer_t<decltype(value)>;
            if constexpr (std::is_same_v<T, bool>)
                *value = !*value;
            else if constexpr (std::is_same_v<T, double>)
                *value = (f.min + (f.max - f.min) * 0.37) * f.fileUnit;
            else
                *value = T(*value == T(f.max) ? f.min : f.max);
        },
        f.ref(p));
}

bool sameValue(const schema::ScalarField &f, Project &a, Project &b)
{
    return std::visit(
        [&](auto *x) {
            using T = std::remove_pointer_t<decltype(x)>;
            const T y = *std::get<T *>(f.ref(b));
            if constexpr (std::is_same_v<T, double>)
                return std::abs(*x - y) <= 1e-12 * std::max(1.0, std::abs(y));
            else
                return *x == y;
        },
        f.ref(a));
}

} // namespace

class TestProjectSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFieldRoundTrips()
    {
        int fields = 0;
        for (const schema::Section *section : schema::allSections())
            for (const schema::ScalarField &f : section->fields) {
                Project p = demoProject();
                setAnotherValue(f, p);
                Project back = parseProject(projectToYaml(p), "p.yaml");
                QVERIFY2(sameValue(f, p, back), fieldPath(*section, f.key).c_str());
                ++fields;
            }
        QCOMPARE(fields, 32);
    }

    void aValueOutsideItsRangeIsRefusedByName()
    {
        for (const schema::Section *section : schema::allSections())
            for (const schema::ScalarField &f : section->fields) {
                Project probe;
                if (std::holds_alternative<bool *>(f.ref(probe)))
                    continue; // a switch has no range
                YAML::Node root = YAML::Load(projectToYaml(demoProject()));
                sectionNode(root, *section)[f.key] = f.max + std::max(1.0, std::abs(f.max));
                YAML::Emitter out;
                out << root;
                const std::string name = fieldPath(*section, f.key);
                try {
                    parseProject(out.c_str(), "p.yaml");
                    QFAIL(("accepted " + name).c_str());
                } catch (const std::exception &e) {
                    QVERIFY2(QString(e.what()).contains(QString::fromStdString(name + ": "))
                                 && QString(e.what()).contains("is out of range"),
                             e.what());
                }
            }
    }

    void everyChoiceRoundTripsEachOfItsNames()
    {
        int choices = 0;
        for (const schema::Section *section : schema::allSections())
            for (const schema::ChoiceField &c : section->choices) {
                QVERIFY2(c.names.size() >= 2, c.key);
                for (int i = 0; i < int(c.names.size()); ++i) {
                    Project p = demoProject();
                    p.referenceModels = {"/models/reference-device.pt"}; // check.finetune: transfer needs one
                    c.set(p, i);
                    Project back;
                    try {
                        back = parseProject(projectToYaml(p), "p.yaml");
                    } catch (const std::exception &e) {
                        QFAIL((fieldPath(*section, c.key) + " = " + c.names[size_t(i)] + ": " + e.what()).c_str());
                    }
                    QVERIFY2(c.get(back) == i, (fieldPath(*section, c.key) + " = " + c.names[size_t(i)]).c_str());
                    YAML::Node root = YAML::Load(projectToYaml(p));
                    QCOMPARE(sectionNode(root, *section)[c.key].as<std::string>(), c.names[size_t(i)]);
                }
                ++choices;
            }
        QCOMPARE(choices, 5); // accuracy_estimator, mode, check.finetune, search.algorithm, oneshot.on_poor_estimates
    }

    void anUnknownNameIsRefusedListingTheChoices()
    {
        for (const schema::Section *section : schema::allSections())
            for (const schema::ChoiceField &c : section->choices) {
                YAML::Node root = YAML::Load(projectToYaml(demoProject()));
                sectionNode(root, *section)[c.key] = "bogus";
                YAML::Emitter out;
                out << root;
                const std::string name = fieldPath(*section, c.key);
                try {
                    parseProject(out.c_str(), "p.yaml");
                    QFAIL(("accepted " + name + ": bogus").c_str());
                } catch (const std::exception &e) {
                    QVERIFY2(QString(e.what()).contains(QString::fromStdString(name + ": expected " + c.namesText())),
                             e.what());
                }
            }
    }

    void eachSectionAllowsItsKeysOnly()
    {
        YAML::Node root = YAML::Load(projectToYaml(demoProject()));
        root["search"]["populaton"] = 12;
        YAML::Emitter out;
        out << root;
        try {
            parseProject(out.c_str(), "p.yaml");
            QFAIL("a misspelt key was accepted");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains("search.populaton: unknown field (allowed: algorithm, generations"),
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestProjectSchema)
#include "tst_projectschema.moc"
