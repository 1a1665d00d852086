#include "app/serve_options.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstring>

#include "app/commands.h"
#include "app/config_file.h"
#include "app/logging.h"
#include "domain/public_address.h"
#include "http/text_util.h"

namespace robocall::app {

void define_serve_options(CLI::App* cmd, const std::shared_ptr<ServeArgs>& args) {
  cmd->add_option("--db", args->db, kDbOptionHelp)->capture_default_str();
  cmd->add_option("--data-dir", args->data_dir, "Каталог данных (записи звонков, фразы)")
      ->capture_default_str();
  cmd->add_option("--recordings-dir", args->recordings_dir,
                  "Каталог записей звонков; для нескольких серверов — общая папка (NFS или SMB), "
                  "по умолчанию <каталог данных>/recordings");
  cmd->add_option("--listen", args->listen, "Адрес веб-сервера ХОСТ:ПОРТ")->capture_default_str();
  cmd->add_option("--web-dir", args->web_dir, "Каталог собранного веб-интерфейса (web/dist)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--tls-cert", args->tls_cert, "Сертификат TLS (PEM)")->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", args->tls_key, "Ключ TLS (PEM)")->check(CLI::ExistingFile);
  cmd->add_flag("--behind-tls-proxy", args->behind_tls_proxy,
                "Веб-сервер стоит за прокси с TLS (HTTPS): разрешить адрес не на loopback "
                "без --tls-cert и --tls-key; cookie с Secure и заголовок HSTS");
  cmd->add_option("--http-threads", args->http_threads,
                  "Число потоков веб-сервера, читающих запросы (обработчики API выполняются "
                  "в отдельном пуле)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--max-connections", args->max_connections,
                  "Наибольшее число открытых соединений с веб-сервером")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--connections-per-address", args->connections_per_address,
                  "Наибольшее число соединений с одного адреса (за прокси — размер пула "
                  "соединений прокси)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--sip-port", args->sip_port,
                  "Порт SIP (UDP и TCP) для звонков; 0 — любой свободный")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--node", args->node,
                  "Имя этого сервера среди серверов с общей базой PostgreSQL (по умолчанию "
                  "имя хоста:порт веб-сервера); у каждого своё");
  cmd->add_option("--sip-bind", args->sip_bind, "IP-адрес для SIP и RTP")->capture_default_str();
  cmd->add_option("--sip-public-address", args->sip_public_address,
                  "За NAT: внешний IP-адрес[:порт] для Contact и SDP вместо --sip-bind "
                  "(у учётной записи SIP может быть свой)")
      ->check(
          [](const std::string& v) {
            const Status st = domain::check_public_address(v);
            return st.ok() ? std::string() : st.error().message;
          },
          "IP[:ПОРТ]");
  cmd->add_flag("--no-dialer", args->no_dialer, "Не запускать обзвон (только веб-интерфейс и API)");
  cmd->add_option("--secret-key-file", args->secret_key_file,
                  "Файл ключа шифрования паролей SIP и секрета webhook (по умолчанию "
                  "<каталог данных>/secret.key или учётные данные systemd robocall-secret-key)");
  cmd->add_option("--session-idle-min", args->session_idle_min,
                  "Сеанс веб-интерфейса завершается после стольких минут бездействия")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  cmd->add_option("--log-level", args->log_level,
                  "Подробность журнала в stderr: error, warn, info или debug")
      ->check(CLI::IsMember(log_level_names()))
      ->capture_default_str();
  cmd->add_option("--realtime-priority", args->realtime_priority,
                  "Приоритет реального времени (SCHED_FIFO, 1–99) потока звонков, чтобы звук "
                  "шёл без задержек на занятом сервере; 0 — обычный приоритет. Если система не "
                  "разрешает, звонки идут с обычным приоритетом (предупреждение в журнале)")
      ->check(CLI::Range(0, 99))
      ->capture_default_str();
}

Status read_config_file(const std::string& path, CLI::App* cmd,
                        const std::shared_ptr<ServeArgs>& args) {
  auto st = load_config(
      path, [&args](CLI::App& scratch) { define_serve_options(&scratch, args); },
      [cmd](const std::string& key) { return cmd->get_option("--" + key)->count() > 0; });
  if (!st.ok()) return st;
  if (args->tls_cert.empty() != args->tls_key.empty())
    return Error::invalid(path + ": tls-cert и tls-key задаются только вместе");
  return {};
}

std::string node_name(const ServeArgs& args) {
  if (!args.node.empty()) return args.node;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "localhost");
  auto address = http::parse_listen_address(args.listen);
  return std::string(host) + ":" + (address.ok() ? std::to_string(address->port) : args.listen);
}

}  // namespace robocall::app
