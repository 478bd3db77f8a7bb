"""The Ansible deployment (ansible/): linted, syntax-checked, and applied to this machine.

The end-to-end test applies the provision, app and webserver playbooks to this
machine (inventories/local, ansible_connection=local) as a throw-away instance:
its own users, folders under /tmp, database, Redis database number, unit names,
nginx site and port, so it cannot disturb anything else here. It then uses the
site through nginx on 127.0.0.1 as a visitor would, has a submission judged by the
judge worker, runs the playbooks again and expects changed=0, and removes
everything it made.

Where systemd is not PID 1 (a container), the playbook still writes the units; the
test says so and starts each unit's ExecStart with the unit's user, environment and
folders (tests/deploy/units.py), and starts nginx itself with the rendered site.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.deploy.units import (
    SYSTEMD_PATH,
    Service,
    parse_environment_file,
    parse_unit,
    systemd_is_init,
)

REPO = Path(__file__).resolve().parent.parent
ANSIBLE_DIR = REPO / "ansible"
PLAYBOOKS = ["site.yml", *sorted(p.name for p in ANSIBLE_DIR.glob("deploy-*.yml"))]
# The units deploy-app.yml writes (mockmate_services): gunicorn and three django-q2 clusters.
SERVICES = ("web", "judge", "measure", "llm")
DEPLOY = ["deploy-provision-instance.yml", "deploy-app.yml", "deploy-webserver.yml"]
VENV_BIN = Path(sys.executable).parent
# What the deployed tools need from this environment (package indexes, certificates).
PASSED_ENV = re.compile(
    r"^(PIP_|NPM_|npm_config_|NODE_|SSL_CERT|REQUESTS_CA|CURL_CA|HTTPLIB2_CA)"
    r"|_proxy$|_PROXY$"
)
# The settings that differ between a site with a domain (HTTPS) and one without.
TLS_ONLY = {"DJANGO_SECURE_SSL_REDIRECT", "DJANGO_CSRF_TRUSTED_ORIGINS", "DJANGO_ALLOWED_HOSTS"}
NGINX_EXPIRES_MAX = "Thu, 31 Dec 2037 23:55:55 GMT"  # what nginx's `expires max` sends


def _tool(name: str) -> Path:
    path = VENV_BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed in {VENV_BIN} (see requirements.txt)")
    return path


def _ansible_env() -> dict[str, str]:
    """A clean environment: nothing of pytest-django's settings leaks into the services."""
    env = {k: v for k, v in os.environ.items() if PASSED_ENV.search(k)}
    env.update(
        PATH=f"{VENV_BIN}:{SYSTEMD_PATH}",
        HOME=pwd.getpwuid(os.getuid()).pw_dir,
        LANG="C.UTF-8",
        ANSIBLE_CONFIG=str(ANSIBLE_DIR / "ansible.cfg"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_DEPRECATION_WARNINGS="0",
        ANSIBLE_CALLBACKS_ENABLED="ansible.posix.profile_tasks",
    )
    return env


def _run(
    argv: list[str | Path], timeout: float, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload]
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ANSIBLE_DIR,
        env=_ansible_env(),
        **kwargs,
    )


# ---------------------------------------------------------------- lint and syntax


def test_ansible_lint_passes_the_production_profile() -> None:
    lint = _tool("ansible-lint")
    result = _run([lint, "--profile", "production", "--offline"], timeout=240)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]


@pytest.mark.parametrize("inventory", ["gcp", "local"])
@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_playbook_syntax(playbook: str, inventory: str) -> None:
    playbook_bin = _tool("ansible-playbook")
    result = _run(
        [playbook_bin, "-i", f"inventories/{inventory}", "--syntax-check", playbook], timeout=120
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_every_playbook_is_in_site_yml() -> None:
    site = (ANSIBLE_DIR / "site.yml").read_text()
    imported = re.findall(r"import_playbook:\s*(\S+)", site)
    assert imported == [
        "deploy-create-instance.yml",
        "deploy-provision-instance.yml",
        "deploy-app.yml",
        "deploy-webserver.yml",
    ]


def test_no_secret_is_committed() -> None:
    """Secrets live in an Ansible Vault file; the example holds placeholders only."""
    example = (ANSIBLE_DIR / "vault.example.yml").read_text()
    values = re.findall(r"^vault_\w+:\s*(\S+)", example, flags=re.M)
    assert values and all(v.startswith("CHANGE-ME") for v in values)
    for path in ANSIBLE_DIR.rglob("*.yml"):
        text = path.read_text()
        if re.search(r"^\s*vault_\w+:\s*\S", text, flags=re.M) and path.name != "vault.example.yml":
            assert text.startswith("$ANSIBLE_VAULT"), f"{path} sets a vault_ variable in clear"


# ---------------------------------------------------------------- end to end


@dataclass
class Deployment:
    tmp: Path
    instance: str
    port: int
    db_name: str
    redis_db: int
    vars_file: Path
    systemd: bool
    services: list[Service] = field(default_factory=list)
    nginx: subprocess.Popen[bytes] | None = None

    @property
    def app_dir(self) -> Path:
        return self.tmp / "srv"

    @property
    def env_file(self) -> Path:
        return self.tmp / "etc" / "mockmate.env"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def unit_file(self, service: str) -> Path:
        return Path(f"/etc/systemd/system/{self.instance}-{service}.service")

    def playbooks(self, *extra: str, timeout: float = 420) -> subprocess.CompletedProcess[str]:
        return _run(
            [
                _tool("ansible-playbook"),
                "-i",
                "inventories/local",
                "-e",
                f"@{self.vars_file}",
                *extra,
            ],
            timeout=timeout,
        )

    def manage(self, *args: str, env: dict[str, str] | None = None, timeout: float = 180) -> str:
        """manage.py in the deployed code, as the app user, with the services' environment."""
        user = pwd.getpwnam(self.instance)
        result = subprocess.run(
            [str(self.app_dir / "venv/bin/python"), "manage.py", *args],
            cwd=self.app_dir / "code",
            env={
                "PATH": SYSTEMD_PATH,
                "HOME": user.pw_dir,
                "LANG": "C.UTF-8",
                **(env or parse_environment_file(self.env_file)),
            },
            user=user.pw_uid,
            group=user.pw_gid,
            extra_groups=[],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout + result.stderr

    def logs(self) -> str:
        parts = [f"--- {s.name} ---\n{s.log_tail()}" for s in self.services]
        error_log = self.tmp / "nginx" / "error.log"
        if error_log.exists():
            parts.append(f"--- nginx ---\n{error_log.read_text()[-2000:]}")
        return "\n".join(parts)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _empty_redis_db() -> int:
    import redis

    for db in range(15, 0, -1):
        if redis.Redis(host="127.0.0.1", port=6379, db=db).dbsize() == 0:
            return db
    pytest.skip("no empty Redis database number on 127.0.0.1:6379 for the throw-away queues")


def _check_servers() -> None:
    for port, what in ((5432, "PostgreSQL"), (6379, "Redis")):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except OSError:
            pytest.skip(
                f"{what} is not running on 127.0.0.1:{port}; the e2e test deploys against it"
            )


def _recaps(output: str) -> list[dict[str, int]]:
    return [
        {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}
        for line in output.splitlines()
        if re.match(r"^mockmate-local\s+:", line)
    ]


def _verify_units(deployment: Deployment) -> None:
    """systemd's own checker on the rendered units (it runs without systemd as PID 1)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        print("systemd-analyze is not installed: the units are only checked by starting them")
        return
    units = [str(deployment.unit_file(n)) for n in SERVICES]
    result = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if any(unit in line for unit in units)
    ]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def _slowest_tasks(output: str, count: int = 6) -> str:
    """The profile_tasks summary's slowest lines, printed to explain a slow run."""
    timed = re.findall(r"^(.+?) -+ ([0-9.]+)s$", output, flags=re.M)
    slowest = sorted({(float(t), n.strip()) for n, t in timed}, reverse=True)[:count]
    return "; ".join(f"{name} {seconds:.0f} s" for seconds, name in slowest)


def _changed_tasks(output: str) -> list[str]:
    """The names of the tasks that reported a change, for a readable failure."""
    task, found = "", []
    for line in output.splitlines():
        if line.startswith(("TASK [", "RUNNING HANDLER [")):
            task = line.rstrip("* ")
        elif line.startswith("changed:"):
            found.append(f"{task}: {line}")
    return found


def _start_without_systemd(deployment: Deployment) -> None:
    pid1 = Path("/proc/1/comm").read_text().strip()
    message = (
        f"systemd is not PID 1 on this machine (PID 1 is {pid1!r}): the playbook wrote the units, "
        "and the test starts each unit's ExecStart with its User, Group, WorkingDirectory, "
        "Environment, EnvironmentFile and RuntimeDirectory (tests/deploy/units.py), and nginx "
        "with the rendered site."
    )
    print(message)
    warnings.warn(message, stacklevel=1)
    for name in SERVICES:
        service = Service(
            name=name,
            unit=parse_unit(deployment.unit_file(name)),
            log=deployment.tmp / "logs" / f"{name}.log",
        )
        deployment.services.append(service)
        service.start()
    nginx_dir = deployment.tmp / "nginx"
    nginx_dir.mkdir()
    conf = nginx_dir / "nginx.conf"
    # Debian's nginx.conf, reduced to the rendered site (not every site on this machine).
    conf.write_text(
        f"""user www-data;
worker_processes 1;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {nginx_dir}/access.log;
    include /etc/nginx/sites-enabled/{deployment.instance}.conf;
}}
"""
    )
    deployment.nginx = subprocess.Popen(
        ["nginx", "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(nginx_dir / "stderr.log").open("wb"),
        start_new_session=True,
    )


def _get(
    url: str, headers: dict[str, str] | None = None, data: bytes | None = None
) -> tuple[int, dict[str, list[str]], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw_headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw_headers, body = error.code, error.headers, error.read()
    found: dict[str, list[str]] = {}
    for key, value in raw_headers.items():
        found.setdefault(key.lower(), []).append(value)
    return status, found, body


def _wait_for_site(deployment: Deployment, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        for service in deployment.services:
            assert service.running(), f"{service.name} exited:\n{service.log_tail()}"
        try:
            status, _, _ = _get(deployment.url + "/")
            if status == 200:
                return
            last = f"HTTP {status}"
        except OSError as exc:
            last = str(exc)
        time.sleep(1)
    pytest.fail(f"the site did not answer 200 within {timeout} s ({last})\n{deployment.logs()}")


def _cleanup(deployment: Deployment) -> None:
    import psycopg
    import redis

    for service in deployment.services:
        service.terminate()  # all at once: each may take a few seconds to finish its work
    for service in deployment.services:
        service.stop()
    if deployment.nginx is not None:
        deployment.nginx.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            deployment.nginx.wait(timeout=10)
        if deployment.nginx.poll() is None:
            deployment.nginx.kill()
    units = [deployment.unit_file(n) for n in SERVICES]
    if deployment.systemd:
        subprocess.run(["systemctl", "disable", "--now", *[u.name for u in units]], check=False)
    for path in [
        *units,
        Path(f"/etc/nginx/sites-enabled/{deployment.instance}.conf"),
        Path(f"/etc/nginx/sites-available/{deployment.instance}.conf"),
        Path(f"/etc/nginx/snippets/{deployment.instance}-headers.conf"),
        Path(f"/etc/nginx/snippets/{deployment.instance}-proxy.conf"),
    ]:
        path.unlink(missing_ok=True)
    if deployment.systemd:
        subprocess.run(["systemctl", "daemon-reload"], check=False)
        subprocess.run(["systemctl", "reload", "nginx"], check=False)
    shutil.rmtree(Path("/run") / deployment.instance, ignore_errors=True)
    with contextlib.suppress(Exception):
        redis.Redis(host="127.0.0.1", port=6379, db=deployment.redis_db).flushdb()
    with contextlib.suppress(Exception):
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{deployment.db_name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{deployment.db_name}"')
    for user in (deployment.instance, f"{deployment.instance}-judge"):
        # What PrivateTmp= would have discarded: the services' files in /tmp (torch caches).
        with contextlib.suppress(KeyError):
            uid = pwd.getpwnam(user).pw_uid
            for path in Path(tempfile.gettempdir()).iterdir():
                with contextlib.suppress(OSError):
                    if path.lstat().st_uid != uid:
                        continue
                    if path.is_dir() and not path.is_symlink():
                        shutil.rmtree(path)
                    else:
                        path.unlink()
        subprocess.run(["userdel", user], check=False, capture_output=True)
        subprocess.run(["groupdel", user], check=False, capture_output=True)
    shutil.rmtree(deployment.tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    """The site deployed by the playbooks to this machine, as a throw-away instance."""
    if os.geteuid() != 0:
        pytest.skip("the e2e deployment installs packages and users: run the tests as root")
    _tool("ansible-playbook")
    _check_servers()
    redis_db = _empty_redis_db()
    suffix = secrets.token_hex(3)
    tmp = Path(tempfile.mkdtemp(prefix=f"mockmate-e2e-{suffix}-"))
    tmp.chmod(0o755)  # the app and judge users walk through it to their folders
    (tmp / "logs").mkdir()
    instance = f"mockmate-e2e-{suffix}"
    deployment = Deployment(
        tmp=tmp,
        instance=instance,
        port=_free_port(),
        db_name=f"mockmate_e2e_{suffix}",
        redis_db=redis_db,
        vars_file=tmp / "e2e-vars.json",
        systemd=systemd_is_init(),
    )
    revision = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    e2e_vars = {
        "mockmate_instance": instance,
        "mockmate_app_dir": str(deployment.app_dir),
        "mockmate_config_dir": str(tmp / "etc"),
        "mockmate_repo_url": str(REPO),
        "mockmate_version": revision,
        "mockmate_db_name": deployment.db_name,
        "mockmate_db_user": deployment.db_name,
        "mockmate_redis_url": f"redis://127.0.0.1:6379/{deployment.redis_db}",
        "webserver_http_listen": f"127.0.0.1:{deployment.port}",
        "vault_mockmate_secret_key": secrets.token_urlsafe(50),
        "vault_mockmate_db_password": secrets.token_urlsafe(24),
        # The packages of this test's own virtual environment (the venv is still built
        # by pip from requirements.txt; only what is missing gets downloaded).
        "app_venv_source": sys.prefix if sys.prefix != sys.base_prefix else "",
    }
    deployment.vars_file.write_text(json.dumps(e2e_vars))
    deployment.vars_file.chmod(0o600)
    try:
        started = time.monotonic()
        first = deployment.playbooks(*DEPLOY)
        (tmp / "logs" / "first-run.log").write_text(first.stdout + first.stderr)
        assert first.returncode == 0, first.stdout[-8000:] + first.stderr[-3000:]
        print(f"first run: {time.monotonic() - started:.0f} s ({_slowest_tasks(first.stdout)})")
        _verify_units(deployment)
        if not deployment.systemd:
            _start_without_systemd(deployment)
        _wait_for_site(deployment)
        yield deployment
    finally:
        _cleanup(deployment)


JUDGE_SNIPPET = """
import json, time
from django.contrib.auth import get_user_model
from interviews import services
from problems.models import Problem, TestCase

user, _ = get_user_model().objects.get_or_create(username="e2e-candidate")
problem = (
    Problem.objects.filter(source="bank", solutions__kind="optimal").order_by("slug").first()
)
if problem is not None:
    code = problem.solutions.filter(kind="optimal").first().code
else:  # a revision without the bank: a problem of our own, judged the same way
    problem = Problem.objects.create(
        slug="e2e-add", title="Add", difficulty="easy", statement="Add a and b.",
        entry_kind="function", entry_point="add", signature="def add(a, b):",
    )
    for i, (a, b) in enumerate([(1, 2), (3, 4), (-5, 5)]):
        TestCase.objects.create(problem=problem, order=i, args=[a, b], expected=a + b, is_sample=i == 0)
    code = "def add(a, b):\\n    return a + b\\n"
interview = services.interview_start(candidate=user, problem=problem)
submission = services.submission_create(item=interview.items.get(), kind="submit", code=code)
deadline = time.monotonic() + 150
while submission.status not in ("done", "error") and time.monotonic() < deadline:
    time.sleep(0.5)
    submission.refresh_from_db()
# An accepted submission's growth with input size is timed next, by the measure cluster.
deadline = time.monotonic() + 240
while submission.growth_pending and time.monotonic() < deadline:
    time.sleep(1)
    submission.refresh_from_db()
print("RESULT " + json.dumps({
    "problem": problem.slug, "status": submission.status, "verdict": submission.verdict,
    "passed": submission.passed, "total": submission.total,
    "growth_pending": submission.growth_pending, "growth": bool(submission.growth),
}))
"""


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_playbooks_deploy_a_working_idempotent_site(deployment: Deployment) -> None:
    url = deployment.url

    # The home page, through nginx and gunicorn, gzipped, with nginx's security headers once.
    status, headers, body = _get(url + "/", {"Accept-Encoding": "gzip"})
    assert status == 200, deployment.logs()
    assert headers.get("content-encoding") == ["gzip"]
    assert b"<html" in gzip.decompress(body).lower()
    assert headers.get("x-frame-options") == ["DENY"]
    assert headers.get("x-content-type-options") == ["nosniff"]
    assert headers.get("referrer-policy") == ["same-origin"]
    assert headers["server"] == ["nginx"]

    # A collected static file, served by nginx itself (only nginx sends this Expires).
    manifest = json.loads((deployment.app_dir / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]
    status, headers, body = _get(f"{url}/static/{hashed}")
    assert status == 200 and b"{" in body
    assert headers.get("expires") == [NGINX_EXPIRES_MAX]
    cache_control = ", ".join(headers.get("cache-control", []))
    assert "immutable" in cache_control and "max-age=315360000" in cache_control
    assert headers.get("x-content-type-options") == ["nosniff"]

    # The admin login page.
    status, _, body = _get(url + "/admin/login/")
    assert status == 200 and b'name="username"' in body and b"csrfmiddlewaretoken" in body

    # Bodies over client_max_body_size stop at nginx.
    status, _, _ = _get(url + "/admin/login/", data=b"x" * (3 << 20))
    assert status == 413

    # The services are up, and a second run changes nothing.
    for service in deployment.services:
        assert service.running(), f"{service.name} exited:\n{service.log_tail()}"
    started = time.monotonic()
    again = deployment.playbooks(*DEPLOY)
    (deployment.tmp / "logs" / "second-run.log").write_text(again.stdout)
    assert again.returncode == 0, again.stdout[-6000:] + again.stderr[-3000:]
    recaps = _recaps(again.stdout)
    print(f"second run: {time.monotonic() - started:.0f} s ({_slowest_tasks(again.stdout)})")
    assert len(recaps) == len(DEPLOY)
    assert all(r["changed"] == 0 and r["failed"] == 0 for r in recaps), _changed_tasks(again.stdout)
    status, _, _ = _get(url + "/")
    assert status == 200

    # A submission judged by the judge worker the unit started (through Redis); after the
    # second run, so that the llm worker's feedback on it does not slow that run down.
    output = deployment.manage("shell", "-c", JUDGE_SNIPPET, timeout=420)
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    print(f"judged: {result}")
    assert result["status"] == "done", f"{result}\n{deployment.logs()}"
    assert result["total"] > 0 and result["passed"] == result["total"], result
    assert not result["growth_pending"], f"the measure worker never finished\n{deployment.logs()}"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_rendered_production_env_passes_check_deploy(deployment: Deployment) -> None:
    """check --deploy on the env the playbook renders for a site with a domain (HTTPS)."""
    tls_env = deployment.tmp / "etc" / "production-tls.env"
    rendered = deployment.playbooks(
        "deploy-app.yml",
        "--tags",
        "env_file",
        "-e",
        json.dumps(
            {
                "mockmate_domain": "mockmate.example.org",
                "mockmate_env_file": str(tls_env),
                "mockmate_systemd": False,
            }
        ),
        timeout=180,
    )
    assert rendered.returncode == 0, rendered.stdout[-4000:]
    assert oct(tls_env.stat().st_mode & 0o777) == "0o600"
    assert tls_env.owner() == deployment.instance
    env = parse_environment_file(tls_env)
    assert env["DJANGO_SECURE_SSL_REDIRECT"] == "true"
    assert env["DJANGO_CSRF_TRUSTED_ORIGINS"] == "https://mockmate.example.org"
    output = deployment.manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert "no issues" in output, output

    # The e2e site itself runs over plain HTTP on 127.0.0.1: only the HTTPS redirect is off.
    plain = parse_environment_file(deployment.env_file)
    assert plain["DJANGO_SECURE_SSL_REDIRECT"] == "false"
    same = {k: v for k, v in plain.items() if k not in TLS_ONLY}
    assert same == {k: v for k, v in env.items() if k not in TLS_ONLY}


# After the end-to-end test, which installs nginx on a fresh machine.
def test_tls_site_is_a_valid_nginx_configuration(tmp_path: Path) -> None:
    """The HTTPS variant cannot be tried end to end here (no certificate authority)."""
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.skip("nginx is not installed (the e2e deployment installs it)")
    cert = tmp_path / "cert"
    cert.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=mockmate.example.org", "-keyout", str(cert / "privkey.pem")]
        + ["-out", str(cert / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    extra = {
        "render_dir": str(tmp_path),
        "mockmate_instance": "mockmate-tls-check",
        "mockmate_domain": "mockmate.example.org",
        "webserver_cert_dir": str(cert),
        "webserver_snippet_file": str(tmp_path / "headers.conf"),
        "webserver_proxy_file": str(tmp_path / "proxy.conf"),
    }
    rendered = _run(
        [_tool("ansible-playbook"), REPO / "tests/deploy/render-site.yml", "-e", json.dumps(extra)],
        timeout=120,
    )
    assert rendered.returncode == 0, rendered.stdout[-4000:]
    site = (tmp_path / "site.conf").read_text()
    assert "return 301 https://$host$request_uri;" in site
    assert "listen 443 ssl http2 default_server;" in site
    assert "Strict-Transport-Security" in (tmp_path / "headers.conf").read_text()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
