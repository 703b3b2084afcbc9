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
