# Sourced by the scripts that install npm packages and start helper processes for a Maven
# profile (js-clients/js-clients.sh and validators/validators.sh beside this file, livechat-client's
# src/test/contract/prism.sh), so that all of them install from their lock file and stop what they
# started the same way. The sourcing script sets script_name, the prefix of what this prints.
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

# npm_ci_once <package dir> <work dir> <what>
#   Installs the packages pinned by <package dir>'s package.json and package-lock.json into <work
#   dir> with `npm ci`; skipped when <work dir> already holds that lock file's install. On failure
#   it prints npm's log and exits.
npm_ci_once() {
  local from=$1 dir=$2 what=$3
  if cmp -s "$from/package-lock.json" "$dir/installed-package-lock.json"; then
    return 0
  fi
  echo "$script_name: installing $what (npm ci) into $dir"
  rm -rf "$dir/node_modules" "$dir/installed-package-lock.json"
  cp "$from/package.json" "$from/package-lock.json" "$dir/"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$dir/npm-install.log" 2>&1; then
    cat "$dir/npm-install.log" >&2
    echo "$script_name: npm ci failed" >&2
    exit 1
  fi
  cp "$from/package-lock.json" "$dir/installed-package-lock.json"
}
