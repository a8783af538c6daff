// SPDX-License-Identifier: GPL-3.0-or-later
// The project's fields, declared once (ProjectSchema.h): each is written and read back to
// the value it had, and a value outside its range, a name that is not one of the
// choice's, a text of the wrong shape or a missing required one is refused naming its
// field.
#include "project/Project.h"
#include "project/ProjectSchema.h"

#include <QTest>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <functional>

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
    } else if (&section == &schema::tableSection()) {
        p.validator = ValidatorKind::Table;
        p.measurementTable = "/measurements/table.csv";
        p.measurementDevice = "pixel-7";
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

// A value of the text's shape, unlike the demo's (the farm's gres names a board class).
std::string anotherText(const schema::TextField &t)
{
    if (std::string(t.key) == "gres")
        return "board:npu";
    switch (t.shape) {
    case schema::TextShape::Plain: return "another-text";
    case schema::TextShape::Path:
    case schema::TextShape::SharedPath: return "/elsewhere/file.pem";
    case schema::TextShape::Address: return "host.example:50099";
    case schema::TextShape::InputShapes: return "image=1x3x64x64";
    }
    return {};
}

// The project file's text with `edit` applied to the section's mapping, read back.
Project parseEdited(const Project &p, const schema::Section &section, const std::function<void(YAML::Node)> &edit,
                    const std::string &source = "p.yaml")
{
    YAML::Node root = YAML::Load(projectToYaml(p));
    edit(sectionNode(root, section));
    YAML::Emitter out;
    out << root;
    return parseProject(out.c_str(), source);
}

// The message parseEdited throws; empty when the edited file is accepted.
QString editError(const Project &p, const schema::Section &section, const std::function<void(YAML::Node)> &edit)
{
    try {
        parseEdited(p, section, edit);
    } catch (const std::exception &e) {
        return e.what();
    }
    return {};
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
        QCOMPARE(fields, 60);
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

    // Each text is written and read back; a relative path is taken from the project
    // file's folder (made absolute for the farm's jobs); a required text that is missing,
    // or an address with no port, is refused naming its field.
    void everyTextRoundTripsAndIsChecked()
    {
        int texts = 0;
        for (const schema::Section *section : schema::allSections())
            for (const schema::TextField &t : section->texts) {
                const std::string name = fieldPath(*section, t.key);
                Project p = projectWith(*section);
                *t.ref(p) = anotherText(t);
                Project back = parseProject(projectToYaml(p), "p.yaml");
                QCOMPARE(*t.ref(back), *t.ref(p));

                const std::string relative = t.shape == schema::TextShape::Address       ? "relative:1"
                                             : t.shape == schema::TextShape::InputShapes ? "1x3x8x8"
                                                                                         : "board:relative";
                back = parseEdited(
                    p, *section, [&](YAML::Node n) { n[t.key] = relative; }, "/projects/p.yaml");
                const bool resolved = t.shape == schema::TextShape::Path || t.shape == schema::TextShape::SharedPath;
                QCOMPARE(*t.ref(back), resolved ? "/projects/" + relative : relative);

                const QString missing = editError(p, *section, [&](YAML::Node n) { n.remove(t.key); });
                // The platform is required unless a finetuning service holds it.
                if (t.presence == schema::Presence::Required || name == "platform")
                    QVERIFY2(missing.contains(QString::fromStdString(name + ": is missing")), qPrintable(missing));
                else
                    QVERIFY2(missing.isEmpty(), qPrintable(missing));
                // An empty text reads back empty (written, or left out when its default is
                // empty), except a file the project needs: that is refused by name.
                const bool path = t.shape == schema::TextShape::Path || t.shape == schema::TextShape::SharedPath;
                if (std::string(t.key) != "gres" && t.shape != schema::TextShape::Address) {
                    Project empty = p;
                    t.ref(empty)->clear();
                    const QString e = editError(empty, *section, [](YAML::Node) {});
                    if (path && t.presence != schema::Presence::OmitEmpty)
                        QVERIFY2(e.contains(QString::fromStdString(name + ": must name a file")), qPrintable(e));
                    else if (!e.isEmpty())
                        QFAIL((name + " empty: " + e.toStdString()).c_str());
                    else
                        QVERIFY2(t.ref(back = parseProject(projectToYaml(empty), "p.yaml"))->empty(), name.c_str());
                }
                if (t.shape == schema::TextShape::Address) {
                    const QString e = editError(p, *section, [&](YAML::Node n) { n[t.key] = "nowhere"; });
                    QVERIFY2(e.contains(QString::fromStdString(name + ": 'nowhere' is not host:port")), qPrintable(e));
                }
                if (t.shape == schema::TextShape::InputShapes) {
                    const QString e = editError(p, *section, [&](YAML::Node n) { n[t.key] = "1x3xHxW"; });
                    QVERIFY2(e.contains(QString::fromStdString(name + ": '1x3xHxW': 'H' is not a whole number")),
                             qPrintable(e));
                }
                ++texts;
            }
        QCOMPARE(texts, 27); // top 6, board 4, farm 9, table 2, finetuner 6
    }

    // An optional text left empty is not written (the reader keeps the default).
    void anEmptyOptionalTextIsLeftOut()
    {
        Project p = projectWith(schema::farmSection());
        p.farm.partition.clear();
        p.farm.board.serverName.clear();
        const std::string written = projectToYaml(p);
        QVERIFY2(written.find("partition") == std::string::npos, written.c_str());
        QVERIFY2(written.find("server_name") == std::string::npos, written.c_str());
        QCOMPARE(parseProject(written, "p.yaml").farm.partition, std::string());
    }

    // The lists and maps of texts (the board's services, the farm's services by node,
    // the reference devices' models): written, read back, each entry checked.
    void everyListOfTextsRoundTripsAndIsChecked()
    {
        int lists = 0;
        for (const schema::Section *section : schema::allSections())
            for (const schema::TextsField &l : section->textLists) {
                const std::string name = fieldPath(*section, l.key);
                Project p = projectWith(*section);
                const std::string value = l.shape == schema::TextShape::Address ? "b.example:7" : "/models/b.pt";
                std::visit(
                    [&](auto *target) {
                        if constexpr (std::is_same_v<std::remove_pointer_t<decltype(target)>, std::vector<std::string>>)
                            *target = {value, value + "2"};
                        else
                            *target = {{"node1", value}, {"*", value + "2"}};
                    },
                    l.ref(p));
                Project back = parseProject(projectToYaml(p), "p.yaml");
                const bool same = std::visit(
                    [&](auto *a) { return *a == *std::get<std::remove_reference_t<decltype(a)>>(l.ref(back)); },
                    l.ref(p));
                QVERIFY2(same, name.c_str());
                if (l.shape == schema::TextShape::Address) {
                    const QString e = editError(p, *section, [&](YAML::Node n) {
                        if (n[l.key].IsSequence())
                            n[l.key][0] = "nowhere";
                        else
                            n[l.key]["node1"] = "nowhere";
                    });
                    QVERIFY2(e.contains(QString::fromStdString(name + ": 'nowhere' is not host:port")), qPrintable(e));
                }
                if (l.required) {
                    const QString e = editError(p, *section, [&](YAML::Node n) { n.remove(l.key); });
                    QVERIFY2(e.contains(QString::fromStdString(name + ": is missing")), qPrintable(e));
                }
                const QString notAList = editError(p, *section, [&](YAML::Node n) { n[l.key] = "x"; });
                QVERIFY2(notAList.contains(QString::fromStdString(name + ": must ")), qPrintable(notAList));
                ++lists;
            }
        QCOMPARE(lists, 3); // validator.services (board, farm), check.references
    }

    // search.trust_unvalidated: names of metrics, each kept once; latency is refused with
    // the reason.
    void aListOfNamesRoundTripsAndRefusesOthers()
    {
        Project p = demoProject();
        p.trustUnvalidated = {search::CostMetric::MemoryAccess, search::CostMetric::Power};
        const std::string written = projectToYaml(p);
        QVERIFY2(written.find("trust_unvalidated: [memory_access, power]") != std::string::npos, written.c_str());
        QVERIFY(parseProject(written, "p.yaml").trustUnvalidated == p.trustUnvalidated);
        QVERIFY(projectToYaml(demoProject()).find("trust_unvalidated") == std::string::npos);
        const Project twice = parseEdited(demoProject(), schema::searchSection(), [](YAML::Node n) {
            n["trust_unvalidated"] = std::vector<std::string>{"power", "power"};
        });
        QCOMPARE(twice.trustUnvalidated.size(), size_t(1));
        const QString e = editError(demoProject(), schema::searchSection(),
                                    [](YAML::Node n) { n["trust_unvalidated"] = std::vector<std::string>{"latency"}; });
        QVERIFY2(e.contains("search.trust_unvalidated: 'latency' is not power or memory_access (latency is always "
                            "measured)"),
                 qPrintable(e));
        // Latency set from code is left out of the file, not written as a name the
        // reader refuses.
        p.trustUnvalidated = {search::CostMetric::Latency, search::CostMetric::Power};
        QVERIFY(parseProject(projectToYaml(p), "p.yaml").trustUnvalidated
                == std::vector<search::CostMetric>{search::CostMetric::Power});
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
