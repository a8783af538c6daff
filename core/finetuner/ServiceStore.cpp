// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "base/InputError.h"
#include "base/WholeFile.h"

#include <QCryptographicHash>
#include <QUuid>

#include <filesystem>
#include <fstream>

namespace calibra::finetuner {

namespace fs = std::filesystem;

namespace {

// Two checks at once may write the same file (a validation both asked for): each writes
// its own temporary name, and the rename makes one whole file win.
void writeWhole(const fs::path &path, const std::string &bytes)
{
    fs::create_directories(path.parent_path());
    const fs::path temporary =
        path.string() + "." + QUuid::createUuid().toString(QUuid::Id128).left(12).toStdString() + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.flush();
        if (!out)
            throw std::runtime_error(temporary.string() + ": cannot write (disk full, or no permission?)");
    }
    fs::rename(temporary, path);
}

// No file written by writeWhole is empty: an empty one is read as missing.
std::optional<std::string> readWhole(const fs::path &path)
{
    std::optional<std::string> bytes = base::readWholeFile(path);
    if (bytes && bytes->empty())
        return std::nullopt;
    return bytes;
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

unsigned ServiceStore::addVersion(const std::string &key, const std::string &modelBytes, const std::string &requestId)
{
    std::lock_guard lock(m_versions);
    const fs::path dir(sessionDir(key));
    const fs::path reserved = dir / "version-of" / fileNameOf(requestId);
    unsigned n = 0;
    if (const auto kept = readWhole(reserved)) {
        n = unsigned(std::stoul(*kept));
    } else {
        // The next number no version file and no reservation holds.
        unsigned highest = 0;
        while (fs::exists(dir / ("v" + std::to_string(highest + 1) + ".pt")))
            ++highest;
        std::error_code ignored;
        for (const auto &entry : fs::directory_iterator(dir / "version-of", ignored))
            if (const auto other = readWhole(entry.path());
                other && other->find_first_not_of("0123456789") == std::string::npos)
                highest = std::max(highest, unsigned(std::stoul(*other)));
        n = highest + 1;
        writeWhole(reserved, std::to_string(n));
    }
    writeWhole(dir / ("v" + std::to_string(n) + ".pt"), modelBytes);
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
