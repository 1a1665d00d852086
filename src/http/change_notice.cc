#include "http/change_notice.h"

#include <spdlog/spdlog.h>

#include "dialer/control.h"
#include "http/services.h"

namespace robocall::http {

void notify_nodes(RequestContext& ctx, store::Change change) {
  if (auto st = store::notify_change(ctx.db, change); !st.ok())
    spdlog::warn("changes: other nodes not told of the {} change: {}", store::to_string(change),
                 st.error().message);
}

void reload_everywhere(RequestContext& ctx, store::Change change) {
  notify_nodes(ctx, change);
  if (auto* dialer = ctx.services.options.dialer) dialer->reload_settings();
}

}  // namespace robocall::http
