"""The domain core (bot/) and the channels' plumbing import nothing of Rasa:
they are tested in seconds, and the clinic's logic does not depend on the
dialogue machinery."""
from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import bot

ROOT = Path(__file__).resolve().parents[2]
RASA_FREE = sorted(
    [name for _, name, _ in pkgutil.walk_packages(bot.__path__, "bot.")]
    + ["channels.sms_text", "channels.web_session", "channels.transcript"])


def test_no_module_of_the_core_or_the_channel_plumbing_imports_rasa():
    code = ("import importlib, sys\n"
            f"for name in {RASA_FREE!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "[]"


def test_every_understanding_module_is_checked():
    assert {"bot.understanding.text", "bot.understanding.booking", "bot.knowledge.triggers",
            "bot.red_flags"} <= set(RASA_FREE)
