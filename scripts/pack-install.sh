#!/usr/bin/env bash
# Packs the package as npm would publish it (`npm pack`), installs the tarball into a fresh
# prefix as a user would (`npm install -g` there), and prints the path of its `private-eks`.
# The CLI tests run against it with PRIVATE_EKS_CLI=<that path> (test/helpers/built-cli.ts).
#   bash scripts/pack-install.sh [DIR]      # DIR: where to pack and install (default: a new temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/private-eks-pack.XXXXXX")}"
mkdir -p "$dir"
tarball="$(npm pack --silent --pack-destination "$dir" | tail -n 1)"
npm install --global --prefix "$dir/prefix" --no-audit --no-fund --silent "$dir/$tarball" >&2
echo "$dir/prefix/bin/private-eks"
