#!/bin/sh
# One organisation's side of the compose deployment, with the existing command line. Its one-shot
# container runs it (mounted read-only), and EnrolmentScriptIT runs it against a local broker.
#
#   organisation.sh enrol        enrol the organisation and certify its provider; safe to run again
#                                (what is done is skipped, the provider certificate renewed when due)
#   organisation.sh COMMAND...   any ./cleave client command, signed in as the organisation's administrator
#
# Settings (environment): CLEAVE_ORG (required), CLEAVE_PROVIDER and CLEAVE_PROVIDER_KIND (for enrol),
# CLEAVE_BROKER_URL, CLEAVE_ORG_DIR (the organisation's folder: its CA key, results key, consent
# key), CLEAVE_PROVIDER_DIR (only the provider's TLS files: the provider reads this one, never the
# organisation's folder), CLEAVE_ADMIN_PASSWORD_FILE and CLEAVE_ORG_ADMIN_PASSWORD_FILE (Docker
# secrets), CLEAVE_CLI (how to run the command line).
# Passwords are read from files, never passed as arguments; sign-in tokens live in a private
# temporary folder removed on exit, so the only files written are the organisation's keys.
set -eu
umask 077

: "${CLEAVE_ORG:?set CLEAVE_ORG to the organisation name}"
ORG_DIR="${CLEAVE_ORG_DIR:-/var/lib/cleave/keys}"
PROVIDER_DIR="${CLEAVE_PROVIDER_DIR:-/var/lib/cleave/tls}"
ORG_ADMIN="$CLEAVE_ORG-admin"
ADMIN_PASSWORD_FILE="${CLEAVE_ADMIN_PASSWORD_FILE:-/run/secrets/admin_password}"
ORG_ADMIN_PASSWORD_FILE="${CLEAVE_ORG_ADMIN_PASSWORD_FILE:-/run/secrets/org_admin_password}"
CLI="${CLEAVE_CLI:-java -jar /opt/cleave/cli/cli-0.1.0-SNAPSHOT.jar}"
# The command line prefers a password in the environment to the files this script names.
unset CLEAVE_PASSWORD CLEAVE_NEW_PASSWORD

fail() {
  echo "organisation.sh: $*" >&2
  exit 1
}

require_file() {
  [ -s "$1" ] || fail "$2 missing: $1 (see compose/secrets/README.md)"
}

# $CLI is a command with its arguments: split on purpose. Each role has its own token file.
as_broker_admin() {
  env CLEAVE_TOKEN_FILE="$TOKENS/broker-admin" $CLI "$@"
}

as_organisation() {
  env CLEAVE_TOKEN_FILE="$TOKENS/organisation" $CLI "$@"
}

# The organisation's administrator signs in with its password. On the first run it does not exist
# yet: the broker administrator creates it, and its one-time password is replaced at once.
sign_in_as_organisation() {
  if as_organisation login --user "$ORG_ADMIN" --password-file "$ORG_ADMIN_PASSWORD_FILE" 2>/dev/null; then
    return
  fi
  [ -n "${1:-}" ] || fail "$ORG_ADMIN cannot sign in with the password in $ORG_ADMIN_PASSWORD_FILE (run 'enrol' first)"
  created="$(as_broker_admin user create "$ORG_ADMIN" --role ORG_ADMIN --org "$CLEAVE_ORG")" \
    || fail "$ORG_ADMIN does not sign in with the password in $ORG_ADMIN_PASSWORD_FILE and cannot be created;" \
        "if it exists from an interrupted run, remove it ('cleave user remove $ORG_ADMIN' as admin) and run again"
  printf '%s\n' "${created##*one-time password: }" > "$TOKENS/one-time-password"
  as_organisation login --user "$ORG_ADMIN" --password-file "$TOKENS/one-time-password" \
    --new-password-file "$ORG_ADMIN_PASSWORD_FILE"
  rm -f "$TOKENS/one-time-password"
}

enrol() {
  : "${CLEAVE_PROVIDER:?set CLEAVE_PROVIDER to the provider name, e.g. memory-1}"
  : "${CLEAVE_PROVIDER_KIND:?set CLEAVE_PROVIDER_KIND to MEMORY or COMPUTE}"
  require_file "$ADMIN_PASSWORD_FILE" "the broker administrator's password"
  require_file "$ORG_ADMIN_PASSWORD_FILE" "the password of $ORG_ADMIN"

  # As the organisation: its CA key and CSR are made in its own volume; only the CSR is sent.
  if [ -f "$ORG_DIR/org-ca-key.pem" ]; then
    echo "$CLEAVE_ORG: key and CSR already in $ORG_DIR"
  else
    as_organisation org enroll --name "$CLEAVE_ORG" --out "$ORG_DIR"
  fi

  # As the broker administrator: approve the pending enrolment.
  as_broker_admin login --user admin --password-file "$ADMIN_PASSWORD_FILE"
  status="$(as_broker_admin org status "$CLEAVE_ORG")"
  case "$status" in
    "$CLEAVE_ORG: PENDING"*) as_broker_admin org approve "$CLEAVE_ORG" ;;
    "$CLEAVE_ORG: ACTIVE"*) echo "$CLEAVE_ORG: already approved" ;;
    *) fail "cannot approve: $status" ;;
  esac

  # As the organisation's administrator: install the approved CA certificate, publish the results
  # key and a first CRL, and certify the provider with the organisation's own CA.
  sign_in_as_organisation create-if-missing
  if [ ! -f "$ORG_DIR/org-ca.pem" ]; then
    as_organisation org status "$CLEAVE_ORG" --dir "$ORG_DIR"
  fi
  if [ -f "$PROVIDER_DIR/provider-chain.pem" ]; then
    as_organisation provider cert renew --org-dir "$ORG_DIR" --out "$PROVIDER_DIR" --if-expiring-within P2D
  else
    as_organisation provider cert issue --org-dir "$ORG_DIR" --provider "$CLEAVE_PROVIDER" \
      --kind "$CLEAVE_PROVIDER_KIND" --out "$PROVIDER_DIR"
  fi
  echo "$CLEAVE_ORG: enrolled; provider $CLEAVE_PROVIDER certified in $PROVIDER_DIR"
}

[ $# -gt 0 ] || fail "usage: organisation.sh enrol | organisation.sh COMMAND..."
TOKENS="$(mktemp -d)"
trap 'rm -rf "$TOKENS"' EXIT

if [ "$1" = enrol ]; then
  enrol
else
  require_file "$ORG_ADMIN_PASSWORD_FILE" "the password of $ORG_ADMIN"
  sign_in_as_organisation >/dev/null
  as_organisation "$@"
fi
