# Sourced by CI scripts: commands that run side by side, each into a log of its own, printed
# whole once all have ended (interleaved output helps nobody), with each one's outcome.
#
#   beside "the suite on postgres" env TEST_DATABASE=postgres npx jest ...
#   beside "the packed plugin" npm run test:package
#   all_beside_passed   # waits for every one; returns 1 if any failed

beside_logs=$(mktemp -d)
beside_names=()
beside_pids=()

beside() {
  local name=$1
  shift
  "$@" >"$beside_logs/${#beside_pids[@]}.log" 2>&1 &
  beside_pids+=($!)
  beside_names+=("$name")
}

all_beside_passed() {
  local status=0 at result
  for at in "${!beside_pids[@]}"; do
    if wait "${beside_pids[$at]}"; then result=passed; else result=failed; status=1; fi
    echo "== ${beside_names[$at]}: $result"
    cat "$beside_logs/$at.log"
  done
  rm -rf "$beside_logs"
  return $status
}
