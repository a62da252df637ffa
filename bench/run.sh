#!/usr/bin/env bash
# HostPanel next to nginx on the same machine, origin, files and php-fpm pool: wrk (and h2load for HTTP/2)
# against each in turn, alternating, after a warm-up; prints RPS, p50, p99, each server's CPU time per request, RSS
# and the HostPanel/nginx ratios.
#   bench/run.sh                      all cases, 3 rounds of 10 s
#   ROUNDS=5 DURATION=15 bench/run.sh
#   CASES="proxied-hello static-1k" bench/run.sh
#   EXTRA_SITES=10000 CASES=proxied-hello bench/run.sh   # and a second HostPanel with 10,000 more sites beside it
#   HOLD=1 bench/run.sh               # set everything up, print the ports and PIDs, and wait (for profiling)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20}
CONNECTIONS=${CONNECTIONS:-64}
CASES=${CASES:-"proxied-hello proxied-100k static-1k static-100k php-hello https-keepalive https-new-connection http2"}

need=()
for tool in nginx:nginx wrk:wrk h2load:nghttp2-client php-fpm8.2:php8.2-fpm openssl:openssl curl:curl; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

echo "building HostPanel (Release)..." >&2
dotnet build "$ROOT/src/Panel" -c Release -v quiet -nologo >/dev/null

work=$(mktemp -d /tmp/hostpanel-bench.XXXXXX)
pids=()
cleanup() {
  local status=$?
  # A failed run shows why before its directory goes: the end of every server's log.
  if [ "$status" != 0 ]; then for log in "$work"/*.log; do echo "--- end of $log"; tail -n 40 "$log"; done >&2; fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT

port() { # a free port no other server of this run was given
  local p
  while :; do
    p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
      || shuf -i 20000-60000 -n 1)
    grep -qx "$p" "$work/ports" 2>/dev/null || { echo "$p" >> "$work/ports"; echo "$p"; return; }
  done
}
ORIGIN_PORT=$(port); NGINX_HTTP=$(port); NGINX_HTTPS=$(port)
TOKEN=$(openssl rand -hex 16)

mkdir -p "$work"/{www,tls,tmp}
chmod 755 "$work"   # nginx workers run unprivileged and must read www/
head -c 1024 /dev/urandom | base64 -w 0 | head -c 1024 > "$work/www/1k.html"
head -c 102400 /dev/urandom > "$work/www/100k.bin"
echo '<?php echo "hello\n";' > "$work/www/hello.php"
echo '<?php echo "front controller\n";' > "$work/www/index.php"
chmod -R a+rX "$work/www"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,DNS:proxy.bench" -keyout "$work/tls/key.pem" -out "$work/tls/cert.pem" 2>/dev/null

render() { sed -e "s#__DIR__#$work#g" -e "s#__ORIGIN_PORT__#$ORIGIN_PORT#g" -e "s#__HTTP_PORT__#$NGINX_HTTP#g" \
  -e "s#__HTTPS_PORT__#$NGINX_HTTPS#g" -e "s#server_name proxy.bench;#server_name proxy.bench localhost;#" "$1" > "$2"; }
render "$ROOT/bench/nginx/origin.conf" "$work/origin.conf"
render "$ROOT/bench/nginx/reference.conf" "$work/reference.conf"
render "$ROOT/bench/nginx/php-fpm.conf" "$work/php-fpm.conf"

php-fpm8.2 -F -R -y "$work/php-fpm.conf" & pids+=($!)
nginx -p "$work" -c "$work/origin.conf" -g 'daemon off;' & pids+=($!)
nginx -p "$work" -c "$work/reference.conf" -g 'daemon off;' & NGINX_PID=$!; pids+=($NGINX_PID)

# Each HostPanel instance has its own data directory, ports and log; nginx is one more server in the same tables.
declare -A HTTP_PORT=([nginx]=$NGINX_HTTP) HTTPS_PORT=([nginx]=$NGINX_HTTPS) PANEL_PORT=() PID=()
servers=(nginx)
api() { echo "http://127.0.0.1:${PANEL_PORT[$1]}/api/v1"; }
start_hostpanel() { # instance
  HostPanel__DataDir="$work/$1" HostPanel__Panel__Url="http://127.0.0.1:${PANEL_PORT[$1]}" HostPanel__Admin__ApiToken="$TOKEN" \
  HostPanel__Admin__Password="bench-password-unused" HostPanel__Proxy__HttpPort=${HTTP_PORT[$1]} HostPanel__Proxy__HttpsPort=${HTTPS_PORT[$1]} \
  HostPanel__Proxy__BindAddress=127.0.0.1 Logging__LogLevel__Default=Warning \
    dotnet "$ROOT/src/Panel/bin/Release/net10.0/HostPanel.dll" >> "$work/$1.log" 2>&1 & PID[$1]=$!; pids+=($!)
  for _ in $(seq 1 300); do curl -sf -H "Authorization: Bearer $TOKEN" "$(api "$1")/status" >/dev/null && break; sleep 0.2; done
}
site() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$(api "$1")/sites" -d "$2"; }
new_hostpanel() { # instance: started with the three benchmark sites and the proxy site's certificate
  HTTP_PORT[$1]=$(port); HTTPS_PORT[$1]=$(port); PANEL_PORT[$1]=$(port); mkdir -p "$work/$1"
  start_hostpanel "$1"; servers+=("$1")
  site "$1" "{\"name\":\"proxy\",\"domains\":[\"proxy.bench\",\"localhost\"],\"backend\":{\"type\":\"app\",\"upstreams\":[\"127.0.0.1:$ORIGIN_PORT\"]},\"tls\":{\"mode\":\"both\",\"certificate\":\"imported\"}}" >/dev/null
  site "$1" "{\"name\":\"static\",\"domains\":[\"static.bench\"],\"backend\":{\"type\":\"static\",\"root\":\"$work/www\"}}" >/dev/null
  site "$1" "{\"name\":\"php\",\"domains\":[\"php.bench\"],\"backend\":{\"type\":\"php\",\"socket\":\"$work/php-fpm.sock\",\"root\":\"$work/www\"}}" >/dev/null
  curl -s -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$(api "$1")/sites/proxy/certificate" \
    -d "{\"certificatePem\":\"$(awk '{printf "%s\\n", $0}' "$work/tls/cert.pem")\",\"privateKeyPem\":\"$(awk '{printf "%s\\n", $0}' "$work/tls/key.pem")\"}" || true
}
new_hostpanel hostpanel

# EXTRA_SITES=10000: a second HostPanel with that many more sites (each its own domain and upstream pool), measured
# in the same alternating rounds as the first, to see what the size of the configuration costs one site's requests
# and the process's memory without the machine's drift between two separate runs.
scaled=""
if [ "${EXTRA_SITES:-0}" -gt 0 ]; then
  scaled="hostpanel-$((EXTRA_SITES + 3))-sites"
  new_hostpanel "$scaled"
  echo "creating $EXTRA_SITES extra sites..." >&2
  for i in $(seq 1 "$EXTRA_SITES"); do
    printf '{"name":"extra-%d","domains":["extra-%d.bench"],"backend":{"type":"app","upstreams":["127.0.0.1:%d"]}}\n' "$i" "$i" "$ORIGIN_PORT"
  done | while read -r doc; do site "$scaled" "$doc" >/dev/null; done
  echo "RSS with $((EXTRA_SITES + 3)) sites, right after creating them through the API: $(awk '/VmRSS/ { print int($2/1024) }' "/proc/${PID[$scaled]}/status") MB" >&2
  # Measured as a server runs day to day: started with its sites stored.
  kill "${PID[$scaled]}"; wait "${PID[$scaled]}" 2>/dev/null || true
  start_hostpanel "$scaled"; sleep 5
  echo "RSS with $((EXTRA_SITES + 3)) sites after a restart, before load: $(awk '/VmRSS/ { print int($2/1024) }' "/proc/${PID[$scaled]}/status") MB" >&2
fi
HP_PID=${PID[hostpanel]}

if [ "${HOLD:-0}" = 1 ]; then
  echo "nginx http://127.0.0.1:$NGINX_HTTP https://localhost:$NGINX_HTTPS (pid $NGINX_PID)"
  for hp in "${servers[@]:1}"; do
    label=HostPanel; [ "$hp" = "$scaled" ] && label="HostPanel with $((EXTRA_SITES + 3)) sites"
    echo "$label http://127.0.0.1:${HTTP_PORT[$hp]} https://localhost:${HTTPS_PORT[$hp]} (pid ${PID[$hp]}), panel http://127.0.0.1:${PANEL_PORT[$hp]}, token $TOKEN"
  done
  echo "hosts: proxy.bench static.bench php.bench; Ctrl-C stops everything"
  sleep infinity & pids+=($!); wait $!; exit 0
fi

# name | host | path | kind (http, https, close, h2)
declare -A HOST=( [proxied-hello]=proxy.bench [proxied-100k]=proxy.bench [static-1k]=static.bench [static-100k]=static.bench
  [php-hello]=php.bench [https-keepalive]=localhost [https-new-connection]=localhost [http2]=localhost )
declare -A PATHS=( [proxied-hello]=/ [proxied-100k]=/100k [static-1k]=/1k.html [static-100k]=/100k.bin [php-hello]=/hello.php
  [https-keepalive]=/ [https-new-connection]=/ [http2]=/ )
declare -A KIND=( [proxied-hello]=http [proxied-100k]=http [static-1k]=http [static-100k]=http [php-hello]=http
  [https-keepalive]=https [https-new-connection]=close [http2]=h2 )

url() { # server case
  case ${KIND[$2]} in http) echo "http://127.0.0.1:${HTTP_PORT[$1]}${PATHS[$2]}";; *) echo "https://localhost:${HTTPS_PORT[$1]}${PATHS[$2]}";; esac
}
status() { curl -sk -o /dev/null -w '%{http_code}' -H "Host: ${HOST[$2]}" "$(url "$1" "$2")" || true; }
works() { [ "$(status "$1" "$2")" = 200 ]; }
ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.3f", v }'; }
HZ=$(getconf CLK_TCK)
server_pid() { if [ "$1" = nginx ]; then echo "$NGINX_PID"; else echo "${PID[$1]}"; fi; }
process_sum() { # pid /proc-file awk-program -> the program's number summed over the process and its children
  local total=0 pid
  for pid in $(pgrep -P "$1" 2>/dev/null) "$1"; do total=$((total + $(awk "$3" "/proc/$pid/$2" 2>/dev/null || echo 0))); done
  echo $total
}
cpu_ticks() { process_sum "$1" stat '{ print $14 + $15 }'; } # pid -> user + system clock ticks
measure() { # server case seconds -> "rps p50 p99 cpu", cpu being the server's CPU time per request in µs
  local out rps p50 p99 requests before after
  before=$(cpu_ticks "$(server_pid "$1")")
  case ${KIND[$2]} in
    h2)
      out=$(h2load -D "$3" -c "$CONNECTIONS" -m 10 -t 1 "$(url "$1" "$2")" 2>/dev/null)
      rps=$(echo "$out" | awk '/^finished in/ { gsub(/,/,""); print $4 }'); p50=$(echo "$out" | awk '/time for request:/ { print $6 }' | ms); p99=-
      requests=$(echo "$out" | awk '/^requests:/ { print $6 }') ;;
    *)
      local extra=()
      [ "${KIND[$2]}" = close ] && extra=(-H "Connection: close")
      out=$(wrk -t1 -c"$CONNECTIONS" -d"${3}s" --latency -H "Host: ${HOST[$2]}" "${extra[@]}" "$(url "$1" "$2")")
      rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }'); p50=$(echo "$out" | awk '$1=="50%" { print $2 }' | ms); p99=$(echo "$out" | awk '$1=="99%" { print $2 }' | ms)
      requests=$(echo "$out" | awk '/requests in/ { print $1 }') ;;
  esac
  after=$(cpu_ticks "$(server_pid "$1")")
  echo "$rps $p50 $p99 $(awk -v t=$((after - before)) -v n="${requests:-0}" -v hz="$HZ" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "-" }')"
}
rss_mb() { echo $(( $(process_sum "$1" status '/VmRSS/ { print $2 }') / 1024 )); } # pid -> resident MB

active=()
for c in $CASES; do
  ok=1; for server in "${servers[@]}"; do works "$server" "$c" || ok=0; done
  if [ $ok = 1 ]; then active+=("$c")
  else echo "skipping $c: $(for server in "${servers[@]}"; do echo -n "$server $(status "$server" "$c") "; done)(200 needed from each)" >&2; fi
done

echo "warming up ($WARMUP s over ${#active[@]} cases)..." >&2
for hp in "${servers[@]:1}"; do
  for c in "${active[@]}"; do measure "$hp" "$c" $(( (WARMUP + ${#active[@]} - 1) / ${#active[@]} )) >/dev/null; done
done

declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  for c in "${active[@]}"; do
    # Each round starts with the next server, so none is always measured first.
    first=$(( (round - 1) % ${#servers[@]} ))
    for server in "${servers[@]:$first}" "${servers[@]:0:$first}"; do
      result=$(measure "$server" "$c" "$DURATION")
      # HostPanel keeps idle FastCGI connections (each holds a php-fpm worker) for 2-3 s: let them go first.
      [ "$c" = php-hello ] && sleep 4
      RESULTS[$server,$c]+="$result;"
      echo "round $round $c $server: $result (RPS, p50 and p99 ms, CPU µs per request)" >&2
    done
  done
done

median() { tr ';' '\n' | awk -v f="$1" 'NF { print $f }' | sort -g | awk '{ a[NR]=$1 } END { if (NR==0) print "-"; else print a[int((NR+1)/2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2f", a/b; else print "-" }'; }

echo
echo "| case | nginx RPS | HostPanel RPS | RPS ratio | nginx p50 ms | HostPanel p50 ms | nginx p99 ms | HostPanel p99 ms | nginx CPU µs/req | HostPanel CPU µs/req |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in "${active[@]}"; do
  n=${RESULTS[nginx,$c]}; h=${RESULTS[hostpanel,$c]}
  nr=$(echo "$n" | median 1); hr=$(echo "$h" | median 1)
  echo "| $c | $nr | $hr | $(ratio "$hr" "$nr") | $(echo "$n" | median 2) | $(echo "$h" | median 2) | $(echo "$n" | median 3) | $(echo "$h" | median 3) | $(echo "$n" | median 4) | $(echo "$h" | median 4) |"
done
if [ -n "$scaled" ]; then
  change() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%+.1f%%", (a/b - 1) * 100; else print "-" }'; }
  echo
  echo "| case | HostPanel RPS, 3 sites | $((EXTRA_SITES + 3)) sites | change | p99 ms, 3 sites | $((EXTRA_SITES + 3)) sites | change |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for c in "${active[@]}"; do
    h=${RESULTS[hostpanel,$c]}; x=${RESULTS[$scaled,$c]}
    hr=$(echo "$h" | median 1); xr=$(echo "$x" | median 1); hp99=$(echo "$h" | median 3); xp99=$(echo "$x" | median 3)
    echo "| $c | $hr | $xr | $(change "$xr" "$hr") | $hp99 | $xp99 | $(change "$xp99" "$hp99") |"
  done
fi
echo
echo "RSS after the run: nginx $(rss_mb "$NGINX_PID") MB (master + workers), HostPanel $(rss_mb "$HP_PID") MB (panel + proxy)$(
  [ -n "$scaled" ] && echo ", HostPanel with $((EXTRA_SITES + 3)) sites $(rss_mb "${PID[$scaled]}") MB")."
echo "Machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2 }'); $DURATION s x $ROUNDS rounds, $CONNECTIONS connections, medians."
