#!/usr/bin/env bash
# A full create → get → delete of an example config against the local AWS emulator (moto with
# private-eks's extensions, test/helpers/moto/README.md), then the emulator is stopped.
# Nothing leaves this machine: the emulator listens on 127.0.0.1 and the credentials are dummies.
#
#   npm run try:emulator                       # examples/minimal.yaml
#   npm run try:emulator -- examples/fargate-irsa.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-examples/minimal.yaml}

[ -f dist/cli/live.cjs ] || npm run --silent build
bash scripts/setup-python.sh
eval "$(scripts/moto.sh start)"
trap 'eval "$(scripts/moto.sh stop)"' EXIT
export KUBECONFIG="$PWD/.artifacts/try-emulator/kubeconfig"
mkdir -p "$(dirname "$KUBECONFIG")"

run() {
  printf '\n$ private-eks %s\n' "$*" >&2
  node bin/private-eks.js "$@"
}
run create cluster -f "$config"
run get cluster
run delete cluster -f "$config"
printf '\nThe emulator held the cluster for the run above; it is stopped now. kubeconfig used: %s\n' "$KUBECONFIG" >&2
