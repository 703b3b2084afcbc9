"""A stand-in for TensorFlow in the Rasa server, whose pipeline has no TensorFlow
component (config.yml: spaCy, the warning-sign detector, count vectors, a logistic
regression; SafetyPolicy and RulePolicy).

Rasa 3.6 imports TensorFlow whatever the model needs: `rasa.server` -> `rasa.core.agent`
-> ... -> `rasa.utils.train_utils` -> `rasa.utils.tensorflow.callback` ->
`import tensorflow`, and its modules define classes on Keras bases and use TensorFlow
types in signatures when they are imported. Loading the real TensorFlow for that cost
the Rasa server about 340 MB resident (677 -> 341 MB with the model loaded) and about
three seconds of its start, for nothing that ever runs.

Installed by scripts/launch.py in the Rasa server only (never for training, tests of
the pipeline or `rasa shell`). It answers exactly the TensorFlow and Keras modules
Rasa imports at module level (MODULES) with a module whose every attribute is a
placeholder class: it can be a base class, a type hint, or be looked at, but calling
it (making a tensor, a layer, a model, a config change) raises `TensorFlowAbsent` at
once. So a model that needs TensorFlow fails loudly when the server loads it, never
quietly later. Any other TensorFlow module is "not installed" (ModuleNotFoundError),
which is how the libraries that only probe for TensorFlow (thinc: `import
tensorflow.experimental.dlpack` inside try/except ImportError) learn it is absent.
HEADACHE_TENSORFLOW=1 loads the real one (a pipeline with a TensorFlow component).
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from typing import Any

ENABLE_SETTING = "HEADACHE_TENSORFLOW"

# The TensorFlow and Keras modules Rasa 3.6.21 imports when the server's modules load
# (`grep -rn "import tensorflow\|from tensorflow\|from keras" rasa/`), with their parents.
MODULES = frozenset({
    "tensorflow",
    "tensorflow.keras", "tensorflow.keras.backend", "tensorflow.keras.utils",
    "tensorflow.keras.callbacks",
    "tensorflow.types", "tensorflow.types.experimental",
    "tensorflow.python", "tensorflow.python.eager", "tensorflow.python.eager.wrap_function",
    "tensorflow.python.types", "tensorflow.python.types.core",
    "keras", "keras.utils", "keras.utils.control_flow_util", "keras.utils.tf_utils",
})
PACKAGES = frozenset(name.split(".", 1)[0] for name in MODULES) | {
    "tensorflow_addons", "tensorflow_hub", "tensorflow_text", "tensorflow_probability"}


class TensorFlowAbsent(RuntimeError):
    """Something in the Rasa server tried to use TensorFlow, which it does not load."""


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


class _PlaceholderType(type):
    """The type of every placeholder: attributes are placeholders, calls refuse."""

    def __getattr__(cls, name: str) -> Any:
        if _is_dunder(name):
            raise AttributeError(name)
        return placeholder(f"{cls.__qualname__}.{name}")

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        raise TensorFlowAbsent(
            f"{cls.__qualname__} needs TensorFlow, which this server does not load "
            f"(scripts/tensorflow_stand_in.py; {ENABLE_SETTING}=1 loads it)")


_placeholders: dict[str, type] = {}


def placeholder(qualname: str) -> type:
    """The one placeholder class for a dotted TensorFlow name."""
    found = _placeholders.get(qualname)
    if found is None:
        found = _PlaceholderType(qualname.rsplit(".", 1)[-1], (),
                                 {"__qualname__": qualname, "__module__": "tensorflow"})
        _placeholders[qualname] = found
    return found


class _StandInModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if _is_dunder(name):
            raise AttributeError(name)
        return placeholder(f"{self.__name__}.{name}")


class _Loader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _StandInModule(spec.name)
        module.__path__ = []          # a package, so that its listed submodules import
        module.__version__ = "0+absent"
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class StandInFinder(importlib.abc.MetaPathFinder):
    """Answers MODULES with stand-ins; every other module of PACKAGES is not installed."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name in MODULES:
            return importlib.machinery.ModuleSpec(name, _Loader(), is_package=True)
        if name.split(".", 1)[0] in PACKAGES:
            raise ModuleNotFoundError(f"No module named {name!r} (TensorFlow is not loaded "
                                      f"in this server)", name=name)
        return None


def install(environ: Any = None) -> bool:
    """Stand in for TensorFlow unless HEADACHE_TENSORFLOW=1; False when the real one is
    wanted or already imported (then nothing changes)."""
    import os

    environ = os.environ if environ is None else environ
    if environ.get(ENABLE_SETTING) == "1" or "tensorflow" in sys.modules:
        return False
    if not any(isinstance(finder, StandInFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, StandInFinder())
    return True
