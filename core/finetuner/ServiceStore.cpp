// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "base/InputError.h"

#include <QCryptographicHash>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace calibra::finetuner {

namespace fs = std::filesystem;

namespace {

void writeWhole(const fs::path &path, const std::string &bytes)
{
    fs::create_directories(path.parent_path());
    const fs::path temporary = path.string() + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.flush();
        if (!out)
            throw base::InputError(temporary.string() + ": cannot write (disk full, or no permission?)");
    }
    fs::rename(temporary, path);
}

std::optional<std::string> readWhole(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A request id is the client's text: used as a file name only through its hash.
std::string fileNameOf(const std::string &text)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256).toHex().toStdString();
}

} // namespace

ServiceStore::ServiceStore(std::string directory) : m_directory(std::move(directory))
{
    std::error_code error;
    fs::create_directories(m_directory, error);
    if (error || !fs::is_directory(m_directory))
        throw base::InputError(m_directory + ": cannot create the service's store directory");
}

std::string ServiceStore::sessionDir(const std::string &key) const
{
    return (fs::path(m_directory) / "sessions" / fileNameOf(key)).string();
}

void ServiceStore::putSessionFile(const std::string &key, const std::string &name, const std::string &bytes)
{
    writeWhole(fs::path(sessionDir(key)) / name, bytes);
}

std::optional<std::string> ServiceStore::sessionFile(const std::string &key, const std::string &name) const
{
    return readWhole(fs::path(sessionDir(key)) / name);
}

unsigned ServiceStore::latestVersion(const std::string &key) const
{
    std::lock_guard lock(m_versions);
    unsigned n = 0;
    while (fs::exists(fs::path(sessionDir(key)) / ("v" + std::to_string(n + 1) + ".pt")))
        ++n;
    return n;
}

unsigned ServiceStore::addVersion(const std::string &key, const std::string &modelBytes)
{
    std::lock_guard lock(m_versions);
    unsigned n = 1;
    while (fs::exists(fs::path(sessionDir(key)) / ("v" + std::to_string(n) + ".pt")))
        ++n;
    writeWhole(fs::path(sessionDir(key)) / ("v" + std::to_string(n) + ".pt"), modelBytes);
    return n;
}

std::optional<std::string> ServiceStore::version(const std::string &key, unsigned version) const
{
    return readWhole(fs::path(sessionDir(key)) / ("v" + std::to_string(version) + ".pt"));
}

void ServiceStore::putAnswer(const std::string &key, const std::string &requestId, const std::string &bytes)
{
    writeWhole(fs::path(sessionDir(key)) / "answers" / fileNameOf(requestId), bytes);
}

std::optional<std::string> ServiceStore::answer(const std::string &key, const std::string &requestId) const
{
    return readWhole(fs::path(sessionDir(key)) / "answers" / fileNameOf(requestId));
}

void ServiceStore::putValidation(const QByteArray &cacheKey, const std::string &bytes)
{
    writeWhole(fs::path(m_directory) / "validations" / cacheKey.toHex().toStdString(), bytes);
}

std::optional<std::string> ServiceStore::validation(const QByteArray &cacheKey) const
{
    return readWhole(fs::path(m_directory) / "validations" / cacheKey.toHex().toStdString());
}

} // namespace calibra::finetuner
