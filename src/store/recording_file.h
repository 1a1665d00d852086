// Where an attempt's call recording is (docs/DESIGN.md "Recordings on
// several nodes"): the one function from the stored value of
// attempts.recording to a file, for the HTTP route, the retention purges,
// deleting a campaign, backup and restore. Any thread except the SIP loop
// (recording_file may look at the file system).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace robocall::store {

// The recordings folder: `configured` (serve --recordings-dir, a share every
// node mounts) or, when empty, <data_dir>/recordings.
std::filesystem::path recordings_folder(const std::filesystem::path& data_dir,
                                        const std::filesystem::path& configured);

// What attempts.recording holds for `file`: its path relative to
// `recordings_dir` ("2026-12-06/42.wav") when inside it, else `file` as given.
std::string stored_recording(const std::filesystem::path& recordings_dir,
                             const std::filesystem::path& file);

// The file a stored value names: a relative value under `recordings_dir`;
// an absolute one (older rows) as it is, unless that file is gone and
// `recordings_dir` holds the same day folder and name (a data folder moved
// onto the share). A relative value that would leave the folder ("..") names
// nothing: the empty path.
std::filesystem::path recording_file(const std::filesystem::path& recordings_dir,
                                     std::string_view stored);

}  // namespace robocall::store
