"""Client for the Josev car (josev_car.py in .interop/josev-venv), one process per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SETUP_SCRIPT = REPO / "scripts" / "josev_setup.sh"
CAR = Path(__file__).with_name("josev_car.py")


class JosevCar:
    def __init__(self) -> None:
        setup = subprocess.run(
            ["bash", str(SETUP_SCRIPT)], capture_output=True, text=True, check=False
        )
        if setup.returncode != 0:
            raise RuntimeError(f"josev setup failed: {setup.stderr[-2000:]}")
        python = setup.stdout.strip().splitlines()[-1]
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        # Started outside the repository, so `import iso15118` is Josev's, never ours.
        self._process = subprocess.Popen(
            [python, str(CAR)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=sys.stderr,
            text=True,
            cwd="/",
            env=env,
        )
        ready = self._process.stdout.readline()  # type: ignore[union-attr]
        if not ready:
            raise RuntimeError("the Josev car did not start")

    def call(self, op: str, **arguments: Any) -> dict[str, Any]:
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the Josev car died")
        answer = json.loads(line)
        if not answer["ok"]:
            raise AssertionError(f"Josev failed: {answer['error']}\n{answer.get('trace', '')}")
        return answer

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)
