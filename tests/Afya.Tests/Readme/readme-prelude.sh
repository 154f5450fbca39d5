# Run before the README's blocks by ReadmeTests. Every curl records its HTTP status; a `# => 201` line in the
# README checks the last one, and a 4xx/5xx that no such line expects fails the run.
set -euo pipefail
__state=$(mktemp -d)
echo 1 > "$__state/checked"; echo 000 > "$__state/last"; : > "$__state/cmd"; : > "$__state/count"

__unexpected() {
  local last; last=$(cat "$__state/last")
  if [[ $(cat "$__state/checked") != 1 && $last -ge 400 ]]; then
    echo "README: HTTP $last that no '# => $last' line expects, from: curl $(cat "$__state/cmd")" >&2
    exit 97
  fi
  return 0
}

curl() {
  __unexpected
  local rc=0
  command curl -sS -w '%{stderr}__HTTP_STATUS %{http_code}\n' "$@" 2> "$__state/err" || rc=$?
  grep -v '^__HTTP_STATUS ' "$__state/err" >&2 || true
  sed -n 's/^__HTTP_STATUS //p' "$__state/err" | tail -n 1 > "$__state/last"
  echo 0 > "$__state/checked"
  printf '%s' "$*" > "$__state/cmd"
  echo . >> "$__state/count"
  return $rc
}

__expect() {
  local got; got=$(cat "$__state/last")
  if [[ $got != "$1" ]]; then
    echo "README: expected HTTP $1, got $got, from: curl $(cat "$__state/cmd")" >&2
    exit 98
  fi
  echo 1 > "$__state/checked"
}

__block() { __unexpected; echo "--- README block $1 (line $2)"; }

__requests() { wc -l < "$__state/count"; }
