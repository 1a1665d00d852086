// Recordings on several nodes (docs/DESIGN.md "Recordings on several nodes"):
// writes and reads back N one-minute 8 kHz stereo WAVs (~1.9 MB each) as
// files in a folder, as bytea rows and as large objects in PostgreSQL, and
// what each costs the database (its size and the WAL written, from
// pg_current_wal_lsn before and after). Run by bench/cluster/recordings.sh,
// which starts the server; usage: recordings_bench DIR URL N.
#include <fcntl.h>
#include <libpq-fe.h>
#include <libpq/libpq-fs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A call's recording: 60 s, 8 kHz, 2 channels, 16 bit, with a noisy signal
// (like telephony audio, it hardly compresses).
std::string make_wav(unsigned seed) {
  constexpr std::uint32_t kRate = 8000, kChannels = 2, kSeconds = 60;
  constexpr std::uint32_t kData = kRate * kChannels * 2 * kSeconds;
  std::string wav(44 + kData, '\0');
  auto put32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(&wav[at], &v, 4); };
  auto put16 = [&](std::size_t at, std::uint16_t v) { std::memcpy(&wav[at], &v, 2); };
  std::memcpy(&wav[0], "RIFF", 4);
  put32(4, 36 + kData);
  std::memcpy(&wav[8], "WAVEfmt ", 8);
  put32(16, 16);
  put16(20, 1);
  put16(22, kChannels);
  put32(24, kRate);
  put32(28, kRate * kChannels * 2);
  put16(32, kChannels * 2);
  put16(34, 16);
  std::memcpy(&wav[36], "data", 4);
  put32(40, kData);
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 2000.0);
  for (std::size_t i = 44; i + 1 < wav.size(); i += 2) {
    const auto v = static_cast<std::int16_t>(std::clamp(noise(rng), -32768.0, 32767.0));
    std::memcpy(&wav[i], &v, 2);
  }
  return wav;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "recordings_bench: %s\n", what.c_str());
  std::exit(1);
}

PGresult* must(PGconn* pg, PGresult* r, const char* what) {
  const auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    die(std::string(what) + ": " + PQerrorMessage(pg));
  return r;
}

void exec(PGconn* pg, const char* sql) {
  PQclear(must(pg, PQexec(pg, sql), sql));
}

std::int64_t query_int(PGconn* pg, const char* sql) {
  PGresult* r = must(pg, PQexec(pg, sql), sql);
  const std::int64_t v = std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10);
  PQclear(r);
  return v;
}

std::string query_text(PGconn* pg, const char* sql) {
  PGresult* r = must(pg, PQexec(pg, sql), sql);
  std::string v = PQgetvalue(r, 0, 0);
  PQclear(r);
  return v;
}

// The WAL written since `lsn`, in bytes.
std::int64_t wal_since(PGconn* pg, const std::string& lsn) {
  const std::string sql = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsn + "')::bigint";
  return query_int(pg, sql.c_str());
}

void print_row(const char* how, int n, double write_s, double read_s, std::int64_t bytes,
               std::int64_t db_growth, std::int64_t wal) {
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%-22s write %7.3f s (%6.1f MB/s, %6.1f ms a file)  read %7.3f s (%7.1f MB/s)", how,
              write_s, mb / write_s, write_s * 1000 / n, read_s, mb / read_s);
  if (db_growth >= 0)
    std::printf("  database +%.1f MB (%.2fx), WAL %.1f MB (%.2fx)", db_growth / 1e6,
                static_cast<double>(db_growth) / static_cast<double>(bytes), wal / 1e6,
                static_cast<double>(wal) / static_cast<double>(bytes));
  std::printf("\n");
}

// As the recorder does: write, fsync, close; the day folder synced once.
void bench_files(const std::filesystem::path& dir, const std::vector<std::string>& wavs,
                 std::int64_t total) {
  const auto day = dir / "2026-12-06";
  std::filesystem::create_directories(day);
  const auto start = Clock::now();
  for (std::size_t i = 0; i < wavs.size(); ++i) {
    const auto path = day / (std::to_string(i + 1) + ".wav");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) die("open " + path.string());
    if (::write(fd, wavs[i].data(), wavs[i].size()) != static_cast<ssize_t>(wavs[i].size()))
      die("write " + path.string());
    if (::fsync(fd) != 0) die("fsync " + path.string());
    ::close(fd);
  }
  const int dfd = ::open(day.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ::fsync(dfd);
  ::close(dfd);
  const double write_s = seconds_since(start);
  const auto read_start = Clock::now();
  std::string buf(wavs[0].size(), '\0');
  for (std::size_t i = 0; i < wavs.size(); ++i) {
    const auto path = day / (std::to_string(i + 1) + ".wav");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (::read(fd, buf.data(), buf.size()) != static_cast<ssize_t>(buf.size()) || buf != wavs[i])
      die("read back " + path.string());
    ::close(fd);
  }
  print_row("files (write+fsync)", static_cast<int>(wavs.size()), write_s,
            seconds_since(read_start), total, -1, 0);
}

// One INSERT a recording, committed on its own, as the store thread would.
void bench_bytea(PGconn* pg, const std::vector<std::string>& wavs, std::int64_t total) {
  exec(pg, "CREATE TABLE rec_bytea (id bigint PRIMARY KEY, wav bytea NOT NULL)");
  const auto size0 = query_int(pg, "SELECT pg_database_size(current_database())");
  const auto lsn = query_text(pg, "SELECT pg_current_wal_lsn()::text");
  const auto start = Clock::now();
  for (std::size_t i = 0; i < wavs.size(); ++i) {
    const std::string id = std::to_string(i + 1);
    const char* values[2] = {id.c_str(), wavs[i].data()};
    const int lengths[2] = {0, static_cast<int>(wavs[i].size())};
    const int formats[2] = {0, 1};
    PQclear(must(pg,
                 PQexecParams(pg, "INSERT INTO rec_bytea VALUES ($1, $2)", 2, nullptr, values,
                              lengths, formats, 0),
                 "insert"));
  }
  const double write_s = seconds_since(start);
  const auto wal = wal_since(pg, lsn);
  exec(pg, "CHECKPOINT");
  const auto growth = query_int(pg, "SELECT pg_database_size(current_database())") - size0;
  const auto read_start = Clock::now();
  for (std::size_t i = 0; i < wavs.size(); ++i) {
    const std::string id = std::to_string(i + 1);
    const char* values[1] = {id.c_str()};
    PGresult* r = must(pg,
                       PQexecParams(pg, "SELECT wav FROM rec_bytea WHERE id = $1", 1, nullptr,
                                    values, nullptr, nullptr, 1),
                       "select");
    if (PQgetlength(r, 0, 0) != static_cast<int>(wavs[i].size()) ||
        std::memcmp(PQgetvalue(r, 0, 0), wavs[i].data(), wavs[i].size()) != 0)
      die("bytea read back differs");
    PQclear(r);
  }
  print_row("PostgreSQL bytea", static_cast<int>(wavs.size()), write_s, seconds_since(read_start),
            total, growth, wal);
}

// lo_creat + lo_write in one transaction a recording; read with lo_read.
void bench_large_objects(PGconn* pg, const std::vector<std::string>& wavs, std::int64_t total) {
  const auto size0 = query_int(pg, "SELECT pg_database_size(current_database())");
  const auto lsn = query_text(pg, "SELECT pg_current_wal_lsn()::text");
  std::vector<Oid> oids;
  const auto start = Clock::now();
  for (const auto& wav : wavs) {
    exec(pg, "BEGIN");
    const Oid oid = lo_creat(pg, INV_WRITE);
    const int fd = lo_open(pg, oid, INV_WRITE);
    if (oid == InvalidOid || fd < 0 ||
        lo_write(pg, fd, wav.data(), wav.size()) != static_cast<int>(wav.size()))
      die(std::string("lo_write: ") + PQerrorMessage(pg));
    lo_close(pg, fd);
    exec(pg, "COMMIT");
    oids.push_back(oid);
  }
  const double write_s = seconds_since(start);
  const auto wal = wal_since(pg, lsn);
  exec(pg, "CHECKPOINT");
  const auto growth = query_int(pg, "SELECT pg_database_size(current_database())") - size0;
  const auto read_start = Clock::now();
  std::string buf(wavs[0].size(), '\0');
  for (std::size_t i = 0; i < wavs.size(); ++i) {
    exec(pg, "BEGIN");
    const int fd = lo_open(pg, oids[i], INV_READ);
    if (fd < 0 || lo_read(pg, fd, buf.data(), buf.size()) != static_cast<int>(buf.size()) ||
        buf != wavs[i])
      die("large object read back differs");
    lo_close(pg, fd);
    exec(pg, "COMMIT");
  }
  print_row("PostgreSQL large object", static_cast<int>(wavs.size()), write_s,
            seconds_since(read_start), total, growth, wal);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) die("usage: recordings_bench DIR URL N");
  const std::filesystem::path dir = argv[1];
  const int n = std::atoi(argv[3]);
  if (n <= 0) die("N must be positive");
  std::vector<std::string> wavs;
  std::int64_t total = 0;
  for (int i = 0; i < n; ++i) {
    wavs.push_back(make_wav(static_cast<unsigned>(i + 1)));
    total += static_cast<std::int64_t>(wavs.back().size());
  }
  PGconn* pg = PQconnectdb(argv[2]);
  if (PQstatus(pg) != CONNECTION_OK) die(std::string("connect: ") + PQerrorMessage(pg));
  std::printf("%d recordings of %.2f MB (%.1f MB in all)\n", n, wavs[0].size() / 1e6, total / 1e6);
  bench_files(dir, wavs, total);
  bench_bytea(pg, wavs, total);
  bench_large_objects(pg, wavs, total);
  PQfinish(pg);
  return 0;
}
