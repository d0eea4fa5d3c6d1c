#!/usr/bin/env bash
# Runs the Pulumi CLI over a fleet in the order that converges (README: "Running a fleet"):
#   scripts/fleet.sh up        trust, clusters, trust, clusters, clusters
#   scripts/fleet.sh refresh   every stack, trust first (drift then shows in the next up)
#   scripts/fleet.sh check     a preview of every stack that must show no changes
# The stacks come from TRUST_STACK (one) and CLUSTER_STACKS (space-separated), as
# <organization>/<stack>. Stack outputs are never printed (--suppress-outputs).
set -euo pipefail

: "${TRUST_STACK:?set TRUST_STACK to the stack that owns the trust root}"
: "${CLUSTER_STACKS:?set CLUSTER_STACKS to the cluster stacks, space-separated}"
read -r -a clusters <<<"$CLUSTER_STACKS"
flags=(--non-interactive --suppress-outputs)

pass() { # <command...> -- <stacks...>
    local cmd=() stack
    while [ "$1" != "--" ]; do cmd+=("$1"); shift; done
    shift
    for stack in "$@"; do
        echo "::group::pulumi ${cmd[*]} --stack $stack"
        pulumi "${cmd[@]}" --stack "$stack" "${flags[@]}"
        echo "::endgroup::"
    done
}

case "${1:-}" in
up)
    # A new cluster asks for its issuer (clusters), the trust stack signs (trust), the cluster
    # installs and publishes its link bundle (clusters), its peers link to it (clusters).
    pass up --yes --skip-preview -- "$TRUST_STACK"
    pass up --yes --skip-preview -- "${clusters[@]}"
    pass up --yes --skip-preview -- "$TRUST_STACK"
    pass up --yes --skip-preview -- "${clusters[@]}"
    pass up --yes --skip-preview -- "${clusters[@]}"
    ;;
refresh)
    pass refresh --yes --skip-preview -- "$TRUST_STACK" "${clusters[@]}"
    ;;
check)
    pass preview --expect-no-changes --diff -- "$TRUST_STACK" "${clusters[@]}"
    ;;
*)
    echo "usage: $0 up|refresh|check" >&2
    exit 2
    ;;
esac
