// Server::Engine: the libmicrohttpd glue of the Server. The daemon's event
// loops (ServerOptions::threads) read requests under the limits of
// docs/SECURITY.md "HTTP limits", admit them from their headers, serve
// static files, and hand each admitted API request to the WorkerPool,
// suspending its connection until the handler's answer is ready; the
// ConnectionWatch ends connections past their deadlines or sending too
// slowly. Internal to src/http; built and driven by Server.
#pragma once

#include <microhttpd.h>

#include <condition_variable>
#include <mutex>
#include <string>

#include "http/connection_watch.h"
#include "http/message.h"
#include "http/server.h"
#include "http/worker_pool.h"

namespace robocall::http {

struct Services;
struct Exchange;

struct Server::Engine {
  explicit Engine(Services& s);

  // Starts the daemon on listen_fd (TLS when the files are loaded).
  // Returns false when libmicrohttpd refuses (bad TLS files, no threads).
  bool start();
  // Finishes the handlers in progress, then stops the daemon and closes the
  // listening socket. Idempotent.
  void shut_down();

  // libmicrohttpd's callbacks (the daemon's threads).
  MHD_Result on_access(MHD_Connection* c, const char* method, const char* upload_data,
                       size_t* upload_size, void** con_cls);
  void* on_request_line(const char* uri, MHD_Connection* c);
  void on_completed(MHD_Connection* c, void** con_cls);
  void on_connection(MHD_Connection* c, MHD_ConnectionNotificationCode code);

  Services& services;
  int listen_fd = -1;
  std::string tls_cert, tls_key;  // PEM, alive while the daemon runs
  Headers default_headers;

  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;  // guarded by mu

 private:
  MHD_Result admit_headers(MHD_Connection* c, Exchange& ex);
  MHD_Result hand_off(MHD_Connection* c, Exchange& ex);
  MHD_Result respond(MHD_Connection* c, Exchange& ex);
  MHD_Result refuse_mid_body(MHD_Connection* c, Exchange& ex);

  MHD_Daemon* daemon_ = nullptr;
  ConnectionWatch watch_;
  WorkerPool workers_;
};

}  // namespace robocall::http
