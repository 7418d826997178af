#!/usr/bin/env bash
# The integration tier on PostgreSQL and on MariaDB, side by side: each suite waits on its Strapi
# processes, its database and its timers, and the other fills those waits (the pair kept two cores
# about 90% busy over a run). Builds the plugin and compiles the playground once for both, starts
# both throw-away servers, prints each suite's log when it ends, and fails if either failed.
#
# A file whose outcome cannot depend on the database runs on SQLite only (in `npm test`): GraphQL
# answers through the services the REST tests cover, Varnish sees HTTP only, the demo seeds
# SQLite, the content-type checks read schemas, and the timers' statements are checked against
# SQLite's plans (where every statement runs in the app's thread). `strapi export`/`import` is Strapi's own
# engine, so one server database proves what SQLite does not: it runs on PostgreSQL, and the
# plugin's counters import (the counters' own upserts, which every suite runs) on MariaDB. That
# keeps the two suites about as long as each other. `npm run test:postgres` and
# `npm run test:mysql` still run everything.
set -euo pipefail
cd "$(dirname "$0")/../.."

# `--built`: the plugin was just built and the playground compiled (by `npm test`, in `.ci/run`).
if [ "${1:-}" != --built ]; then
  npm run build
  node -e "require('@strapi/strapi').compileStrapi({ appDir: require('path').resolve('playground') }).catch((error) => { console.error(error); process.exit(1); })"
fi
# The servers' ports and folders follow PGTESTPORT, PGTESTDATA, MYSQLTESTPORT and MYSQLTESTDATA.
TEST_POSTGRES_URL=$(scripts/ci/postgres-test-server.sh)
TEST_MYSQL_URL=$(scripts/ci/mysql-test-server.sh)
export TEST_POSTGRES_URL TEST_MYSQL_URL

sqlite_only='graphql|graphql-shadow-crud|edge-cache|demo-seed|content-types|periodic-queries|archive-queries'
declare -A skipped=(
  [postgres]="/tests/integration/($sqlite_only|counters-transfer)\\.test\\.ts\$"
  [mysql]="/tests/integration/($sqlite_only|data-transfer)\\.test\\.ts\$"
)

# shellcheck source=side-by-side.sh
source scripts/ci/side-by-side.sh
for database in postgres mysql; do
  beside "the integration suite on $database" env NEWSROOM_PLAYGROUND_COMPILED=true TEST_DATABASE=$database \
    npx jest --runInBand --selectProjects integration --testPathIgnorePatterns "${skipped[$database]}"
done
all_beside_passed
