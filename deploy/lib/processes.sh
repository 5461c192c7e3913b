# Sourced by the scripts that start their own processes on 127.0.0.1 (bench/lib/register-app.sh, deploy/cluster-test.sh).
# free_port reports failure through the caller's fail function.

# Stops a process the script started: TERM, up to 30 s for a clean shutdown, then KILL.
stop() {
  local pid=$1 _
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port _
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    port_taken "$port" || { echo "$port"; return 0; }
  done
  fail "no free TCP port found on 127.0.0.1"
}
