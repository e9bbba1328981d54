# Sourced by the scripts that start helper processes for a Maven profile (js-clients/js-clients.sh
# and validators/validators.sh beside this file, livechat-client's src/test/contract/prism.sh), so
# that all of them stop what they started the same way. The sourcing script sets script_name, the
# prefix of what this prints.
#
# stop_pid_file <pid file> <expected> <label>
#   Stops the process recorded in <pid file>, but only if its command line still holds <expected>
#   (a stale file must never make us kill an unrelated process that got the same PID): SIGTERM,
#   then SIGKILL if it has not ended 5 s later. <label> names it in the log; "" prints nothing.
stop_pid_file() {
  local pid_file=$1 expected=$2 label=$3 pid i
  [[ -f $pid_file ]] || return 0
  pid=$(<"$pid_file")
  rm -f "$pid_file"
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  ps -p "$pid" -o args= 2>/dev/null | grep -q -- "$expected" || return 0
  [[ -z $label ]] || echo "$script_name: stopping $label (PID $pid)"
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "$script_name: PID $pid did not stop on SIGTERM, sending SIGKILL" >&2
  kill -9 "$pid" 2>/dev/null || true
}
