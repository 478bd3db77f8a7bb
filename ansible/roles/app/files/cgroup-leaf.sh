#!/bin/sh
# Starts a command in a leaf of the service's own cgroup, so that the judge can make
# sibling cgroups for its sandboxes (MOCKMATE_JUDGE_CGROUP), with memory and pids
# limits. cgroup v2 enables controllers only for cgroups that hold no process, and
# systemd gives the judge service its cgroup to manage with Delegate=yes.
# Without cgroup v2, or without a delegated cgroup, it runs the command unchanged and
# the judge limits the sandbox with rlimits and seccomp (it logs a warning).
set -u
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    own="/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup)"
    if [ "$own" != /sys/fs/cgroup/ ] && [ -w "$own/cgroup.procs" ] \
        && mkdir -p "$own/main" 2>/dev/null \
        && echo $$ > "$own/main/cgroup.procs" 2>/dev/null; then
        if echo "+memory +pids" > "$own/cgroup.subtree_control" 2>/dev/null; then
            MOCKMATE_JUDGE_CGROUP="$own/sandboxes"
            export MOCKMATE_JUDGE_CGROUP
        else
            echo "cgroup-leaf: cannot enable the memory and pids controllers in $own" >&2
        fi
    fi
fi
exec "$@"
