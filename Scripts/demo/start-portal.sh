# Sourced by Scripts/demo.sh and Scripts/bench-watch.sh: starts the loopback demo portal
# (Scripts/demo/portal.py) serving version 1, and sets `server` (its pid) and `port`.
# The caller's EXIT trap must kill "$server".
start_portal() { # work-folder
  echo 1 > "$1/version"
  python3 Scripts/demo/portal.py "$1/version" > "$1/port" &
  server=$!
  for _ in $(seq 50); do [ -s "$1/port" ] && break; sleep 0.1; done
  port=$(cat "$1/port")
}
