#!/usr/bin/env bash
# The AWS emulator by hand: moto with private-eks's extensions (test/helpers/moto/README.md), on loopback.
#
#   eval "$(scripts/moto.sh start)"   start it (or find the running one) and export the AWS_* settings
#   scripts/moto.sh status            is it running, where
#   scripts/moto.sh reset             wipe its state (POST /moto-api/reset)
#   scripts/moto.sh log               follow its log
#   eval "$(scripts/moto.sh stop)"    stop it and unset what start exported
#
# Options of start: --port N (default: a free one), --region R (default us-west-2).
# Everything lives in .artifacts/moto/dev/ (pid, log, empty AWS config files). Only stdout carries the
# shell lines to eval; messages go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

state=.artifacts/moto/dev
pid_file=$state/pid
port_file=$state/port
region_file=$state/region
log_file=$state/moto.log

say() { echo "moto.sh: $*" >&2; }

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  # The PID must still be our launcher, not a process that got the number later.
  if kill -0 "$pid" 2>/dev/null && grep -q "test/helpers/moto/launcher.py" "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  else
    return 1
  fi
}

answers() { "$PWD/.venv-aws/bin/python" - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=1)
EOF
}

print_env() {
  local endpoint=$1 region=$2
  cat <<EOF
export AWS_ENDPOINT_URL=$endpoint
export AWS_REGION=$region
export AWS_DEFAULT_REGION=$region
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
export AWS_MAX_ATTEMPTS=1
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=$PWD/$state/aws-config
export AWS_SHARED_CREDENTIALS_FILE=$PWD/$state/aws-credentials
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
export NO_PROXY=127.0.0.1
unset AWS_PROFILE AWS_SESSION_TOKEN
EOF
}

start() {
  local port=0 region=us-west-2
  while [ $# -gt 0 ]; do
    case $1 in
      --port) port=$2; shift 2 ;;
      --region) region=$2; shift 2 ;;
      *) say "unknown option $1"; exit 2 ;;
    esac
  done
  if pid=$(running_pid); then
    say "already running (pid $pid, log $log_file)"
    print_env "http://127.0.0.1:$(cat "$port_file")" "$(cat "$region_file")"
    return 0
  fi
  bash scripts/setup-python.sh
  mkdir -p "$state"
  : >"$state/aws-config"
  : >"$state/aws-credentials"
  : >"$log_file"
  # No AWS_* of the developer's reaches the emulator; stdin is /dev/null so it outlives this shell.
  env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
    PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 MOTO_IAM_LOAD_MANAGED_POLICIES=true \
    nohup "$PWD/.venv-aws/bin/python" test/helpers/moto/launcher.py --host 127.0.0.1 --port "$port" \
    </dev/null >>"$log_file" 2>&1 &
  echo $! >"$pid_file"
  echo "$region" >"$region_file"
  local endpoint="" waited=0
  while [ $waited -lt 150 ]; do # 30 s in steps of 0.2 s
    # kill -0, not running_pid: right after the fork the child's cmdline is still this shell's.
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      say "the emulator exited during start-up; log $log_file:"
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    if [ -z "$endpoint" ]; then
      endpoint=$(grep -o 'Running on http://127\.0\.0\.1:[0-9]*' "$log_file" | head -n 1 | sed 's/^Running on //' || true)
    fi
    if [ -n "$endpoint" ] && answers "$endpoint"; then
      echo "${endpoint##*:}" >"$port_file"
      say "running at $endpoint (pid $(cat "$pid_file"), log $log_file)"
      print_env "$endpoint" "$region"
      return 0
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  say "the emulator did not answer within 30 s; log $log_file:"
  tail -n 40 "$log_file" >&2
  stop >/dev/null
  exit 1
}

stop() {
  if pid=$(running_pid); then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    say "stopped (pid $pid)"
  else
    say "not running"
  fi
  rm -f "$pid_file" "$port_file" "$region_file"
  echo "unset AWS_ENDPOINT_URL AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_MAX_ATTEMPTS \
AWS_EC2_METADATA_DISABLED AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE"
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop ;;
  status)
    if pid=$(running_pid); then
      say "running at http://127.0.0.1:$(cat "$port_file") (pid $pid, log $log_file)"
    else
      say "not running"
      exit 1
    fi
    ;;
  env)
    running_pid >/dev/null || { say "not running"; exit 1; }
    print_env "http://127.0.0.1:$(cat "$port_file")" "$(cat "$region_file")"
    ;;
  reset)
    running_pid >/dev/null || { say "not running"; exit 1; }
    "$PWD/.venv-aws/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/moto-api/reset", method="POST"), timeout=10)' \
      "http://127.0.0.1:$(cat "$port_file")"
    say "reset"
    ;;
  log) exec tail -f "$log_file" ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
