"""Run an entry point under the project's own .venv.

Cron lines and operators call ``./monitor.py`` directly, whose shebang finds
the system python3, which lacks the requirements. ``use_project_venv`` re-executes
the script with ``.venv/bin/python`` when that exists and is not already the
interpreter. It imports nothing outside the standard library.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def use_project_venv(script: str) -> None:
    root = Path(script).resolve().parent
    venv = root / ".venv"
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(python, [str(python), str(Path(script).resolve()), *sys.argv[1:]])
