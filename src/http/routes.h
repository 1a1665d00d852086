// The API's route groups, each in its own routes_<group>.cc, registered by
// Server::install_routes() before the server runs.
#pragma once

#include "http/router.h"

namespace robocall::http {

void add_session_routes(Router& router);      // login, logout, me, password, openapi.yaml
void add_task_routes(Router& router);         // list, details, recordings, export
void add_task_action_routes(Router& router);  // summary, call now, withdraw, bulk
void add_import_routes(Router& router);       // XLSX upload, example workbook
void add_settings_routes(Router& router);     // robocall, schedule, exceptions, phrases, webhook
void add_phrase_routes(Router& router);       // the eight phrases: text, recording, listen
void add_voice_routes(Router& router);        // the voice pack: fragments, example, ZIP
void add_sip_routes(Router& router);          // SIP accounts, default flag, test call
void add_dialer_routes(Router& router);       // on/off, live status
void add_integration_routes(Router& router);  // /api/v1/tasks
void add_user_routes(Router& router);         // users, roles, API tokens (administrators)
void add_audit_routes(Router& router);        // the audit log (administrators)
void add_statistics_routes(Router& router);   // calls by outcome, day and hour
void add_campaign_routes(Router& router);     // campaigns: list, rename, pause, delete
void add_ops_routes(Router& router);          // GET /metrics, GET /healthz (monitoring)

}  // namespace robocall::http
