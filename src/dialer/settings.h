// DialerSettings: the administrator's «Обзвон» block as the dialer uses it.
// Read and written by the one codec of the settings blocks
// (store/settings_blocks.h), shared with the API.
#pragma once

#include "store/settings_blocks.h"

namespace robocall::dialer {

using DialerSettings = store::RobocallSettings;

}  // namespace robocall::dialer
