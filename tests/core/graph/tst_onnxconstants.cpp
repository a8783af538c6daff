// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation of the ONNX ops that compute shapes and constants at import: the ONNX
// specification's semantics (broadcasting, negative and clamped slice positions,
// integer division, gathers, squeezes), the size cap, and clear refusals.
#include "graph/OnnxConstants.h"

#include <onnx/onnx_pb.h>

#include <QTest>

using namespace calibra::graph;

namespace {

ConstTensor ints(std::vector<int64_t> v, Shape shape = {})
{
    ConstTensor t;
    t.shape = shape.empty() ? Shape{int64_t(v.size())} : shape;
    t.values.assign(v.begin(), v.end());
    t.isFloat = false;
    return t;
}

ConstTensor scalar(int64_t v)
{
    ConstTensor t = ints({v});
    t.shape.clear();
    return t;
}

ConstTensor floats(std::vector<double> v, Shape shape)
{
    ConstTensor t;
    t.shape = std::move(shape);
    t.values = std::move(v);
    return t;
}

onnx::NodeProto node(const char *type, std::vector<std::pair<const char *, int64_t>> intAttrs = {},
                     std::vector<int64_t> perm = {})
{
    onnx::NodeProto n;
    n.set_op_type(type);
    n.set_name(std::string(type) + "_test");
    for (auto [name, value] : intAttrs) {
        auto *a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }
    if (!perm.empty()) {
        auto *a = n.add_attribute();
        a->set_name("perm");
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t p : perm)
            a->add_ints(p);
    }
    return n;
}

ConstTensor eval(const onnx::NodeProto &n, std::vector<const ConstTensor *> in, int opset = 13)
{
    return evaluateConstantNode(n, in, opset).at(0);
}

std::vector<double> values(std::initializer_list<double> v)
{
    return v;
}

} // namespace

class TestOnnxConstants : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapeReadsOnlyTheShape()
    {
        ConstTensor computed{{1, 58, 28, 28}, {}, true, false, false}; // no data: a computed tensor
        const ConstTensor s = eval(node("Shape"), {&computed});
        QCOMPARE(s.values, values({1, 58, 28, 28}));
        QVERIFY(!s.isFloat);
        const ConstTensor tail = eval(node("Shape", {{"start", -2}}), {&computed}, 15);
        QCOMPARE(tail.values, values({28, 28}));
    }

    void shuffleNetsChannelSplitArithmetic()
    {
        // Gather(Shape(x), 1) -> (+1) / 2 -> the split point, as the exporter writes chunk(2).
        const ConstTensor shape = ints({1, 116, 28, 28}), one = scalar(1), two = scalar(2);
        ConstTensor index = scalar(1);
        const ConstTensor c = eval(node("Gather", {{"axis", 0}}), {&shape, &index});
        QVERIFY(c.shape.empty());
        const ConstTensor sum = eval(node("Add"), {&c, &one});
        const ConstTensor half = eval(node("Div"), {&sum, &two});
        QCOMPARE(half.values, values({58})); // integer division truncates: 117 / 2
    }

    void broadcastsLikeNumpy()
    {
        const ConstTensor a = floats({1, 2, 3}, {3}), b = floats({10, 20}, {2, 1});
        const ConstTensor sum = eval(node("Add"), {&a, &b});
        QCOMPARE(sum.shape, (Shape{2, 3}));
        QCOMPARE(sum.values, values({11, 12, 13, 21, 22, 23}));
        const ConstTensor c = floats({1, 2, 3, 4}, {4});
        QVERIFY_THROWS_EXCEPTION(FoldError, eval(node("Mul"), {&a, &c}));
    }

    void slicesClampAndCountFromTheEnd()
    {
        const std::vector<SliceRange> r = resolveSlice({10, 6}, {-3, 1}, {INT64_MAX, 100}, {}, {1, 2});
        QCOMPARE(r.size(), size_t(2));
        QCOMPARE(r[0].start, int64_t(7));
        QCOMPARE(r[0].count, int64_t(3));
        QCOMPARE(r[1].start, int64_t(1));
        QCOMPARE(r[1].count, int64_t(3)); // 1, 3, 5
        const std::vector<SliceRange> back = resolveSlice({5}, {-1}, {-6}, {0}, {-1});
        QCOMPARE(back[0].start, int64_t(4));
        QCOMPARE(back[0].count, int64_t(5)); // the whole axis reversed
        QVERIFY_THROWS_EXCEPTION(FoldError, resolveSlice({5}, {0}, {5}, {0}, {0}));

        const ConstTensor x = ints({0, 1, 2, 3, 4, 5}, {2, 3});
        const ConstTensor starts = ints({1}), ends = ints({3}), axes = ints({1});
        const ConstTensor s = eval(node("Slice"), {&x, &starts, &ends, &axes});
        QCOMPARE(s.shape, (Shape{2, 2}));
        QCOMPARE(s.values, values({1, 2, 4, 5}));
    }

    void gathersConcatsAndTransposes()
    {
        const ConstTensor x = ints({0, 1, 2, 3, 4, 5}, {2, 3}), idx = ints({2, 0});
        const ConstTensor g = eval(node("Gather", {{"axis", 1}}), {&x, &idx});
        QCOMPARE(g.shape, (Shape{2, 2}));
        QCOMPARE(g.values, values({2, 0, 5, 3}));
        const ConstTensor bad = ints({3});
        QVERIFY_THROWS_EXCEPTION(FoldError, eval(node("Gather", {{"axis", 1}}), {&x, &bad}));

        const ConstTensor y = ints({6, 7}, {2, 1});
        const ConstTensor c = eval(node("Concat", {{"axis", 1}}), {&x, &y});
        QCOMPARE(c.shape, (Shape{2, 4}));
        QCOMPARE(c.values, values({0, 1, 2, 6, 3, 4, 5, 7}));

        const ConstTensor t = eval(node("Transpose", {}, {1, 0}), {&x});
        QCOMPARE(t.shape, (Shape{3, 2}));
        QCOMPARE(t.values, values({0, 3, 1, 4, 2, 5}));
    }

    void squeezesAndReshapes()
    {
        const ConstTensor x = scalar(5);
        const ConstTensor axes = ints({0});
        const ConstTensor u = eval(node("Unsqueeze"), {&x, &axes});
        QCOMPARE(u.shape, (Shape{1}));
        const ConstTensor s = eval(node("Squeeze"), {&u, &axes});
        QVERIFY(s.shape.empty());
        const ConstTensor wide = ints({1, 2, 3, 4, 5, 6}, {1, 6}), target = ints({0, -1, 2});
        QCOMPARE(eval(node("Reshape"), {&wide, &target}).shape, (Shape{1, 3, 2}));
        const ConstTensor one = ints({1, 2}, {2});
        QVERIFY_THROWS_EXCEPTION(FoldError, eval(node("Squeeze"), {&one, &axes}));
    }

    // ViT's class token: Expand(cls, Where(Equal(shape, -1), ones, shape)).
    void expandsTheClassToken()
    {
        const ConstTensor cls = floats({0.5, -0.5}, {1, 1, 2});
        const ConstTensor shape = ints({1, -1, -1}), minusOne = scalar(-1);
        const ConstTensor isFree = eval(node("Equal"), {&shape, &minusOne});
        QCOMPARE(isFree.values, values({0, 1, 1}));
        const ConstTensor three = ints({3});
        const ConstTensor zeros = eval(node("ConstantOfShape"), {&three}); // no 'value': float zeros
        QCOMPARE(zeros.shape, (Shape{3}));
        QCOMPARE(zeros.values, values({0, 0, 0}));
        const ConstTensor unit = ints({1, 1, 1});
        const ConstTensor target = eval(node("Where"), {&isFree, &unit, &shape});
        QCOMPARE(target.values, values({1, 1, 1}));
        ConstTensor param = cls;
        param.trainable = true;
        const ConstTensor expanded = eval(node("Expand"), {&param, &target});
        QCOMPARE(expanded.shape, (Shape{1, 1, 2}));
        QVERIFY(expanded.trainable); // still the network's parameter
    }

    // Swin's attention mask: region numbers scattered into zeros.
    void scattersIntoAConstant()
    {
        const ConstTensor zeros = floats({0, 0, 0, 0, 0, 0}, {3, 2});
        const ConstTensor at = ints({2, 0}, {2, 1}), rows = floats({7, 8, 5, 6}, {2, 2});
        const ConstTensor s = eval(node("ScatterND"), {&zeros, &at, &rows});
        QCOMPARE(s.shape, (Shape{3, 2}));
        QCOMPARE(s.values, values({5, 6, 0, 0, 7, 8}));
        const ConstTensor outside = ints({3}, {1, 1});
        const ConstTensor row = floats({1, 1}, {1, 2});
        QVERIFY_THROWS_EXCEPTION(FoldError, eval(node("ScatterND"), {&zeros, &outside, &row}));
    }

    // A parameter spread over more elements (Swin's relative position bias) is a buffer.
    void gatheredParametersAreBuffers()
    {
        ConstTensor table = floats({1, 2, 3}, {3});
        table.trainable = true;
        const ConstTensor same = ints({2, 0, 1}), spread = ints({0, 1, 2, 0, 1, 2});
        QVERIFY(eval(node("Gather"), {&table, &same}).trainable);
        QVERIFY(!eval(node("Gather"), {&table, &spread}).trainable);
    }

    void refusesWhatCannotBeComputed()
    {
        const ConstTensor huge = ints({1 << 13, 1 << 13});
        try {
            eval(node("ConstantOfShape"), {&huge});
            QFAIL("a 2^26-element constant was computed");
        } catch (const FoldError &e) {
            QVERIFY2(QString(e.what()).contains("too large"), e.what());
        }
        ConstTensor dataless{{4}, {}, true, false, true};
        const ConstTensor one = floats({1}, {1});
        QVERIFY_THROWS_EXCEPTION(FoldError, eval(node("Add"), {&dataless, &one}));
        const ConstTensor zero = scalar(0), seven = scalar(7);
        QVERIFY_THROWS_EXCEPTION(FoldError, eval(node("Div"), {&seven, &zero}));
        QVERIFY(!isFoldableOp("Conv"));
        QVERIFY(isFoldableOp("ConstantOfShape"));
    }
};

QTEST_GUILESS_MAIN(TestOnnxConstants)
#include "tst_onnxconstants.moc"
