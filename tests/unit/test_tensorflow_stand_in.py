"""The Rasa server's stand-in for TensorFlow (scripts/tensorflow_stand_in.py): Rasa's
modules import with it, nothing real is loaded, and any use of TensorFlow fails loudly.

Each check runs in a fresh interpreter: the stand-in changes how a process imports."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scripts import tensorflow_stand_in

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    import os

    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environment.pop(tensorflow_stand_in.ENABLE_SETTING, None)
    environment.update(env)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=300)


def test_the_rasa_server_and_spacy_import_without_loading_tensorflow():
    done = _run("""
        import sys
        from scripts import tensorflow_stand_in
        assert tensorflow_stand_in.install()
        import rasa.server, rasa.core.agent, spacy, thinc.compat
        import tensorflow
        assert type(tensorflow).__name__ == "_StandInModule", type(tensorflow)
        assert not [m for m in sys.modules if m.startswith("tensorflow.python._pywrap")]
        assert not thinc.compat.has_tensorflow      # a library that probes sees none
        print("ok")
    """)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")


def test_any_use_of_tensorflow_raises_at_once():
    done = _run("""
        from scripts import tensorflow_stand_in
        tensorflow_stand_in.install()
        import tensorflow as tf
        from rasa.utils.tensorflow.models import RasaModel
        failures = 0
        for use in (lambda: tf.constant(1), lambda: tf.keras.layers.Dense(3),
                    lambda: tf.config.list_physical_devices("GPU"),
                    lambda: RasaModel(random_seed=1)):
            try:
                use()
            except tensorflow_stand_in.TensorFlowAbsent:
                failures += 1
        print(failures)
    """)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "4"


def test_a_module_rasa_does_not_import_is_not_installed():
    finder = tensorflow_stand_in.StandInFinder()
    for name in ("tensorflow.experimental.dlpack", "tensorflow_hub", "keras.layers"):
        with pytest.raises(ModuleNotFoundError):
            finder.find_spec(name)
    assert finder.find_spec("json") is None
    assert finder.find_spec("tensorflow.keras.backend") is not None


def test_the_real_tensorflow_when_asked_or_already_loaded():
    assert tensorflow_stand_in.install({tensorflow_stand_in.ENABLE_SETTING: "1"}) is False
    done = _run("""
        import sys
        sys.modules["tensorflow"] = object()      # already imported: left alone
        from scripts import tensorflow_stand_in
        print(tensorflow_stand_in.install({}))
    """)
    assert done.stdout.strip() == "False", done.stderr[-2000:]
