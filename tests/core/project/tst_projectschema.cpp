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
    return std::string(section.parent).empty() ? root[section.key] : root[section.parent][section.key];
}

std::string fieldPath(const schema::Section &section, const char *key)
{
    std::string path;
    for (const char *part : {section.parent, section.key})
        if (*part)
            path += std::string(part) + ".";
    return path + key;
}

// The demo project, with the validator or service whose section this is (the others write none).
Project projectWith(const schema::Section &section)
{
    Project p = demoProject();
    p.referenceModels = {"/models/reference-device.pt"}; // check.finetune: transfer needs one
    if (&section == &schema::boardSection()) {
        p.validator = ValidatorKind::Board;
        p.board.services = {"127.0.0.1:50051"};
        p.board.caFile = "/certs/ca.pem";
        p.board.certFile = "/certs/client.pem";
        p.board.keyFile = "/certs/client.key";
    } else if (&section == &schema::farmSection()) {
        p.validator = ValidatorKind::Farm;
        p.farm.spool = "/spool";
        p.farm.gres = "board:npu";
        p.farm.services = {{"*", "127.0.0.1:50051"}};
        p.farm.board.caFile = "/certs/ca.pem";
        p.farm.board.certFile = "/certs/client.pem";
        p.farm.board.keyFile = "/certs/client.key";
    } else if (&section == &schema::finetunerSection()) {
        p.finetuner.address = "127.0.0.1:50061";
        p.finetuner.platformId = "npu-a";
        p.finetuner.caFile = "/certs/ca.pem";
        p.finetuner.certFile = "/certs/client.pem";
        p.finetuner.keyFile = "/certs/client.key";
    }
    return p;
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
                Project p = projectWith(*section);
                setAnotherValue(f, p);
                Project back = parseProject(projectToYaml(p), "p.yaml");
                QVERIFY2(sameValue(f, p, back), fieldPath(*section, f.key).c_str());
                ++fields;
            }
        QCOMPARE(fields, 59);
    }

    // Each list is written and read back to the numbers it held; a number outside the
    // list's range, or an even kernel size, is refused naming the list.
    void everyListRoundTripsAndIsChecked()
    {
        int lists = 0;
        for (const schema::Section *section : schema::allSections())
            for (const schema::ListField &l : section->lists) {
                Project p = projectWith(*section);
                const std::vector<double> other = l.oddWhole ? std::vector<double>{l.min + (int64_t(l.min) % 2 == 0), 7}
                                                             : std::vector<double>{l.min, (l.min + l.max) / 3, l.max};
                std::visit(
                    [&](auto *list) {
                        list->clear();
                        for (double x : other)
                            list->push_back(typename std::remove_pointer_t<decltype(list)>::value_type(x));
                    },
                    l.ref(p));
                Project back = parseProject(projectToYaml(p), "p.yaml");
                const auto numbers = [&](Project &q) {
                    return std::visit([](auto *list) { return std::vector<double>(list->begin(), list->end()); },
                                      l.ref(q));
                };
                QVERIFY2(numbers(back) == other, fieldPath(*section, l.key).c_str());
                std::vector<double> bad{l.max + 1};
                if (l.oddWhole)
                    bad.push_back(4);
                for (const double x : bad) {
                    YAML::Node root = YAML::Load(projectToYaml(p));
                    sectionNode(root, *section)[l.key] = std::vector<double>{x};
                    YAML::Emitter out;
                    out << root;
                    try {
                        parseProject(out.c_str(), "p.yaml");
                        QFAIL(("accepted " + fieldPath(*section, l.key)).c_str());
                    } catch (const std::exception &e) {
                        QVERIFY2(QString(e.what()).contains(QString::fromStdString(fieldPath(*section, l.key) + ": ")),
                                 e.what());
                    }
                }
                ++lists;
            }
        QCOMPARE(lists, 4); // supernet.kernels, expand_ratios, width_ratios, resolution_scales
    }

    // Numbers read as a person wrote them: 0.9, never its double's 0.90000000000000002.
    void everyRealFieldIsWrittenAsItsShortestText()
    {
        int fields = 0;
        for (const schema::Section *section : schema::allSections())
            for (const schema::ScalarField &f : section->fields) {
                Project p = projectWith(*section);
                double *value = std::holds_alternative<double *>(f.ref(p)) ? std::get<double *>(f.ref(p)) : nullptr;
                if (!value || f.min > 0.9 || f.max < 0.9)
                    continue;
                *value = 0.9 * f.fileUnit;
                const YAML::Node root = YAML::Load(projectToYaml(p));
                QCOMPARE(QString::fromStdString(sectionNode(root, *section)[f.key].Scalar()), QString("0.9"));
                ++fields;
            }
        QVERIFY2(fields >= 15, qPrintable(QString::number(fields)));
    }

    void aValueOutsideItsRangeIsRefusedByName()
    {
        for (const schema::Section *section : schema::allSections())
            for (const schema::ScalarField &f : section->fields) {
                Project probe;
                if (std::holds_alternative<bool *>(f.ref(probe)))
                    continue; // a switch has no range
                YAML::Node root = YAML::Load(projectToYaml(projectWith(*section)));
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
