#!/usr/bin/env bash
# package_test.sh SOURCE_DIR WORK_DIR: builds the package with `make deb`
# (a no-op when nothing changed), checks it with lintian, unpacks it with
# dpkg-deb -x into WORK_DIR/root, checks the unit (systemd-analyze verify,
# when present) and the packaged robocall.conf against `robocall serve
# --help`, then starts the unpacked robocall with that configuration moved
# to temporary folders on a free loopback port, checks that the web UI and
# the API answer, and stops it by its PID.
set -euo pipefail
src=$1
work=$2
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

deb=$(make -s -C "$src" deb | tail -n 1)
[[ $deb = /* ]] || deb=$src/$deb
[[ -f $deb ]] || fail "make deb made no package ($deb)"
echo "package: $deb"

lintian --fail-on error,warning "$deb" || fail "lintian"

rm -rf "$work" && mkdir -p "$work"
root=$work/root
dpkg-deb -x "$deb" "$root"
for f in usr/bin/robocall usr/share/robocall/web/index.html etc/robocall/robocall.conf \
  lib/systemd/system/robocall.service; do
  [[ -e $root/$f ]] || fail "the package has no /$f"
done
dpkg-deb -I "$deb" conffiles | grep -qx /etc/robocall/robocall.conf || fail "robocall.conf is not a conffile"
robocall=$root/usr/bin/robocall
conf=$root/etc/robocall/robocall.conf

# Every serve flag is a key of the packaged file, set or commented; a
# commented key shows the flag's default.
help=$("$robocall" serve --help)
keys=$(grep -oE '^  --[a-z0-9-]+' <<<"$help" | sed 's/^  --//' | grep -vxE 'help|config')
for key in $keys; do
  line=$(grep -E "^(# )?$key = " "$conf" | head -n 1) || fail "robocall.conf lacks the key $key"
  default=$(sed -nE "s/^  --$key [^=]*=([^ ]+).*/\1/p" <<<"$help")
  if [[ $line = "# "* && -n $default && $line != "# $key = $default" ]]; then
    fail "robocall.conf: «$line», but the default of --$key is $default"
  fi
done

if command -v systemd-analyze >/dev/null; then
  unit=$work/robocall.service
  sed "s|/usr/bin/robocall|$robocall|" "$root/lib/systemd/system/robocall.service" >"$unit"
  systemd-analyze verify "$unit" || fail "systemd-analyze verify"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$work/data
mkdir -p "$data"
sed -e "s|/var/lib/robocall|$data|g" -e "s|/usr/share/robocall/web|$root/usr/share/robocall/web|g" \
  "$conf" >"$work/robocall.conf"
echo "listen = 127.0.0.1:$port" >>"$work/robocall.conf"

"$robocall" serve --config "$work/robocall.conf" >"$work/serve.log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 600); do
  grep -q 'веб-интерфейс и API на' "$work/serve.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; fail "robocall serve ended"; }
  sleep 0.1
done
grep -q 'веб-интерфейс и API на' "$work/serve.log" || { cat "$work/serve.log"; fail "robocall serve did not start"; }

curl -sf "http://127.0.0.1:$port/" -o "$work/index.html" || fail "GET / failed"
cmp -s "$work/index.html" "$root/usr/share/robocall/web/index.html" || fail "GET / is not the packaged UI"
code=$(curl -s -o "$work/me.json" -w '%{http_code}' "http://127.0.0.1:$port/api/me")
[[ $code = 401 ]] || fail "GET /api/me without a session answered $code, not 401"
grep -q '"error"' "$work/me.json" || fail "GET /api/me answered no JSON error: $(cat "$work/me.json")"
[[ -f $data/robocall.db ]] || fail "the database is not in the configured data folder"

stop
trap - EXIT
echo "package: lintian clean, unpacked robocall served the UI and the API on 127.0.0.1:$port"
