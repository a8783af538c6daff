// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A NAS request's run written as a run directory the GUI opens: report.json, report.html,
// final_model.onnx and run.sqlite. Each file is written whole under a temporary name,
// then renamed over the last, so a reader (the Runs tab following a mirror as it is
// written) sees the old file or the new one, never half of one.
#include "nasclient/nas.pb.h"

#include <string>
#include <vector>

namespace calibra::nas {

// Writes `bytes` as dir/name; nothing when they are empty. Throws std::runtime_error
// naming the file.
void writeRunFile(const std::string &dir, const char *name, const std::string &bytes);

// Writes the files the result holds, the report and the final model before the run store
// (a reader that sees the store finished finds them); returns the paths written.
std::vector<std::string> writeResultFiles(const std::string &dir, const v1::ResultReply &result);

} // namespace calibra::nas
