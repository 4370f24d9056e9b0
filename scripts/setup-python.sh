#!/usr/bin/env bash
# Creates the Python virtualenvs the tests use, from PyPI, pinned:
#   .venv-aws      moto (AWS emulator, server mode) and cfn-lint
#   .venv-checkov  checkov (template security scan)           [only with --checkov]
# Idempotent: a venv whose requirements file has not changed is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
make_venv() {
  local dir=$1 req=$2
  local stamp="$dir/.requirements.sha256"
  local want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$dir/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "setup-python: creating $dir from $req" >&2
  rm -rf "$dir"
  "$python" -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  echo "$want" >"$stamp"
}

make_venv .venv-aws requirements/aws-tools.txt
"$PWD/.venv-aws/bin/python" -c 'import moto, cfnlint.version as v; print("moto", moto.__version__, "cfn-lint", v.__version__)' >&2
if [ "${1:-}" = "--checkov" ]; then
  make_venv .venv-checkov requirements/checkov.txt
  "$PWD/.venv-checkov/bin/checkov" --version >&2
fi
