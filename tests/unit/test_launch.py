"""The server launcher (scripts/launch.py): what it keeps out of a server process."""
from __future__ import annotations

import importlib
import sys

import pytest

from scripts import launch


def test_an_unused_package_is_refused_as_if_it_were_not_installed():
    finder = launch.RefuseUnused()
    saved = {name: sys.modules.pop(name) for name in list(sys.modules)
             if name.split(".", 1)[0] in launch.UNUSED_PACKAGES}
    sys.meta_path.insert(0, finder)
    try:
        for name in ("jax", "jaxlib.xla_extension", "h5py"):
            with pytest.raises(ImportError):       # what TensorFlow's optional import catches
                importlib.import_module(name)
        assert importlib.import_module("json") is not None    # anything else imports as before
    finally:
        sys.meta_path.remove(finder)
        sys.modules.update(saved)


@pytest.mark.parametrize("workers, preloaded", [("2", True), ("3", True), ("1", False),
                                                (None, False), ("", False), ("two", False)])
def test_the_detector_is_built_before_the_fork_only_for_several_workers(monkeypatch, workers,
                                                                        preloaded):
    from bot import red_flags

    built = []
    monkeypatch.setattr(red_flags, "mentions", lambda text: built.append(text) or [])
    env = {} if workers is None else {"SANIC_WORKERS": workers}
    assert launch.preload_for_workers(env) is preloaded
    # exactly what the detector component does when it loads (a cache hit in each worker)
    assert built == (["warm up"] if preloaded else [])


def test_the_rasa_server_preloads_for_its_workers(monkeypatch):
    from bot import log_privacy, rasa_speedups
    from channels import delivery, in_process_actions
    from scripts import sanic_master, tensorflow_stand_in

    called = []
    for module in (sanic_master, tensorflow_stand_in, rasa_speedups, in_process_actions,
                   log_privacy):
        monkeypatch.setattr(module, "install", lambda: None)
    monkeypatch.setattr(delivery, "answer_failed_action_calls", lambda: None)
    monkeypatch.setattr(launch, "preload_for_workers", lambda: called.append(True))
    monkeypatch.setattr(launch.runpy, "run_module", lambda *a, **k: None)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.setattr(sys, "argv", ["launch", "rasa", "run", "--enable-api"])
    launch.main()
    assert called == [True]
    called.clear()
    monkeypatch.setattr(sys, "argv", ["launch", "rasa_sdk", "--actions", "actions"])
    launch.main()
    assert called == []
