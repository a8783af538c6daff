// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultFiles.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace calibra::nas {

namespace fs = std::filesystem;

void writeRunFile(const std::string &dir, const char *name, const std::string &bytes)
{
    if (bytes.empty())
        return;
    const fs::path target = fs::path(dir) / name;
    const fs::path partial = fs::path(dir) / (std::string(".") + name + ".partial");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out)
            throw std::runtime_error(target.string() + ": cannot write");
    }
    std::error_code error;
    fs::rename(partial, target, error);
    if (error)
        throw std::runtime_error(target.string() + ": cannot write (" + error.message() + ")");
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
            written.push_back((fs::path(dir) / name).string());
    }
    return written;
}

} // namespace calibra::nas
