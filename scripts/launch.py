"""Run a server module (`rasa`, `rasa_sdk`) as its command would, after
installing the privacy-safe logging (bot.log_privacy) and passing the API
token from the environment, so that it never shows on a command line
(/proc/<pid>/cmdline is readable by every local user), and, for the Rasa
server, its per-message speed-ups (bot.rasa_speedups), its custom actions run in
process when the action endpoint says `in-process` (channels.in_process_actions)
and its answer to a failed action call (channels.delivery.answer_failed_action_calls).

Packages a server never uses, imported only optionally by TensorFlow and Keras
(inside try/except ImportError), are refused: JAX (TensorFlow 2.12 requires it for
TFLite's converter; 250 MB of XLA libraries mapped, 66 MB resident) and h5py
(Keras model files; 12 MB). Our pipeline has no TensorFlow component, so the Rasa
server does not load TensorFlow at all (scripts/tensorflow_stand_in.py: about 340 MB
resident and three seconds of start; HEADACHE_TENSORFLOW=1 loads it).

With several Rasa workers (SANIC_WORKERS > 1) the warning-sign detector is built before
Sanic forks them, so that they share it (`preload_for_workers`), and the master, which
then only waits for them, gives up everything it imported (scripts/sanic_master.py).

    python -m scripts.launch rasa run --enable-api ...
    python -m scripts.launch rasa_sdk --actions actions ...
"""
from __future__ import annotations

import importlib.abc
import os
import runpy
import sys

from bot import log_privacy, rasa_speedups
from scripts import sanic_master, tensorflow_stand_in


UNUSED_PACKAGES = ("jax", "jaxlib", "h5py")


class RefuseUnused(importlib.abc.MetaPathFinder):
    """Refuses to import UNUSED_PACKAGES, as if they were not installed."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".", 1)[0] in UNUSED_PACKAGES:
            raise ModuleNotFoundError(f"No module named {name!r} (not used by the servers)", name=name)
        return None


def preload_for_workers(env=os.environ) -> bool:
    """With several Rasa workers (SANIC_WORKERS > 1), build the warning-sign detector
    (bot.red_flags: the spelling dictionaries, the learned layer and the medspaCy
    pipeline, about 90 MB) here, in the master, before Sanic forks: the workers find it
    built (the detector component's warm-up is then a cache hit) and share one copy of
    its pages instead of building one each (scripts/sanic_master.py freezes it out of
    the collector's reach first). The same objects, built the same way, only earlier;
    with one worker nothing changes."""
    try:
        workers = int(env.get("SANIC_WORKERS") or "1")
    except ValueError:
        return False    # Rasa reports the setting
    if workers <= 1:
        return False
    from bot import red_flags

    red_flags.mentions("warm up")   # what components.red_flag_detector does when it loads
    return True


def main() -> None:
    module, args = sys.argv[1], sys.argv[2:]
    sys.meta_path.insert(0, RefuseUnused())
    log_privacy.install()
    token = os.environ.get("HEADACHE_API_TOKEN")
    if module == "rasa" and args[:1] == ["run"]:
        tensorflow_stand_in.install()
        rasa_speedups.install()
        sanic_master.install()   # several workers: the master keeps none of what they load
        from channels import delivery, in_process_actions   # import Rasa: only in its server
        in_process_actions.install()        # first: a failure in process is answered as any
        delivery.answer_failed_action_calls()
        preload_for_workers()
        if token:
            args = [*args, "--auth-token", token]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
