// Patient data stays with the service's user (docs/SECURITY.md "Files and
// secrets"): the process creates files 0600 and folders 0700 (umask 077 from
// main), and serve tightens at start what an older version left readable by
// group or others. Called from main()'s thread before other threads start.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

namespace robocall::app {

// The umask of the whole process: nothing it creates is readable by group or others.
void restrict_new_files();

// Removes the group and other bits of each of `paths`, and of each of
// `trees` and everything under it (symbolic links are neither followed nor
// changed); what does not exist is skipped. Returns the paths it changed.
std::vector<std::filesystem::path> tighten_modes(std::span<const std::filesystem::path> paths,
                                                 std::span<const std::filesystem::path> trees);

}  // namespace robocall::app
