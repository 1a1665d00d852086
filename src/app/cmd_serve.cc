// `robocall serve`: the long-running service. Opens (and migrates) the
// database, tightens the modes of its files, unlocks the stored secrets,
// creates the first admin, starts the parts of the service in order (speech,
// dialer, housekeeping, HTTP server, webhook sender), waits for
// SIGINT/SIGTERM, stops them in reverse order.
#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/change_listener.h"
#include "app/housekeeping.h"
#include "app/logging.h"
#include "app/private_files.h"
#include "app/serve_options.h"
#include "audio/wav.h"
#include "dialer/dialer.h"
#include "domain/clock.h"
#include "http/listen_socket.h"
#include "http/secrets.h"
#include "http/server.h"
#include "http/text_util.h"
#include "http/users.h"
#include "http/webhook_sender.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/synthesizer.h"
#include "store/recording_file.h"
#include "store/schema.h"
#include "store/stored_secrets.h"

namespace robocall::app {
namespace {

// One running part of the service: started in list order, stopped in reverse.
struct Part {
  std::string name;
  std::function<Status()> start;
  std::function<void()> stop;
};

// What the parts share; lives for the whole of serve.
struct Service {
  ServeArgs args;
  // The one clock of the process: every part reads the time from it.
  const domain::Clock& clock = domain::system_clock();
  // espeak-ng allows one synthesizer per process: the dialer's calls and the
  // UI's «Прослушать» share it through one renderer and one phrase cache.
  std::unique_ptr<speech::Synthesizer> synth;
  std::unique_ptr<speech::PhraseCache> phrase_cache;
  std::unique_ptr<speech::PhraseRenderer> renderer;
  std::unique_ptr<http::Server> http;
  std::thread http_thread;
  std::unique_ptr<http::WebhookSender> webhooks;
  std::unique_ptr<dialer::Dialer> dialer;
  std::unique_ptr<Housekeeping> housekeeping;
  std::unique_ptr<store::ChangeFeed> changes;  // PostgreSQL: other nodes' saves
};

Part speech_part(Service& s) {
  return {"синтез речи",
          [&s]() -> Status {
            auto synth = speech::Synthesizer::start();
            if (!synth.ok()) return synth.error();
            s.synth = std::move(synth).value();
            s.phrase_cache = std::make_unique<speech::PhraseCache>(
                std::filesystem::path(s.args.data_dir) / "phrases");
            s.renderer = std::make_unique<speech::PhraseRenderer>(*s.synth, *s.phrase_cache);
            return {};
          },
          [] {}};
}

Part dialer_part(Service& s) {
  return {"обзвон",
          [&s]() -> Status {
            if (s.args.no_dialer) return {};
            dialer::DialerOptions o;
            o.db_path = s.args.db;
            o.data_dir = s.args.data_dir;
            o.recordings_dir = s.args.recordings_dir;
            o.bind_ip = s.args.sip_bind;
            o.public_address = s.args.sip_public_address;
            o.sip_port = static_cast<std::uint16_t>(s.args.sip_port);
            o.node = node_name(s.args);
            o.realtime_priority = s.args.realtime_priority;
            o.renderer = s.renderer.get();
            o.clock = &s.clock;
            o.on_final = http::enqueue_final_status;
            auto started = dialer::Dialer::start(std::move(o));
            if (!started.ok()) return started.error();
            s.dialer = std::move(started).value();
            std::printf("robocall: обзвон, SIP на %s:%u\n", s.args.sip_bind.c_str(),
                        static_cast<unsigned>(s.dialer->sip_port()));
            std::fflush(stdout);
            return {};
          },
          [&s] {
            if (s.dialer) s.dialer->stop();
          }};
}

Part http_part(Service& s) {
  return {"HTTP",
          [&s]() -> Status {
            auto address = http::parse_listen_address(s.args.listen);
            if (!address.ok()) return address.error();
            http::ServerOptions o;
            o.host = address->host;
            o.port = address->port;
            o.db_path = s.args.db;
            o.data_dir = s.args.data_dir;
            o.recordings_dir = s.args.recordings_dir;
            o.web_dir = s.args.web_dir;
            o.tls_cert = s.args.tls_cert;
            o.tls_key = s.args.tls_key;
            o.behind_tls_proxy = s.args.behind_tls_proxy;
            o.threads = s.args.http_threads;
            o.max_connections = s.args.max_connections;
            o.connections_per_address = s.args.connections_per_address;
            o.session_idle = std::chrono::minutes(s.args.session_idle_min);
            o.dialer = s.dialer.get();
            o.clock = &s.clock;
            o.render_phrase = [&s](const std::string& text) -> Result<std::vector<std::uint8_t>> {
              auto pcm = s.renderer->render(text);
              if (!pcm.ok()) return pcm.error();
              return audio::encode_wav(**pcm);
            };
            s.http = std::make_unique<http::Server>(std::move(o));
            if (auto st = s.http->bind(); !st.ok()) return st;
            s.http_thread = std::thread([&s] { s.http->run(); });
            std::printf("robocall: веб-интерфейс и API на %s://%s:%d/\n",
                        s.http->tls() ? "https" : "http", address->host.c_str(), s.http->port());
            std::fflush(stdout);
            return {};
          },
          [&s] {
            s.http->stop();
            if (s.http_thread.joinable()) s.http_thread.join();
          }};
}

Part webhook_part(Service& s) {
  return {"webhooks",
          [&s]() -> Status {
            s.webhooks = std::make_unique<http::WebhookSender>(s.args.db, s.clock);
            s.webhooks->start();
            return {};
          },
          [&s] { s.webhooks->stop(); }};
}

// docs/BEHAVIOUR.md "Several nodes: changes and sessions".
Part changes_part(Service& s) {
  return {"изменения с других серверов",
          [&s]() -> Status {
            auto feed = listen_for_changes(s.args.db, s.dialer.get());
            if (!feed.ok()) return feed.error();
            s.changes = std::move(feed).value();
            return {};
          },
          [&s] {
            if (s.changes) s.changes->stop();
          }};
}

// Runs also with --no-dialer: retention is not the dialer's business.
Part housekeeping_part(Service& s) {
  return {"хранение данных",
          [&s]() -> Status {
            s.housekeeping = std::make_unique<Housekeeping>(
                s.args.db, store::recordings_folder(s.args.data_dir, s.args.recordings_dir),
                s.clock);
            return s.housekeeping->start();
          },
          [&s] { s.housekeeping->stop(); }};
}

// The parts of the service, in start order.
std::vector<Part> service_parts(Service& s) {
  return {speech_part(s),       dialer_part(s), changes_part(s),
          housekeeping_part(s), http_part(s),   webhook_part(s)};
}

// docs/SECURITY.md "Files and secrets": what an older version left readable
// by group or others loses those bits before the database is opened. Only
// robocall's own files and folders: the data directory may sit beside others.
void tighten_data_files(const ServeArgs& args) {
  const std::string db = args.db;
  const std::filesystem::path data = args.data_dir;
  const std::vector<std::filesystem::path> files = {
      data, data / "secret.key", db, db + "-wal", db + "-shm", db + "-journal"};
  const std::vector<std::filesystem::path> trees = {data / "recordings", data / "phrases",
                                                    data / "exports"};
  const auto changed = tighten_modes(files, trees);
  for (std::size_t i = 0; i < changed.size() && i < 20; ++i)
    spdlog::warn("serve: access of group and others removed: {}", changed[i].string());
  if (changed.size() > 20) spdlog::warn("serve: ... and {} more paths", changed.size() - 20);
}

Status unlock_secrets(const ServeArgs& args, store::Connection& db) {
  const std::optional<std::filesystem::path> flag =
      args.secret_key_file ? std::optional<std::filesystem::path>(*args.secret_key_file)
                           : std::nullopt;
  const auto source =
      store::secret_key_source(flag, args.data_dir, std::getenv("CREDENTIALS_DIRECTORY"));
  auto report = store::unlock_secrets(db, source);
  if (!report.ok()) return report.error();
  if (report->key_created)
    spdlog::warn("serve: new secret key {}: back it up apart from the database",
                 source.path.string());
  if (report->sealed_now > 0)
    spdlog::info("serve: {} stored secrets encrypted", report->sealed_now);
  return {};
}

// docs/SECURITY.md "Users and roles": the first administrator's password
// goes to a file only its owner may read, never to stdout or the journal.
Status write_admin_password(const std::filesystem::path& file, const std::string& password) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Error::io("Не удалось создать " + file.string() + ": " + std::strerror(errno));
  const std::string text = password + "\n";
  const bool ok = ::fchmod(fd, 0600) == 0 &&
                  ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) return Error::io("Не удалось записать " + file.string() + ": " + std::strerror(err));
  return {};
}

Status prepare_database(const ServeArgs& args, const domain::Clock& clock) {
  std::error_code ec;
  std::filesystem::create_directories(args.data_dir, ec);
  if (ec)
    return Error::io("Не удалось создать каталог данных " + args.data_dir + ": " + ec.message());
  tighten_data_files(args);
  auto db = store::open_database(args.db);
  if (!db.ok()) return db.error();
  if (auto st = unlock_secrets(args, *db); !st.ok()) return st;
  auto admin = http::ensure_admin(*db, clock.now());
  if (!admin.ok()) return admin.error();
  if (*admin) {
    const auto file = std::filesystem::path(args.data_dir) / "admin-password.txt";
    if (auto st = write_admin_password(file, **admin); !st.ok()) return st;
    std::printf(
        "robocall: создан пользователь admin; его пароль записан в файл %s (доступен только\n"
        "          владельцу). Войдите с ним, смените пароль при первом входе и удалите файл.\n",
        file.c_str());
    std::fflush(stdout);
  }
  return {};
}

int serve(const ServeArgs& args) {
  // Signals go to sigwait() below only: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  set_log_level(args.log_level);
  http::init_sodium();

  // The listen rule first: a refused start creates nothing (no database, no
  // first administrator).
  auto address = http::parse_listen_address(args.listen);
  if (!address.ok()) {
    std::fprintf(stderr, "robocall serve: %s\n", address.error().message.c_str());
    return 1;
  }
  if (auto st =
          http::check_listen_rule(address->host, !args.tls_cert.empty(), args.behind_tls_proxy);
      !st.ok()) {
    std::fprintf(stderr, "robocall serve: %s\n", st.error().message.c_str());
    return 1;
  }

  spdlog::debug("serve: database {}, data directory {}, listen {}, SIP {}:{}{}", args.db,
                args.data_dir, args.listen, args.sip_bind, args.sip_port,
                args.no_dialer ? " (no dialer)" : "");
  Service service;
  service.args = args;
  if (auto st = prepare_database(args, service.clock); !st.ok()) {
    std::fprintf(stderr, "robocall serve: %s\n", st.error().message.c_str());
    return 1;
  }
  auto parts = service_parts(service);
  std::size_t started = 0;
  int exit_code = 0;
  for (; started < parts.size(); ++started) {
    if (auto st = parts[started].start(); !st.ok()) {
      std::fprintf(stderr, "robocall serve: %s: %s\n", parts[started].name.c_str(),
                   st.error().message.c_str());
      exit_code = 1;
      break;
    }
  }
  if (exit_code == 0) {
    int signal = 0;
    sigwait(&signals, &signal);
    spdlog::info("serve: signal {}, stopping", signal);
  }
  while (started > 0) parts[--started].stop();
  return exit_code;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto config = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("serve", "Запустить сервис: веб-интерфейс, API и обзвон");
  define_serve_options(cmd, args);
  cmd->add_option("--config", *config,
                  "Файл настроек: «ключ = значение» на строку, ключи — флаги serve без «--»; "
                  "флаги командной строки важнее файла");
  auto* cert = cmd->get_option("--tls-cert");
  auto* key = cmd->get_option("--tls-key");
  cert->needs(key);
  key->needs(cert);
  cmd->callback([args, config, cmd, &exit_code] {
    if (!config->empty()) {
      if (auto st = read_config_file(*config, cmd, args); !st.ok()) {
        std::fprintf(stderr, "robocall serve: %s\n", st.error().message.c_str());
        exit_code = 2;
        return;
      }
    }
    exit_code = serve(*args);
  });
}

}  // namespace robocall::app
