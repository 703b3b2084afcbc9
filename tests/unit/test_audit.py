"""The dependency audit (scripts/audit.py): an allow-list entry must say why,
and a machine without PyPI's vulnerability data skips instead of passing
for audited."""
from __future__ import annotations

import pytest

from scripts import audit


def test_the_repository_allow_list_is_valid():
    assert isinstance(audit.allowed_ids(), list)


@pytest.mark.parametrize("entry", ["{id: X}", "{id: X, package: a==1}", "{package: a==1, why: b}"])
def test_an_allow_list_entry_without_a_reason_is_refused(tmp_path, entry):
    path = tmp_path / "allow.yml"
    path.write_text(f"allow: [{entry}]")
    with pytest.raises(SystemExit, match="needs id, package and why"):
        audit.allowed_ids(path)


def test_no_service_means_skipped_not_audited():
    assert audit.service_available("http://127.0.0.1:9/pypi/rasa/3.6.21/json", 1) is False
