// The voice pack as a ZIP archive (docs/BEHAVIOUR.md "Voice pack"): reading
// an upload's `<id>.wav` entries at the archive's top level, and writing the
// recorded fragments for download. Only names of known fragments are read,
// so no entry path ever reaches the file system. Free functions: any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace robocall::http {

struct ZipFile {
  std::string name;
  std::string bytes;
};

struct IgnoredFile {
  std::string file;
  std::string reason;  // Russian
};

struct VoiceZip {
  std::vector<ZipFile> fragments;  // name = the fragment id (without ".wav")
  std::vector<IgnoredFile> ignored;
};

// Entries named `<id>.wav` at the top level with is_known(id) are read; every
// other entry (a folder, another name, a second entry for one id) is listed in
// `ignored` with the reason. Errors (kInvalidArgument, Russian): not a ZIP
// archive, or an entry that cannot be read (named).
Result<VoiceZip> read_voice_zip(std::string_view zip,
                                const std::function<bool(std::string_view)>& is_known);

// A ZIP archive (deflated) holding the files under their names.
// Errors: kInternal when libzip fails.
Result<std::string> write_zip(const std::vector<ZipFile>& files);

}  // namespace robocall::http
