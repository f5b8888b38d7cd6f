#!/usr/bin/env bash
# Configures the unpacked WildFly distribution for Baton: a fresh baton.xml from standalone-ha.xml,
# then each configure-*.cli script in order, against an embedded (offline) server.
# The scripts themselves hold no embed-server line, so the same files run against a live server
# with `jboss-cli.sh --connect --file=...` in production.
# usage: configure-server.sh <server dir> <folder holding baton-iso-connector.rar and baton.ear>
set -euo pipefail

server=$1
deployments=$2
cfg="$server/standalone/configuration"

rm -rf "$server/standalone/data" "$server/standalone/tmp" "$server/standalone/log"
cp "$cfg/standalone-ha.xml" "$cfg/baton.xml"

run_script() {
  local script="$server/baton/cli/configure-$1.cli"
  local wrapped
  wrapped=$(mktemp)
  {
    echo "embed-server --server-config=baton.xml --std-out=discard"
    cat "$script"
    echo
    echo "stop-embedded-server"
  } > "$wrapped"
  echo "applying $(basename "$script")"
  if ! (cd "$deployments" && "$server/bin/jboss-cli.sh" --file="$wrapped" > "$wrapped.out" 2>&1); then
    cat "$wrapped.out" >&2
    echo "configuring the server failed in $(basename "$script")" >&2
    rm -f "$wrapped" "$wrapped.out"
    exit 1
  fi
  rm -f "$wrapped" "$wrapped.out"
}

for script in server datasource clustering health oidc deployments; do
  run_script "$script"
done
touch "$server/baton/.provisioned"
