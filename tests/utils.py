import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_manage(*args, env=None, timeout=120):
    """Run manage.py in a fresh process with exactly the environment given (plus PATH)."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    base["DOTENV_PATH"] = ""  # a developer's .env must not reach the process
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_python(code, env=None, timeout=120):
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    base["DOTENV_PATH"] = ""  # a developer's .env must not reach the process
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
