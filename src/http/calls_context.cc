#include "http/calls_context.h"

#include "store/calling_settings.h"

namespace robocall::http {

Result<CallsContext> calls_context(store::Connection& db, domain::Instant now) {
  auto settings = store::load_calling_settings(db);
  if (!settings.ok()) return settings.error();
  return CallsContext{settings->robocall.attempts, settings->robocall.enabled, now};
}

}  // namespace robocall::http
