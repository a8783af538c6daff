// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a calibra-finetuner keeps on disk, so that a restarted service loses nothing:
// each session's reference and setting, its predictor versions (version 0 is the
// platform's offline predictor and is not stored), every check's answer by request id,
// and every validation by cache key. Files are written to a temporary name and renamed,
// so a killed service leaves either the whole file or none. Thread-safe.
#include <QByteArray>

#include <mutex>
#include <optional>
#include <string>

namespace calibra::finetuner {

class ServiceStore
{
public:
    // Creates the directory; throws base::InputError when it cannot.
    explicit ServiceStore(std::string directory);

    // A session's files: "platform", "reference.yaml", "setting.yaml".
    void putSessionFile(const std::string &key, const std::string &name, const std::string &bytes);
    std::optional<std::string> sessionFile(const std::string &key, const std::string &name) const;

    unsigned latestVersion(const std::string &key) const;
    // Stores the bytes as the next version and returns its number. The number is kept for
    // `requestId` before the model is written: the same check asked again after a kill
    // (its finetune redone, to the same bytes) gets the same number, never a second one.
    unsigned addVersion(const std::string &key, const std::string &modelBytes, const std::string &requestId);
    std::optional<std::string> version(const std::string &key, unsigned version) const;

    void putAnswer(const std::string &key, const std::string &requestId, const std::string &bytes);
    std::optional<std::string> answer(const std::string &key, const std::string &requestId) const;

    void putValidation(const QByteArray &cacheKey, const std::string &bytes);
    std::optional<std::string> validation(const QByteArray &cacheKey) const;

private:
    std::string sessionDir(const std::string &key) const;
    std::string m_directory;
    mutable std::mutex m_versions; // version numbers are handed out one at a time
};

} // namespace calibra::finetuner
