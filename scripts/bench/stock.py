"""The stock bot a clinic would get from `rasa init`: created and trained with
the Rasa of this virtual environment in a cached folder under var/bench/
(nothing is downloaded), and its conversations, read from its own stories."""
from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.bench.load import Script

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def folder() -> Path:
    """The cached project, one per Rasa version (HEADACHE_BENCH_CACHE moves it)."""
    import rasa

    base = Path(os.environ.get("HEADACHE_BENCH_CACHE") or ROOT / "var" / "bench")
    return base / f"stock-rasa-{rasa.__version__}"


def model(env: dict[str, str]) -> Path:
    """The stock project's trained model, creating and training it when missing.

    Built in a `.partial` folder that is renamed only once a model exists, so an
    interrupted build is never taken for a finished one."""
    project = folder()
    found = sorted((project / "models").glob("*.tar.gz"))
    if found:
        return found[-1]
    work = project.with_name(project.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"bench: creating and training the stock `rasa init` bot in {project} "
          "(once; minutes) ...", flush=True)
    with open(work.parent / f"{project.name}-build.log", "wb") as log:
        # --no-prompt answers every question with its default, training included
        subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(work)],
                       cwd=work, env=env, check=True, stdout=log, stderr=subprocess.STDOUT)
        if not list((work / "models").glob("*.tar.gz")):
            subprocess.run([str(BIN / "rasa"), "train", "--out", "models"], cwd=work, env=env,
                           check=True, stdout=log, stderr=subprocess.STDOUT)
    shutil.rmtree(project, ignore_errors=True)
    work.rename(project)
    return sorted((project / "models").glob("*.tar.gz"))[-1]


def command(port: int, model_path: Path) -> list[str]:
    """`rasa run` as the stock project would be served: its own channels and
    endpoints, the HTTP API on (as ours), loopback only."""
    project = model_path.parent.parent
    return [str(BIN / "rasa"), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port),
            "--model", str(model_path), "--credentials", str(project / "credentials.yml"),
            "--endpoints", str(project / "endpoints.yml")]


def scripts(project: Path, variants: int = 4) -> list[Script]:
    """Each story of the stock project (ending with a goodbye), worded with the
    examples of its own NLU data, `variants` wordings of each."""
    nlu = yaml.safe_load((project / "data" / "nlu.yml").read_text())["nlu"]
    examples = {entry["intent"]: [line.strip()[2:].strip()
                                  for line in entry["examples"].splitlines()
                                  if line.strip().startswith("- ")] for entry in nlu}
    stories = yaml.safe_load((project / "data" / "stories.yml").read_text())["stories"]
    wordings = {intent: itertools.cycle(texts) for intent, texts in examples.items()}
    found = []
    for variant in range(variants):
        for story in stories:
            intents = [step["intent"] for step in story["steps"] if "intent" in step]
            if "goodbye" in examples and intents[-1] != "goodbye":
                intents.append("goodbye")
            found.append(Script(f"stock-{story['story']}-{variant}".replace(" ", "-"),
                                tuple(next(wordings[intent]) for intent in intents)))
    return found
