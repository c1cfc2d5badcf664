#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL on loopback for the production-path tests, and
# prints the connection URL on its last line. Runs as root, as CI does.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >/dev/null
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start -- -o "-c listen_addresses=127.0.0.1" >/dev/null
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
password=nota-ci
su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
echo "postgres://postgres:${password}@127.0.0.1:${port}/postgres"
