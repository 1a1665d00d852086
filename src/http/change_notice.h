// What a route calls after it saved settings, SIP accounts or dialing on/off
// (docs/BEHAVIOUR.md "Several nodes: changes and sessions"): the other nodes
// hear of it through the database (store::notify_change, PostgreSQL only),
// this node's dialer directly. Any HTTP worker, with the request's connection.
#pragma once

#include "http/router.h"
#include "store/change_feed.h"

namespace robocall::http {

// Tells the other nodes. A failure is logged and the save stands: every
// node also reloads its settings each minute.
void notify_nodes(RequestContext& ctx, store::Change change);

// notify_nodes, then this node's dialer reloads its settings.
void reload_everywhere(RequestContext& ctx, store::Change change);

}  // namespace robocall::http
