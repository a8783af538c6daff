// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX import of real torchvision exports (tests/data/onnx) and of hand-made
// malformed files.
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/InputShapes.h"
#include "graph/NetworkFile.h"
#include "graph/OnnxFormat.h"
#include "graph/OnnxWeightsInPlace.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "TestData.h"

#include <onnx/onnx_pb.h>

using namespace calibra::graph;

namespace {

const QString kData = QStringLiteral(CALIBRA_TEST_DATA "/onnx");

QString errorOf(const std::string &bytes)
{
    try {
        parseOnnx(bytes, "m.onnx");
    } catch (const GraphError &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A minimal valid model: x -> Relu -> y, opset 13.
onnx::ModelProto tinyModel()
{
    onnx::ModelProto m;
    m.set_ir_version(8);
    m.add_opset_import()->set_version(13);
    auto *g = m.mutable_graph();
    auto declare = [](onnx::ValueInfoProto *vi, const char *name) {
        vi->set_name(name);
        auto *t = vi->mutable_type()->mutable_tensor_type();
        t->set_elem_type(1);
        for (int d : {1, 4, 8, 8})
            t->mutable_shape()->add_dim()->set_dim_value(d);
    };
    declare(g->add_input(), "x");
    declare(g->add_output(), "y");
    auto *n = g->add_node();
    n->set_name("relu");
    n->set_op_type("Relu");
    n->add_input("x");
    n->add_output("y");
    return m;
}

// tinyModel with a padded 3x3 Conv in place of the Relu; its weight "w" is the caller's.
onnx::ModelProto paddedConvModel()
{
    onnx::ModelProto m = tinyModel();
    auto *n = m.mutable_graph()->mutable_node(0);
    n->set_op_type("Conv");
    n->add_input("w");
    auto *pads = n->add_attribute();
    pads->set_name("pads");
    pads->set_type(onnx::AttributeProto::INTS);
    for (int p : {1, 1, 1, 1})
        pads->add_ints(p);
    return m;
}

// The shape declared for tinyModel's input "x" or output "y".
onnx::TensorShapeProto *declaredShape(onnx::ModelProto &m, bool output = false)
{
    auto *vi = output ? m.mutable_graph()->mutable_output(0) : m.mutable_graph()->mutable_input(0);
    return vi->mutable_type()->mutable_tensor_type()->mutable_shape();
}

void setFloatAttr(onnx::NodeProto *n, const char *name, float value)
{
    auto *a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

// x -> gateOp -> g, y = Mul(x, g) with g as Mul's input `gateInput`; torch's names.
onnx::ModelProto gatedModel(const std::string &gateOp, int gateInput)
{
    onnx::ModelProto m = tinyModel();
    auto *gate = m.mutable_graph()->mutable_node(0);
    gate->set_name("/act/" + gateOp);
    gate->set_op_type(gateOp);
    gate->set_output(0, "g");
    auto *mul = m.mutable_graph()->add_node();
    mul->set_name("/act/Mul");
    mul->set_op_type("Mul");
    mul->add_input(gateInput == 0 ? "g" : "x");
    mul->add_input(gateInput == 0 ? "x" : "g");
    mul->add_output("y");
    return m;
}

std::vector<OpType> opsOf(const onnx::ModelProto &m)
{
    std::vector<OpType> ops;
    for (const Node &n : parseOnnx(m.SerializeAsString(), "m.onnx").nodes)
        ops.push_back(n.op);
    return ops;
}

} // namespace

class TestOnnxImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    void matchesTruth_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("mobilenet_v2") << "mobilenet_v2";
        QTest::newRow("resnet18") << "resnet18";
        QTest::newRow("squeezenet1_1") << "squeezenet1_1";
    }
    void matchesTruth()
    {
        QFETCH(QString, model);
        QFile truthFile(kData + "/truth.json");
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        const QJsonObject truth = QJsonDocument::fromJson(truthFile.readAll()).object().value(model).toObject();
        const Network net = loadNetwork((kData + "/" + model + ".onnx.gz").toStdString());
        const NetworkCost cost = networkCost(net);
        // Every float initializer is a stored weight the importer must find.
        QCOMPARE(cost.storedWeightValues, qint64(truth.value("file_float_params").toDouble()));
        const double macs = truth.value("conv_linear_macs").toDouble();
        QVERIFY2(std::abs(double(cost.total.macs) - macs) <= 0.01 * macs,
                 qPrintable(QString("MACs %1 vs %2").arg(cost.total.macs).arg(macs)));
        QCOMPARE(net.nodes.back().outputShapes[0], (Shape{1, 1000}));
        QCOMPARE(net.inputs.at(0).shape, (Shape{1, 3, 224, 224}));
    }

    void readsPlainAndGzippedFiles()
    {
        QTemporaryDir dir;
        const std::string bytes = readFileBytes((kData + "/resnet18.onnx.gz").toStdString());
        QFile plain(dir.filePath("resnet18.onnx"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write(bytes.data(), qint64(bytes.size()));
        plain.close();
        QCOMPARE(loadNetwork(plain.fileName().toStdString()).nodes.size(), size_t(49));
    }

    void rejectsTruncatedFiles()
    {
        const std::string bytes = readFileBytes((kData + "/mobilenet_v2.onnx.gz").toStdString());
        for (size_t cut : {size_t(0), size_t(10), bytes.size() / 3, bytes.size() - 5}) {
            const QString msg = errorOf(bytes.substr(0, cut));
            QVERIFY2(msg.startsWith("m.onnx: "), qPrintable(msg));
        }
        QTemporaryDir dir;
        QFile gz(dir.filePath("cut.onnx.gz"));
        QVERIFY(gz.open(QIODevice::WriteOnly));
        QFile src(kData + "/mobilenet_v2.onnx.gz");
        QVERIFY(src.open(QIODevice::ReadOnly));
        gz.write(src.readAll().left(4000));
        gz.close();
        try {
            loadNetwork(gz.fileName().toStdString());
            QFAIL("a truncated gzip file loaded");
        } catch (const GraphError &e) {
            QVERIFY2(QString(e.what()).contains("truncated"), e.what());
        }
    }

    void namesUnsupportedOps()
    {
        onnx::ModelProto m = tinyModel();
        m.mutable_graph()->mutable_node(0)->set_op_type("NonMaxSuppression");
        QCOMPARE(errorOf(m.SerializeAsString()),
                 QString("m.onnx: ONNX node 'relu' (NonMaxSuppression): unsupported operator 'NonMaxSuppression'"));
    }

    // PRelu's slopes as torch exports them: one per channel as C x 1 x 1, or one shared;
    // a slope on another axis is refused naming the node and both shapes.
    void readsPReluSlopes()
    {
        const auto preluModel = [](std::vector<int> dims) {
            onnx::ModelProto m = tinyModel();
            auto *n = m.mutable_graph()->mutable_node(0);
            n->set_op_type("PRelu");
            n->add_input("slope");
            auto *s = m.mutable_graph()->add_initializer();
            s->set_name("slope");
            s->set_data_type(1);
            int count = 1;
            for (int d : dims) {
                s->add_dims(d);
                count *= d;
            }
            for (int i = 0; i < count; ++i)
                s->add_float_data(0.1f * float(i + 1));
            return m.SerializeAsString();
        };
        Network net = parseOnnx(preluModel({4, 1, 1}), "m.onnx");
        QCOMPARE(net.nodes.back().op, OpType::PReLU);
        QCOMPARE(net.nodes.back().attrs.getBool("shared"), false);
        QCOMPARE(net.nodes.back().weights.at("weight").shape, Shape{4});
        QCOMPARE(net.nodes.back().weights.at("weight").data.at(3), 0.4f);
        net = parseOnnx(preluModel({1, 4, 1, 1}), "m.onnx"); // the same rank as the input: axis 1 too
        QCOMPARE(net.nodes.back().weights.at("weight").shape, Shape{4});
        net = parseOnnx(preluModel({1}), "m.onnx");
        QCOMPARE(net.nodes.back().attrs.getBool("shared"), true);
        QCOMPARE(net.nodes.back().weights.at("weight").shape, Shape{1});
        QCOMPARE(errorOf(preluModel({1, 4})),
                 QString("m.onnx: ONNX node 'relu' (PRelu): a slope of shape [1, 4] for an input of shape [1, 4, 8, 8] "
                         "is not supported: one slope, or one per channel (axis 1)"));
    }

    // Resize keeps how it samples (torch's align_corners=True is ONNX's
    // coordinate_transformation_mode align_corners), read and written back; a mode
    // Calibra cannot compute is refused with the node named.
    void keepsResizeSampling()
    {
        const auto resizeModel = [](const char *coordinates) {
            onnx::ModelProto m = tinyModel();
            auto *n = m.mutable_graph()->mutable_node(0);
            n->set_op_type("Resize");
            n->add_input("");
            n->add_input("scales");
            for (const auto &[name, value] :
                 {std::pair{"mode", "linear"}, std::pair{"coordinate_transformation_mode", coordinates}}) {
                auto *a = n->add_attribute();
                a->set_name(name);
                a->set_type(onnx::AttributeProto::STRING);
                a->set_s(value);
            }
            auto *scales = m.mutable_graph()->add_initializer();
            scales->set_name("scales");
            scales->set_data_type(1);
            scales->add_dims(4);
            for (float v : {1.f, 1.f, 2.f, 2.f})
                scales->add_float_data(v);
            for (int axis : {2, 3})
                declaredShape(m, true)->mutable_dim(axis)->set_dim_value(16);
            return m.SerializeAsString();
        };
        const Network net = parseOnnx(resizeModel("align_corners"), "m.onnx");
        QCOMPARE(net.nodes.back().attrs.getString("coordinate_transformation_mode"), std::string("align_corners"));
        onnx::ModelProto back;
        QVERIFY(back.ParseFromString(networkToOnnx(net)));
        bool written = false;
        for (const onnx::NodeProto &n : back.graph().node())
            for (const onnx::AttributeProto &a : n.attribute())
                written |=
                    n.op_type() == "Resize" && a.name() == "coordinate_transformation_mode" && a.s() == "align_corners";
        QVERIFY(written);
        QVERIFY2(errorOf(resizeModel("tf_crop_and_resize"))
                     .startsWith("m.onnx: ONNX node 'relu' (Resize): attribute 'coordinate_transformation_mode' must "
                                 "be half_pixel, pytorch_half_pixel, align_corners or asymmetric"),
                 qPrintable(errorOf(resizeModel("tf_crop_and_resize"))));
    }

    // What stays computed after shape folding is refused naming the node and, for the
    // pieces of a decomposition Calibra recognises, the pattern it expected.
    void namesWhatStaysComputed()
    {
        onnx::ModelProto m = tinyModel();
        auto *n = m.mutable_graph()->mutable_node(0);
        n->set_op_type("Sub");
        n->add_input("x");
        QVERIFY2(errorOf(m.SerializeAsString())
                     .startsWith("m.onnx: ONNX node 'relu' (Sub): only a stored constant can be "
                                 "subtracted"),
                 qPrintable(errorOf(m.SerializeAsString())));
        n->clear_input();
        n->add_input("x");
        n->set_op_type("Erf");
        QVERIFY(
            errorOf(m.SerializeAsString()).contains("unsupported operator 'Erf' (Calibra reads the exporter's GELU"));
        // A Shape of the input folds: Reshape(x, Shape(x)) is the identity.
        n->set_op_type("Reshape");
        n->add_input("s");
        auto *shape = m.mutable_graph()->add_node();
        shape->set_op_type("Shape");
        shape->set_name("shape");
        shape->add_input("x");
        shape->add_output("s");
        m.mutable_graph()->mutable_node()->SwapElements(0, 1);
        const Network net = parseOnnx(m.SerializeAsString(), "m.onnx");
        QCOMPARE(net.nodes.size(), size_t(1));
        QCOMPARE(net.nodes[0].attrs.getInts("shape"), (std::vector<int64_t>{1, 4, 8, 8}));
    }

    // MaxViT's attention: Einsum as a batched matrix product.
    void readsEinsumProducts()
    {
        onnx::ModelProto m = tinyModel();
        auto *n = m.mutable_graph()->mutable_node(0);
        n->set_op_type("Einsum");
        n->add_input("x");
        auto *eq = n->add_attribute();
        eq->set_name("equation");
        eq->set_type(onnx::AttributeProto::STRING);
        eq->set_s("b h i d, b h j d -> b h i j");
        const Network net = parseOnnx(m.SerializeAsString(), "m.onnx");
        QCOMPARE(net.nodes.size(), size_t(2));
        QCOMPARE(net.nodes[0].op, OpType::Transpose);
        QCOMPARE(net.nodes[0].attrs.getInts("perm"), (std::vector<int64_t>{0, 1, 3, 2}));
        QCOMPARE(net.nodes[1].op, OpType::MatMul);
        QCOMPARE(net.nodes[1].outputShapes.at(0), (Shape{1, 4, 8, 8}));
        eq->set_s("bhid,bhjd->bhji");
        QVERIFY(errorOf(m.SerializeAsString()).contains("is not a batched matrix product"));
    }

    // Only a symbolic batch is read as 1 (docs/formats.md). Read as 1, a symbolic height
    // and width gave a 1x1 network with no warning: they are refused, named.
    void refusesSymbolicSpatialDimensions()
    {
        onnx::ModelProto m = tinyModel();
        onnx::TensorShapeProto *x = declaredShape(m);
        x->mutable_dim(0)->set_dim_param("batch");
        QCOMPARE(parseOnnx(m.SerializeAsString(), "m.onnx").inputs.at(0).shape, (Shape{1, 4, 8, 8}));
        x->mutable_dim(2)->set_dim_param("h");
        x->mutable_dim(3)->set_dim_param("w");
        QCOMPARE(errorOf(m.SerializeAsString()),
                 QString("m.onnx: input 'x' has symbolic dimensions h, w (axes 2, 3): give its size "
                         "(--input-shape x=1x4x?x? with the question marks filled in; in a project, "
                         "reference_input_shape) or export the model with a fixed input size (only a symbolic "
                         "batch, axis 0, is read, as 1)"));
        // A dimension without a name or size, or of size 0, is as unknown.
        x->mutable_dim(2)->set_dim_value(8);
        x->mutable_dim(3)->clear_value();
        QVERIFY2(errorOf(m.SerializeAsString()).contains("input 'x' has symbolic dimensions ? (axis 3)"),
                 qPrintable(errorOf(m.SerializeAsString())));
        x->mutable_dim(3)->set_dim_value(0);
        QVERIFY(errorOf(m.SerializeAsString()).contains("input 'x' has symbolic dimensions ? (axis 3)"));
    }

    // The size of a symbolic input can be given on import; it must fit what is declared.
    void readsGivenInputSizes()
    {
        onnx::ModelProto m = tinyModel();
        for (onnx::TensorShapeProto *shape : {declaredShape(m), declaredShape(m, true)}) {
            shape->mutable_dim(0)->set_dim_param("batch");
            shape->mutable_dim(2)->set_dim_param("h");
            shape->mutable_dim(3)->set_dim_param("w");
        }
        const std::string bytes = m.SerializeAsString();
        OnnxImportOptions options;
        options.inputShapes["x"] = {2, 4, 16, 12};
        const Network net = parseOnnx(bytes, "m.onnx", options);
        QCOMPARE(net.inputs.at(0).shape, (Shape{2, 4, 16, 12}));
        QCOMPARE(net.nodes.back().outputShapes.at(0), (Shape{2, 4, 16, 12}));
        auto errorWith = [&](const OnnxImportOptions &o) {
            try {
                parseOnnx(bytes, "m.onnx", o);
            } catch (const GraphError &e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        options.inputShapes["x"] = {1, 3, 16, 16}; // 3 channels where the file has 4
        QCOMPARE(errorWith(options), QString("m.onnx: the size [1, 3, 16, 16] given for input 'x' does not fit its "
                                             "declared shape [batch, 4, h, w]"));
        options.inputShapes["x"] = {4, 16, 16};
        QVERIFY(errorWith(options).contains("the size [4, 16, 16] given for input 'x' does not fit"));
        options.inputShapes = {{"image", {1, 4, 8, 8}}};
        QCOMPARE(errorWith(options),
                 QString("m.onnx: a size is given for input 'image', which the model does not have"));
        // A size without a name is the only input's.
        options.inputShapes = {{kOnlyInput, {1, 4, 16, 12}}};
        QCOMPARE(parseOnnx(bytes, "m.onnx", options).inputs.at(0).shape, (Shape{1, 4, 16, 12}));
        options.inputShapes["x"] = {1, 4, 8, 8};
        QCOMPARE(errorWith(options), QString("m.onnx: two sizes are given for input 'x'"));
    }

    // Sizes as written on the command line or in a project, and where they apply.
    void parsesInputShapeSpecs()
    {
        QCOMPARE(parseInputShapes("1x3x224x224", "--input-shape"), (InputShapes{{kOnlyInput, {1, 3, 224, 224}}}));
        const InputShapes two = parseInputShapes(" image=1x3X32x32  mask=1x1x32x32 ", "--input-shape");
        QCOMPARE(two, (InputShapes{{"image", {1, 3, 32, 32}}, {"mask", {1, 1, 32, 32}}}));
        QCOMPARE(parseInputShapes(inputShapesSpec(two), "x"), two);
        QVERIFY(parseInputShapes("", "x").empty());
        auto errorOfSpec = [](const std::string &spec) {
            try {
                parseInputShapes(spec, "reference_input_shape");
            } catch (const GraphError &e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        QCOMPARE(errorOfSpec("1x3x224"), QString());
        QCOMPARE(errorOfSpec("1x3xHx224"),
                 QString("reference_input_shape '1x3xHx224': 'H' is not a whole number (expected 1x3x224x224, or "
                         "NAME=1x3x224x224 for a named input)"));
        QVERIFY(errorOfSpec("1x0x2").contains("a size must be 1 to 16777216, not 0"));
        QVERIFY(errorOfSpec("1,3,224,224").contains("'1,3,224,224' is not a whole number"));
        QVERIFY(errorOfSpec("1x3x").contains("'' is not a whole number"));
        QVERIFY(errorOfSpec("=1x3").contains("no input name before '='"));
        QVERIFY(errorOfSpec("a=1 a=2").contains("a second size for input 'a'"));
        QVERIFY(errorOfSpec("1x2 3x4").contains("two sizes without an input name"));
        // A network whose sizes are fixed is not resized.
        try {
            loadNetwork("builtin:resnet18", {{kOnlyInput, {1, 3, 64, 64}}});
            QFAIL("a built-in network took a size");
        } catch (const GraphError &e) {
            QVERIFY(QString(e.what()).contains("builtin:resnet18: input sizes apply only to ONNX models"));
        }
    }

    // x * Sigmoid(x) is SiLU and x * HardSigmoid(x) with alpha 1/6 is HardSwish (torch's
    // opset-13 form): one op each, either operand order, named as torch names the op.
    void recombinesGatedActivations()
    {
        for (int gateInput : {0, 1}) {
            const Network silu = parseOnnx(gatedModel("Sigmoid", gateInput).SerializeAsString(), "m.onnx");
            QCOMPARE(silu.nodes.size(), size_t(1));
            QCOMPARE(silu.nodes[0].op, OpType::SiLU);
            QCOMPARE(silu.nodes[0].name, std::string("/act/SiLU"));
            QCOMPARE(silu.nodes[0].inputs, std::vector<std::string>{"x"});
            QCOMPARE(silu.nodes[0].outputs, std::vector<std::string>{"y"});

            onnx::ModelProto m = gatedModel("HardSigmoid", gateInput);
            // ONNX's default HardSigmoid (alpha 0.2) is not HardSwish's gate.
            QCOMPARE(opsOf(m), (std::vector<OpType>{OpType::HardSigmoid, OpType::Mul}));
            setFloatAttr(m.mutable_graph()->mutable_node(0), "alpha", 1.0f / 6.0f);
            const Network hardSwish = parseOnnx(m.SerializeAsString(), "m.onnx");
            QCOMPARE(hardSwish.nodes.size(), size_t(1));
            QCOMPARE(hardSwish.nodes[0].op, OpType::HardSwish);
            QCOMPARE(hardSwish.nodes[0].name, std::string("/act/HardSwish"));
            setFloatAttr(m.mutable_graph()->mutable_node(0), "beta", 0.6f);
            QCOMPARE(opsOf(m), (std::vector<OpType>{OpType::HardSigmoid, OpType::Mul}));
        }
    }

    // A gate that is used elsewhere, or that gates another tensor (squeeze-and-excite's
    // x * Sigmoid(fc(x))), stays as it is.
    void keepsOtherGates()
    {
        onnx::ModelProto m = gatedModel("Sigmoid", 1);
        m.mutable_graph()->add_output()->set_name("g");
        QCOMPARE(opsOf(m), (std::vector<OpType>{OpType::Sigmoid, OpType::Mul}));

        m = gatedModel("Sigmoid", 1);
        auto *relu = m.mutable_graph()->add_node();
        relu->set_op_type("Relu");
        relu->add_input("x");
        relu->add_output("r");
        m.mutable_graph()->mutable_node()->SwapElements(1, 2);
        m.mutable_graph()->mutable_node(2)->set_input(0, "r"); // y = r * Sigmoid(x)
        QCOMPARE(opsOf(m), (std::vector<OpType>{OpType::Sigmoid, OpType::ReLU, OpType::Mul}));
    }

    void rejectsUnsupportedOpsets()
    {
        onnx::ModelProto m = tinyModel();
        m.mutable_opset_import(0)->set_version(7);
        QVERIFY(errorOf(m.SerializeAsString()).contains("opset 7 is not supported"));
        m.mutable_opset_import(0)->set_version(13);
        QVERIFY(errorOf(m.SerializeAsString()).isEmpty());
    }

    // Hand-made hostile graphs found by review and fuzzing: each must be an error.
    void rejectsMalformedGraphs()
    {
        onnx::ModelProto m = tinyModel();
        m.mutable_graph()->mutable_node(0)->clear_output();
        QVERIFY(errorOf(m.SerializeAsString()).contains("has no output"));

        m = tinyModel(); // Identity a -> b, b -> a
        auto *g = m.mutable_graph();
        for (auto [in, out] : {std::pair{"b", "a"}, std::pair{"a", "b"}}) {
            auto *n = g->add_node();
            n->set_op_type("Identity");
            n->add_input(in);
            n->add_output(out);
        }
        QVERIFY(errorOf(m.SerializeAsString()).contains("its output is its own input"));

        m = tinyModel();
        m.mutable_graph()->mutable_node(0)->set_op_type("MatMul");
        QVERIFY(errorOf(m.SerializeAsString()).contains("takes 2 inputs, got 1"));

        m = tinyModel(); // Reshape to a float "shape" of 1e30
        auto *n = m.mutable_graph()->mutable_node(0);
        n->set_op_type("Reshape");
        n->add_input("shape");
        auto *t = m.mutable_graph()->add_initializer();
        t->set_name("shape");
        t->set_data_type(1);
        t->add_dims(1);
        t->add_float_data(1e30f);
        QVERIFY(errorOf(m.SerializeAsString()).contains("is not a usable integer"));
    }

    void rejectsWrongInitializerSizes()
    {
        onnx::ModelProto m = tinyModel();
        auto *n = m.mutable_graph()->mutable_node(0);
        n->set_op_type("Conv");
        n->add_input("w");
        auto *w = m.mutable_graph()->add_initializer();
        w->set_name("w");
        w->set_data_type(1);
        for (int d : {4, 4, 3, 3})
            w->add_dims(d);
        w->set_raw_data(std::string(10, '\0'));
        QVERIFY(errorOf(m.SerializeAsString()).contains("initializer 'w' holds 10 bytes"));
        w->set_raw_data(std::string(4 * 4 * 9 * 4, '\0'));
        // Sizes now agree; the unpadded 3x3 conv gives 6x6, not the declared 8x8.
        QCOMPARE(errorOf(m.SerializeAsString()),
                 QString("m.onnx: output 'y' is declared with shape [1, 4, 8, 8] but the graph computes [1, 4, 6, 6]"));
    }
    // Weights stored as ONNX external data (models over 2 GB, or saved with
    // save_as_external_data) are read from files beside the model, at their offsets.
    void readsExternalData()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        onnx::ModelProto m = paddedConvModel();
        auto *w = m.mutable_graph()->add_initializer();
        w->set_name("w");
        w->set_data_type(1);
        for (int d : {4, 4, 3, 3})
            w->add_dims(d);
        w->set_data_location(onnx::TensorProto::EXTERNAL);
        auto entry = [w](const char *key, const std::string &value) {
            auto *e = w->add_external_data();
            e->set_key(key);
            e->set_value(value);
        };
        entry("location", "weights/w.bin");
        entry("offset", "16");
        entry("length", std::to_string(4 * 4 * 9 * 4));
        std::vector<float> values(4 * 4 * 9);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = float(i) * 0.5f - 3.0f;
        QVERIFY(QDir(dir.path()).mkpath("weights"));
        QFile data(dir.filePath("weights/w.bin"));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write(QByteArray(16, 'x'));
        data.write(reinterpret_cast<const char *>(values.data()), qint64(values.size() * sizeof(float)));
        data.close();
        auto save = [&](const onnx::ModelProto &model) {
            QFile f(dir.filePath("model.onnx"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            const std::string bytes = model.SerializeAsString();
            f.write(bytes.data(), qint64(bytes.size()));
        };
        auto loadError = [&]() -> QString {
            try {
                loadNetwork(dir.filePath("model.onnx").toStdString());
            } catch (const GraphError &e) {
                return QString::fromStdString(e.what());
            }
            return {};
        };
        save(m);
        const Network net = loadNetwork(dir.filePath("model.onnx").toStdString());
        QCOMPARE(net.nodes.size(), size_t(1));
        QCOMPARE(net.nodes.front().weights.at("weight").data, values);

        // Bytes without a file have no folder to read from.
        QVERIFY(errorOf(m.SerializeAsString()).contains("can only be read when the model is opened from its file"));
        // A location may not leave the model's folder, nor be absolute.
        w->mutable_external_data(0)->set_value("../w.bin");
        save(m);
        QVERIFY2(loadError().contains("must be a path inside the model's folder"), qPrintable(loadError()));
        w->mutable_external_data(0)->set_value(dir.filePath("weights/w.bin").toStdString());
        save(m);
        QVERIFY2(loadError().contains("must be a path inside the model's folder"), qPrintable(loadError()));
        w->mutable_external_data(0)->set_value("weights/missing.bin");
        save(m);
        QVERIFY2(loadError().contains("external data file not found"), qPrintable(loadError()));
        // A range past the file's end, and a length that does not fit the shape.
        w->mutable_external_data(0)->set_value("weights/w.bin");
        w->mutable_external_data(1)->set_value("32");
        save(m);
        QVERIFY2(loadError().contains("is past the file's end (592 bytes)"), qPrintable(loadError()));
        w->mutable_external_data(1)->set_value("16");
        w->mutable_external_data(2)->set_value("64");
        save(m);
        QVERIFY2(loadError().contains("initializer 'w' holds 64 bytes, its shape needs 576"), qPrintable(loadError()));
        w->mutable_external_data(2)->set_value("-1");
        save(m);
        QVERIFY2(loadError().contains("external data length '-1' is not a byte count"), qPrintable(loadError()));
    }
    // Large weights are parsed in place (OnnxWeightsInPlace.h): the protobuf parser sees
    // only the structure, and the values come from the model's own bytes, unchanged.
    void readsLargeWeightsInPlace()
    {
        onnx::ModelProto m = paddedConvModel();
        // 4 outputs x 4 inputs x 3 x 3 is too small to matter; widen the input to 512
        // channels: 73 KB of weights.
        auto *x = m.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
        x->mutable_dim(1)->set_dim_value(512);
        auto *w = m.mutable_graph()->add_initializer();
        w->set_name("w");
        w->set_data_type(1);
        for (int d : {4, 512, 3, 3})
            w->add_dims(d);
        std::vector<float> values(4 * 512 * 9);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = float(i % 1000) * 0.25f - 7.0f;
        w->set_raw_data(std::string(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(float)));
        const std::string bytes = m.SerializeAsString();
        const std::optional<std::string> slim = withWeightsInPlace(bytes);
        QVERIFY(slim.has_value());
        QVERIFY(slim->size() < 1024);                                           // the structure only
        QVERIFY(!withWeightsInPlace(bytes, values.size() * sizeof(float) + 1)); // nothing that large
        QVERIFY(!withWeightsInPlace(bytes.substr(0, bytes.size() - 7)));        // truncated: left to the parser
        const Network net = parseOnnx(bytes, "m.onnx");
        QCOMPARE(net.nodes.front().weights.at("weight").data, values);
        QVERIFY(errorOf(bytes.substr(0, bytes.size() - 7)).contains("not a valid ONNX model"));
        // A size that does not fit the shape is still named.
        w->set_raw_data(w->raw_data() + std::string(4, '\0'));
        QVERIFY(errorOf(m.SerializeAsString()).contains("initializer 'w' holds 73732 bytes, its shape needs 73728"));
    }
};

QTEST_GUILESS_MAIN(TestOnnxImport)
#include "tst_onnximport.moc"
