"""Python code run in a new process with a clean environment, as on a server where nothing is
set but what the caller names: for what happens when a process starts (the settings, the web
process's start-up)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_clean(tmp_path, code: str, **environment: str) -> str:
    """What `code` prints, run with the project's settings, its data in `tmp_path` and
    `environment` set; a failure fails with the process's error output."""
    env = {
        "PATH": os.environ["PATH"],
        "DATA_DIR": str(tmp_path),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **environment,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
