// `robocall export --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [-o FILE]`:
// writes the tasks whose appointment falls on those days (both inclusive,
// local time) to an XLSX file, by default «Задания за YYYYMMDD-YYYYMMDD.xlsx».
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/commands.h"
#include "domain/clock.h"
#include "importing/date_text.h"
#include "importing/task_export.h"
#include "store/schema.h"
#include "xlsx/task_export.h"

namespace robocall::app {
namespace {

struct ExportArgs {
  std::string db;
  std::string from;
  std::string to;
  std::string output;
};

std::optional<std::chrono::year_month_day> parse_day(const std::string& text) {
  const auto parsed = importing::parse_date_time_text(text);
  if (!parsed || !parsed->has_date || parsed->has_time) return std::nullopt;
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(parsed->time)};
}

int run_export(const ExportArgs& args) {
  const auto from = parse_day(args.from);
  const auto to = parse_day(args.to);
  if (!from || !to) {
    std::fprintf(stderr, "Ошибка: даты --from и --to пишутся как ГГГГ-ММ-ДД.\n");
    return 1;
  }
  if (std::chrono::sys_days{*from} > std::chrono::sys_days{*to}) {
    std::fprintf(stderr, "Ошибка: дата --from позже даты --to.\n");
    return 1;
  }
  auto db = store::open_database(args.db);
  if (!db) {
    std::fprintf(stderr, "Ошибка: база данных %s: %s\n", args.db.c_str(),
                 db.error().message.c_str());
    return 1;
  }
  store::TaskQuery query;
  query.filter = importing::day_range_filter(*from, *to);
  query.sort = store::TaskSort::kAppointment;
  query.order = store::SortOrder::kAsc;
  const std::string output =
      args.output.empty() ? xlsx::default_export_name(*from, *to) : args.output;
  const auto now = domain::system_clock().now();
  query.filter.now = now;
  auto written = importing::export_tasks(*db, query, output, now);
  if (!written) {
    std::fprintf(stderr, "Ошибка: выгрузка не записана: %s\n", written.error().message.c_str());
    return 1;
  }
  std::printf("Выгружено заданий: %lld в файл %s\n", static_cast<long long>(*written),
              output.c_str());
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "Выгрузить задания в файл XLSX");
  cmd->add_option("--db", args->db, kDbOptionHelp)->required();
  cmd->add_option("--from", args->from, "Первый день приёма, ГГГГ-ММ-ДД")->required();
  cmd->add_option("--to", args->to, "Последний день приёма, ГГГГ-ММ-ДД")->required();
  cmd->add_option("-o,--output", args->output, "Файл XLSX (по умолчанию «Задания за ….xlsx»)");
  cmd->callback([args, &exit_code] { exit_code = run_export(*args); });
}

}  // namespace robocall::app
