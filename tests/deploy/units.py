"""Start a rendered systemd unit the way systemd would, on a machine without systemd.

Containers (this machine, CI) run no init system, so the end-to-end test of the
Ansible playbooks reads the unit files the playbook wrote and starts their
ExecStart= with the same User=, Group=, WorkingDirectory=, Environment=,
EnvironmentFile=, RuntimeDirectory= and LimitNOFILE=: the services run the same
commands with the same environment, only the supervisor differs.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import resource
import shlex
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# systemd's default PATH for system services.
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SUPPORTED = {
    "Description",
    "After",
    "Wants",
    "Requires",
    "Type",
    "User",
    "Group",
    "WorkingDirectory",
    "EnvironmentFile",
    "Environment",
    "ExecStart",
    "ExecReload",
    "RuntimeDirectory",
    "RuntimeDirectoryMode",
    "LimitNOFILE",
    "WantedBy",
}
# Settings that only systemd can apply (cgroup limits, sandboxing, restart policy);
# the test process cannot, and they do not change what the service does.
SYSTEMD_ONLY = {
    "Delegate",
    "Restart",
    "RestartSec",
    "KillMode",
    "TimeoutStopSec",
    "OOMPolicy",
    "MemoryMax",
    "TasksMax",
    "NoNewPrivileges",
    "ProtectSystem",
    "ProtectHome",
    "PrivateTmp",
}


def systemd_is_init() -> bool:
    """True when PID 1 is systemd (so the playbook itself started the services)."""
    try:
        return Path("/proc/1/comm").read_text().strip() == "systemd"
    except OSError:
        return False


def parse_unit(path: Path) -> dict[str, list[str]]:
    """Key -> values (in order) of a unit file; sections are not needed here."""
    values: dict[str, list[str]] = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line[0] in "#;" or line.startswith("["):
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if key not in SUPPORTED | SYSTEMD_ONLY:
            raise ValueError(f"{path.name}: {key}= is not understood by tests/deploy/units.py")
        values.setdefault(key, []).append(value.strip())
    return values


def parse_environment_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, with systemd's quoting (single or double quotes around a value)."""
    env: dict[str, str] = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        env[key.strip()] = value
    return env


@dataclass
class Service:
    """One unit started as a child process (its own session, so its workers stop with it)."""

    name: str
    unit: dict[str, list[str]]
    log: Path
    process: subprocess.Popen[bytes] | None = None
    runtime_dirs: list[Path] = field(default_factory=list)

    def environment(self) -> dict[str, str]:
        user = pwd.getpwnam(self.unit["User"][0])
        env = {
            "PATH": SYSTEMD_PATH,
            "LANG": "C.UTF-8",
            "HOME": user.pw_dir,
            "USER": user.pw_name,
            "LOGNAME": user.pw_name,
            "SHELL": user.pw_shell,
        }
        for assignment in self.unit.get("Environment", []):
            for word in shlex.split(assignment):
                key, _, value = word.partition("=")
                env[key] = value
        # As in systemd, EnvironmentFile= wins over Environment= for the same name.
        for file in self.unit.get("EnvironmentFile", []):
            optional = file.startswith("-")
            path = Path(file.lstrip("-"))
            if optional and not path.exists():
                continue
            env.update(parse_environment_file(path))
        return env

    def start(self) -> None:
        user = self.unit["User"][0]
        group = self.unit.get("Group", [user])[0]
        for name in self.unit.get("RuntimeDirectory", []):
            path = Path("/run") / name
            path.mkdir(exist_ok=True)
            shutil.chown(path, user, group)
            path.chmod(int(self.unit.get("RuntimeDirectoryMode", ["0755"])[0], 8))
            self.runtime_dirs.append(path)
        nofile = int(self.unit.get("LimitNOFILE", ["0"])[0])

        def limits() -> None:
            if nofile:
                hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
                value = nofile if hard == resource.RLIM_INFINITY else min(nofile, hard)
                resource.setrlimit(resource.RLIMIT_NOFILE, (value, value))

        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                shlex.split(self.unit["ExecStart"][0]),
                cwd=self.unit.get("WorkingDirectory", ["/"])[0],
                env=self.environment(),
                user=user,
                group=group,
                extra_groups=[],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=limits,  # safe: the test process starts no threads of its own
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def terminate(self) -> None:
        """KillMode=mixed: SIGTERM to the main process only; it stops its own workers."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 20.0) -> None:
        """Wait for the main process, then SIGKILL whatever is left of its process group."""
        self.terminate()
        if self.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for path in self.runtime_dirs:
            shutil.rmtree(path, ignore_errors=True)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""
