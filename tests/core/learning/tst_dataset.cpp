// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset loaders: IDX, CIFAR-10 binary, image folders; clear errors on corrupt files;
// the packaged Fashion-MNIST.
#include "learning/Dataset.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "ErrorOf.h"

#include <algorithm>
#include <set>

using namespace calibra::learning;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray idx(std::vector<uint32_t> dims, const QByteArray &payload)
{
    QByteArray b;
    b.append(char(0)).append(char(0)).append(char(8)).append(char(dims.size()));
    for (uint32_t d : dims)
        for (int s = 24; s >= 0; s -= 8)
            b.append(char((d >> s) & 0xff));
    return b + payload;
}

} // namespace

class TestDataset : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idxRoundTrip()
    {
        QTemporaryDir dir;
        QByteArray pixels;
        for (int i = 0; i < 3 * 2 * 2; ++i)
            pixels.append(char(i * 10));
        writeFile(dir.filePath("img"), idx({3, 2, 2}, pixels));
        writeFile(dir.filePath("lab"), idx({3}, QByteArray("\x01\x00\x09", 3)));
        const ImageDataset d = loadIdx(dir.filePath("img").toStdString(), dir.filePath("lab").toStdString());
        QCOMPARE(d.count(), 3);
        QCOMPARE(d.height, 2);
        QCOMPARE(d.channels, 1);
        QCOMPARE(d.labels, (std::vector<int>{1, 0, 9}));
        QCOMPARE(int(d.pixels[5]), 50);
        const ImageDataset s = d.slice(1, 5);
        QCOMPARE(s.count(), 2);
        QCOMPARE(int(s.pixels[0]), 40);
    }

    void corruptIdxNamesTheFile()
    {
        QTemporaryDir dir;
        const QString img = dir.filePath("img"), lab = dir.filePath("lab");
        writeFile(lab, idx({2}, QByteArray("\x01\x02", 2)));
        writeFile(img, idx({2, 2, 2}, QByteArray(7, 'x'))); // one byte short
        QString e = calibra::test::errorOf<DatasetError>([&] { loadIdx(img.toStdString(), lab.toStdString()); });
        QVERIFY2(e.contains(img) && e.contains("truncated"), qPrintable(e));

        writeFile(img, QByteArray("PNG not idx"));
        e = calibra::test::errorOf<DatasetError>([&] { loadIdx(img.toStdString(), lab.toStdString()); });
        QVERIFY2(e.contains("magic"), qPrintable(e));

        writeFile(img, idx({3, 2, 2}, QByteArray(12, 'x')));
        e = calibra::test::errorOf<DatasetError>([&] { loadIdx(img.toStdString(), lab.toStdString()); });
        QVERIFY2(e.contains("3 images") && e.contains("2 labels"), qPrintable(e));

        writeFile(img, idx({2, 2, 2}, QByteArray(8, 'x')));
        writeFile(lab, idx({2}, QByteArray("\x01\x0c", 2)));
        e = calibra::test::errorOf<DatasetError>([&] { loadIdx(img.toStdString(), lab.toStdString()); });
        QVERIFY2(e.contains("label 12"), qPrintable(e));

        e = calibra::test::errorOf<DatasetError>(
            [&] { loadIdx(dir.filePath("missing").toStdString(), lab.toStdString()); });
        QVERIFY2(e.contains("missing"), qPrintable(e));
    }

    void cifar()
    {
        QTemporaryDir dir;
        QByteArray rec(3073, char(7));
        rec[0] = char(4);
        writeFile(dir.filePath("b.bin"), rec + rec);
        const ImageDataset d = loadCifar10({dir.filePath("b.bin").toStdString()});
        QCOMPARE(d.count(), 2);
        QCOMPARE(d.channels, 3);
        QCOMPARE(d.labels[1], 4);
        writeFile(dir.filePath("bad.bin"), rec.left(3000));
        const QString e =
            calibra::test::errorOf<DatasetError>([&] { loadCifar10({dir.filePath("bad.bin").toStdString()}); });
        QVERIFY2(e.contains("bad.bin") && e.contains("3073"), qPrintable(e));
    }

    void imageFolder()
    {
        QTemporaryDir dir;
        for (const char *cls : {"cat", "dog"}) {
            QDir(dir.path()).mkpath(cls);
            QImage img(8, 6, QImage::Format_RGB888);
            img.fill(std::string(cls) == "cat" ? Qt::red : Qt::blue);
            QVERIFY(img.save(dir.filePath(QString(cls) + "/a.png")));
        }
        const ImageDataset d = loadImageFolder(dir.path().toStdString(), 4, 4, 3);
        QCOMPARE(d.classes, 2);
        QCOMPARE(d.classNames, (std::vector<std::string>{"cat", "dog"}));
        QCOMPARE(std::set<int>(d.labels.begin(), d.labels.end()), (std::set<int>{0, 1}));
        for (int i = 0; i < 2; ++i) { // the order is mixed: each image's pixels follow its label
            const size_t base = size_t(i) * d.imageBytes();
            QCOMPARE(int(d.pixels[base + (d.labels[size_t(i)] == 0 ? 0 : 32)]), 255); // red / blue plane
        }
        writeFile(dir.filePath("dog/broken.png"), "not an image");
        const QString e =
            calibra::test::errorOf<DatasetError>([&] { loadImageFolder(dir.path().toStdString(), 4, 4, 3); });
        QVERIFY2(e.contains("broken.png"), qPrintable(e));
        QVERIFY(calibra::test::errorOf<DatasetError>([] { loadDataset("imagenet"); }).contains("unknown dataset"));
    }

    // A dataset stored class by class: the held-out images are every sixth, so each class
    // gives its share, and no image is on both sides.
    void searchHoldsOutEverySixthTrainingImage()
    {
        ImageDataset d;
        d.name = "ordered";
        d.channels = 1;
        d.height = d.width = 2;
        d.classes = 3;
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 60; ++i) {
                d.labels.push_back(c);
                for (int p = 0; p < 4; ++p)
                    d.pixels.push_back(uint8_t(c * 60 + i)); // each image unique
            }
        const TrainTestSplit split = holdOutForSearch(d);
        QCOMPARE(split.train.count(), 150);
        QCOMPARE(split.test.count(), 30);
        QCOMPARE(split.test.classes, 3);
        QCOMPARE(split.test.pixels.size(), size_t(30 * 4));
        for (int c = 0; c < 3; ++c)
            QCOMPARE(std::count(split.test.labels.begin(), split.test.labels.end(), c), 10L);
        std::set<uint8_t> trained, held;
        for (size_t i = 0; i < split.train.pixels.size(); i += 4)
            trained.insert(split.train.pixels[i]);
        for (size_t i = 0; i < split.test.pixels.size(); i += 4)
            held.insert(split.test.pixels[i]);
        QCOMPARE(trained.size() + held.size(), size_t(180));
        for (uint8_t v : held)
            QVERIFY(!trained.count(v));
        QVERIFY_THROWS_EXCEPTION(DatasetError, holdOutForSearch(d.slice(0, 1)));
    }

    void packagedFashionMnist()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        const TrainTestSplit s = loadDataset("fashion-mnist");
        QCOMPARE(s.train.count(), 60000);
        QCOMPARE(s.test.count(), 10000);
        QCOMPARE(s.train.width, 28);
        std::vector<int> perClass(10, 0);
        for (int l : s.test.labels)
            ++perClass[size_t(l)];
        QCOMPARE(perClass, std::vector<int>(10, 1000));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
