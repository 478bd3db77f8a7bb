#!/usr/bin/env bash
# Installs the Debian packages the judge sandbox and the browser tests need,
# only when one is missing (so repeated runs cost nothing).
set -euo pipefail
need=()
command -v bwrap >/dev/null || need+=(bubblewrap)
# the sandbox runs Debian's python3.11 with its seccomp bindings (libseccomp2 comes with them)
compgen -G "/usr/lib/python3/dist-packages/seccomp.cpython-311-*.so" >/dev/null || need+=(python3-seccomp)
[ -d /usr/lib/python3/dist-packages/sortedcontainers ] || need+=(python3-sortedcontainers)  # importable by candidates
# the judge's other languages (problems/judge/languages.py): C++17, Java 17, JavaScript/TypeScript
command -v g++ >/dev/null || need+=(g++)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v node >/dev/null || need+=(nodejs)
command -v chromium >/dev/null || need+=(chromium)
command -v nginx >/dev/null || need+=(nginx)  # the deployment test puts nginx in front
command -v redis-server >/dev/null || need+=(redis-server)  # the fault tests restart a Redis of their own
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
