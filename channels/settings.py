"""One rule for every channel setting (README, "Configuration"):

    the environment variable, when set and not blank, wins;
    else the value in credentials.yml, when not blank;
    else the built-in default.

So a deployment configures everything from its environment (secrets never
need to be written into credentials.yml), and credentials.yml holds only
what a clinic wants to keep in the repository's file.
"""
from __future__ import annotations

import os
from typing import Any, Mapping, Optional


def setting(credentials: Optional[Mapping[str, Any]], key: str, variable: str,
            default: str = "") -> str:
    """The value of the setting `key` of credentials.yml / environment `variable`."""
    value = os.environ.get(variable, "").strip()
    if value:
        return value
    configured = (credentials or {}).get(key)
    if configured is not None and str(configured).strip():
        return str(configured).strip()
    return default
