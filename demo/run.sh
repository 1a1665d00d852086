#!/usr/bin/env bash
# `make demo`: robocall calling simulated patients on this machine.
#
#   demo/run.sh ROBOCALL WEB_DIST
#
# Starts, all on 127.0.0.1: SIPp "patients" (demo/patients.xml) and
# `robocall serve` on a fresh database under demo-data/; through the API it
# adds a SIP account pointing at the patients, opens the calendar around the
# clock with a retry after 1 minute, uploads 40 appointments
# (demo/workbook.py) and switches dialing on. Prints the UI address and the
# admin password, then runs until Ctrl-C or DEMO_MINUTES (default 30), and
# stops everything it started.
#
# Environment: DEMO_PORT (HTTP, default 8090), DEMO_MINUTES, DEMO_DIR
# (default demo-data; wiped at start).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: demo/run.sh ROBOCALL WEB_DIST" >&2
  exit 2
fi
robocall="$(realpath "$1")"
web_dist="$(realpath "$2")"
here="$(cd "$(dirname "$0")" && pwd)"
dir="${DEMO_DIR:-demo-data}"
minutes="${DEMO_MINUTES:-30}"
python=/usr/bin/python3

free_port() { # $1: tcp or udp; prints a port nobody listens on
  "$python" - "$1" <<'EOF'
import socket, sys
kind = socket.SOCK_STREAM if sys.argv[1] == "tcp" else socket.SOCK_DGRAM
s = socket.socket(socket.AF_INET, kind)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
EOF
}
port_taken() { "$python" -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$1))!=0)"; }

http_port="${DEMO_PORT:-8090}"
if port_taken "$http_port"; then http_port="$(free_port tcp)"; fi
sip_port="$(free_port udp)"
media_port="$(free_port udp)"
base="http://127.0.0.1:$http_port"

rm -rf "$dir"
mkdir -p "$dir/data"
dir="$(realpath "$dir")"

sipp_pid=""
serve_pid=""
exec 3>&1 # the terminal, for stop() even when it runs inside a redirected call
stop() {
  trap - INT TERM EXIT
  exec >&3
  echo
  echo "demo: останавливаю robocall и SIPp..."
  if [[ -n "$serve_pid" ]] && kill -0 "$serve_pid" 2>/dev/null; then
    echo "demo: звонки, которые идут, завершаются (не дольше 30 с)..."
    kill -TERM "$serve_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  if [[ -n "$sipp_pid" ]] && kill -0 "$sipp_pid" 2>/dev/null; then
    kill -TERM "$sipp_pid" 2>/dev/null || true
    sleep 0.2
    kill -KILL "$sipp_pid" 2>/dev/null || true
    wait "$sipp_pid" 2>/dev/null || true
  fi
  echo "demo: остановлено. База и записи звонков остались в $dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

# The patients: one SIPp answering every call by the last digit of the number.
"$here/patients.sh" "$dir" "$sip_port" "$media_port" "$((minutes * 60 + 60))" 2>"$dir/sipp.log" &
sipp_pid=$!

"$robocall" serve --db "$dir/robocall.db" --data-dir "$dir/data" --listen "127.0.0.1:$http_port" \
  --web-dir "$web_dist" >"$dir/serve.log" 2>&1 &
serve_pid=$!

for _ in $(seq 1 150); do
  kill -0 "$serve_pid" 2>/dev/null || { cat "$dir/serve.log"; echo "demo: robocall serve завершился" >&2; exit 1; }
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/me")" == 401 ]] && break
  sleep 0.2
done
kill -0 "$sipp_pid" 2>/dev/null || { cat "$dir/sipp.log"; echo "demo: SIPp не запустился" >&2; exit 1; }
# The first administrator's password is in a 0600 file (docs/SECURITY.md
# "Users and roles"); it must be changed at the first login.
first_password="$(cat "$dir/data/admin-password.txt" 2>/dev/null || true)"
[[ -n "$first_password" ]] || { cat "$dir/serve.log"; echo "demo: нет файла $dir/data/admin-password.txt" >&2; exit 1; }
password="demo-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# The API, as the web UI uses it: a session cookie and the CSRF token.
jar="$dir/cookies.txt"
api() { # METHOD PATH [JSON]
  local out
  out="$(curl -sS -b "$jar" -c "$jar" -X "$1" -H "X-CSRF-Token: ${csrf:-}" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} -w '\n%{http_code}' "$base$2")"
  local code="${out##*$'\n'}"
  if [[ "$code" != 2* ]]; then
    echo "demo: $1 $2 -> $code: ${out%$'\n'*}" >&2
    exit 1
  fi
  printf '%s' "${out%$'\n'*}"
}
csrf=""
csrf="$(api POST /api/login "{\"login\":\"admin\",\"password\":\"$first_password\"}" |
  "$python" -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')"
api POST /api/password \
  "{\"current_password\":\"$first_password\",\"new_password\":\"$password\"}" >/dev/null
rm -f "$dir/data/admin-password.txt"

api PUT /api/settings/schedule \
  '{"working":{"start":"00:00","end":"24:00"},"shortened":{"start":"00:00","end":"24:00"},
    "weekdays":["working","working","working","working","working","working","working"]}' >/dev/null
api PUT /api/settings/exceptions '[]' >/dev/null
api PUT /api/settings/robocall \
  '{"enabled":false,"attempts":3,"retry_after_min":1,"answer_timeout_s":10,"max_calls":6,
    "max_calls_per_second":2,"retention_days":null}' >/dev/null
api POST /api/sip/accounts \
  "{\"name\":\"Пациенты (SIPp)\",\"username\":\"demo\",\"password\":\"demo\",
    \"server\":\"127.0.0.1:$sip_port\",\"caller_id\":\"4950000000\",\"is_default\":true}" >/dev/null

"$python" "$here/workbook.py" "$dir/Записи на приём.xlsx" 40
report="$(curl -sS -b "$jar" -H "X-CSRF-Token: $csrf" -F "file=@$dir/Записи на приём.xlsx" "$base/api/imports")"
created="$(printf '%s' "$report" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["created"])')"
api POST /api/dialer '{"enabled":true}' >/dev/null

cat <<EOF

  robocall demo работает.

  Веб-интерфейс:  $base/
  Логин:          admin
  Пароль:         $password

  Загружено $created записей на сегодня и завтра (файл $dir/Записи на приём.xlsx).
  Пациенты — SIPp на 127.0.0.1:$sip_port, ответ по последней цифре номера:
    0 1 7 9 — нажимает 1 (подтверждение), 2 8 — нажимает 2 (отмена),
    3 — молчит, 4 — занято, 5 — не берёт трубку, 6 — недоступен.
  В течение пары минут в списке заданий появятся подтверждения, отмены и
  повторные звонки.

  ВНИМАНИЕ: только для демонстрации расписание открыто круглосуточно каждый
  день, производственный календарь очищен, повтор через 1 минуту. Настоящая
  поликлиника так делать не должна: звонить можно только в рабочие часы.

  Ctrl-C — остановить всё (и сам demo остановится через $minutes мин).
  Журналы: $dir/serve.log, $dir/sipp-errors.log
EOF

end=$((SECONDS + minutes * 60))
while ((SECONDS < end)); do
  kill -0 "$serve_pid" 2>/dev/null || { echo "demo: robocall serve завершился:"; tail -20 "$dir/serve.log"; exit 1; }
  sleep 1
done
echo "demo: прошло $minutes мин"
