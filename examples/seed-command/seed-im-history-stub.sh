#!/bin/sh
# An example of the CI gate's --seed-command: load one scenario into the server under test, replacing whatever an
# earlier scenario left under that sdkappid. The gate runs it once per scenario, as
#
#     /bin/sh -c 'CMD "$1"' im-history-seed FILE
#
# where FILE is the scenario adapted to the target (README, "Seeding a server of your own": its tenant says the
# sdkappid, admins, key and settings the server must give the app; its dataset the messages it must hold), with
# IMHISTORY_SCENARIO_FILE, IMHISTORY_SCENARIO_ID, IMHISTORY_BASE_URL, IMHISTORY_SDKAPPID and IMHISTORY_IDENTIFIER in
# the environment.
#
# This one loads the file into the im-history stub through its admin API, so that it can be tried without a server
# of your own:
#
#     java -jar kit/target/im-history-kit-gate.jar server --base-url http://127.0.0.1:8080 --sdkappid 1500000100 \
#          --identifier admin --secret-key 5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e \
#          --seed-command 'sh examples/seed-command/seed-im-history-stub.sh' --scenario c2c-doc-two-pages
#
# A real server's command would instead turn the file's tenant and dataset into its own import (SQL, an admin API,
# a fixture loader) and exit 0 when the data is in place; any other exit stops the gate with exit code 2.
set -eu
file="$1"
response=$(mktemp)
trap 'rm -f "$response"' EXIT
status=$(curl -sS -o "$response" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary "@$file" "$IMHISTORY_BASE_URL/__imhistory/tenants/$IMHISTORY_SDKAPPID")
if [ "$status" != 201 ]; then
  echo "could not seed $IMHISTORY_SCENARIO_ID: HTTP $status" >&2
  cat "$response" >&2
  exit 1
fi
echo "seeded $IMHISTORY_SCENARIO_ID into sdkappid $IMHISTORY_SDKAPPID"
