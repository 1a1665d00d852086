// The `robocall serve` flags: what they hold (ServeArgs), their one
// definition for the command line and the configuration file
// (app/config_file.h), and what is derived from them. Main thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "http/server.h"

namespace CLI {
class App;
}

namespace robocall::app {

struct ServeArgs {
  std::string db = "data/robocall.db";
  std::string data_dir = "data";
  std::string recordings_dir;  // empty: <data-dir>/recordings (store::recordings_folder)
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;
  std::string tls_cert;
  std::string tls_key;
  int session_idle_min = 30;
  bool behind_tls_proxy = false;
  int http_threads = http::ServerOptions{}.threads;
  int max_connections = http::ServerOptions{}.max_connections;
  int connections_per_address = http::ServerOptions{}.connections_per_address;
  std::string sip_bind = "127.0.0.1";
  std::string sip_public_address;
  int sip_port = 0;
  bool no_dialer = false;
  std::string node;  // empty: <hostname>:<HTTP port>
  int realtime_priority = 0;
  std::optional<std::string> secret_key_file;
  std::string log_level = "info";
};

// Every serve flag: on the command itself and on the scratch commands that
// read its configuration file, so both know one list.
void define_serve_options(CLI::App* cmd, const std::shared_ptr<ServeArgs>& args);

// docs/DESIGN.md "Packaging": the file fills in what the command line left out.
Status read_config_file(const std::string& path, CLI::App* cmd,
                        const std::shared_ptr<ServeArgs>& args);

// docs/DESIGN.md "Several nodes": --node, else the host's name and the HTTP
// port, which tell apart the nodes sharing one database.
std::string node_name(const ServeArgs& args);

}  // namespace robocall::app
