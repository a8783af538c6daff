// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultFiles.h"

#include <QDir>
#include <QSaveFile>

#include <stdexcept>

namespace calibra::nas {

void writeRunFile(const std::string &dir, const char *name, const std::string &bytes)
{
    if (bytes.empty())
        return;
    // QSaveFile: a temporary file of its own (two writers into one folder do not share it),
    // synced to disk, then renamed over the last; removed when anything fails.
    QSaveFile f(QDir(QString::fromStdString(dir)).filePath(QString::fromLatin1(name)));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())
        || !f.commit())
        throw std::runtime_error(f.fileName().toStdString() + ": cannot write (" + f.errorString().toStdString() + ")");
}

std::vector<std::string> writeResultFiles(const std::string &dir, const v1::ResultReply &result)
{
    std::vector<std::string> written;
    const std::pair<const char *, const std::string *> files[] = {{"report.json", &result.report_json()},
                                                                  {"report.html", &result.report_html()},
                                                                  {"final_model.onnx", &result.final_model_onnx()},
                                                                  {"run.sqlite", &result.run_store()}};
    for (const auto &[name, bytes] : files) {
        writeRunFile(dir, name, *bytes);
        if (!bytes->empty())
            written.push_back(QDir(QString::fromStdString(dir)).filePath(QString::fromLatin1(name)).toStdString());
    }
    return written;
}

} // namespace calibra::nas
