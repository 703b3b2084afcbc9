"""`make bench`'s arithmetic and files, without servers: percentiles, the
ratios ours / stock against issue 9's targets, the report it writes, the
recorded conversations it replays. No timing is measured here."""
from __future__ import annotations

import json

import pytest

from scripts.bench import load, record, report, stock
from scripts.bench.load import Conversation, Phase, Script


@pytest.mark.parametrize("values, p, expected", [
    ([], 0.5, None),
    ([7.0], 0.99, 7.0),
    ([4.0, 1.0, 3.0, 2.0], 0.5, 2.0),            # nearest rank: half the values at or below
    (list(range(1, 101)), 0.50, 50),
    (list(range(1, 101)), 0.95, 95),
    (list(range(1, 101)), 0.99, 99),
    (list(range(1, 11)), 0.95, 10),              # too few values: the largest
    ([5.0, 1.0], 0.0, 1.0),
])
def test_percentiles_are_nearest_rank(values, p, expected):
    assert report.percentile(values, p) == expected


def _bot(cold, rss, levels):
    return {"cold_start_s": cold, "peak_rss_mb": rss, "peak_pss_mb": rss - 50, "processes": 1,
            "scripts": 2, "turns_per_conversation": 3.5,
            "levels": {str(level): {"concurrency": level, "conversations": 4, "messages": 14,
                                    "errors": 0, "diverged": 0, "p50_ms": p50, "p95_ms": p95,
                                    "p99_ms": p95 * 1.2, "msgs_per_s": rate,
                                    "cpu_ms_per_msg": cpu, "others_cores": rss / 1000,
                                    "latencies_ms": [p50, p95]}
                       for level, (p50, p95, rate, cpu) in levels.items()}}


STOCK = _bot(80.0, 1000, {1: (70, 86, 14.0, 60.0), 20: (1240, 1370, 16.0, 60.0)})
SLOWER = _bot(28.0, 700, {1: (275, 376, 3.6, 216.0), 20: (3790, 4990, 5.5, 240.0)})
FASTER = _bot(20.0, 600, {1: (30, 60, 30.0, 20.0), 20: (300, 600, 40.0, 20.0)})


def test_ratios_are_ours_over_stock_per_level():
    found = report.ratios(SLOWER, STOCK)
    assert found["cold_start"] == 0.35
    assert found["peak_rss"] == 0.7
    assert found["c1_p50"] == round(275 / 70, 3)
    assert found["c20_p95"] == round(4990 / 1370, 3)
    assert found["c20_msgs_per_s"] == round(5.5 / 16.0, 3)
    assert found["c20_cpu_ms_per_msg"] == 4.0


@pytest.mark.parametrize("ours, stock_value, expected", [
    (3.0, 2.0, 1.5),
    (None, 2.0, None),     # not measured
    (3.0, None, None),
    (3.0, 0.0, None),      # nothing to divide by
])
def test_a_ratio_needs_both_values(ours, stock_value, expected):
    assert report.ratio(ours, stock_value) == expected


@pytest.mark.parametrize("value, sense, bound, expected", [
    (2.0, ">=", 2.0, True),       # "at least 2x": exactly 2x is met
    (1.99, ">=", 2.0, False),
    (0.5, "<=", 0.5, True),       # "at most half"
    (0.51, "<=", 0.5, False),
    (100.0, "<", 100.0, False),   # "under 100 ms"
    (None, "<=", 0.5, None),      # not measured is neither met nor failed
])
def test_a_target_is_met_only_as_the_issue_words_it(value, sense, bound, expected):
    assert report.meets(value, sense, bound) is expected


def test_todays_assistant_misses_the_speed_targets_and_keeps_cold_start():
    checks = {c["target"]: c["met"] for c in
              report.targets(SLOWER, report.ratios(SLOWER, STOCK))}
    assert checks["throughput at concurrency 20 at least 2x stock"] is False
    assert checks["p95 at concurrency 20 at most half of stock"] is False
    assert checks["cold start no worse than 0.35x stock"] is True
    assert checks["memory (sum of RSS) no worse than 0.69x stock"] is False
    assert checks["p95 at concurrency 1 under 100 ms (ours)"] is False


def test_a_fast_enough_assistant_meets_every_target():
    assert all(c["met"] for c in report.targets(FASTER, report.ratios(FASTER, STOCK)))


def test_a_level_not_run_is_reported_as_not_measured():
    only_one = _bot(20.0, 600, {1: (30, 60, 30.0, 20.0)})
    checks = {c["target"]: c["met"] for c in
              report.targets(only_one, report.ratios(only_one, STOCK))}
    assert checks["throughput at concurrency 20 at least 2x stock"] is None


def _report():
    found = {"date": "2026-12-02 07:00 UTC",
             "machine": {"cores": 2, "cpu": "Test CPU", "memory_gb": 8.0, "system": "Linux 6",
                         "python": "3.10.0"},
             "concurrency": [1, 20], "bots": {"ours": SLOWER, "stock": STOCK}}
    found["ratios"] = report.ratios(SLOWER, STOCK)
    found["targets"] = report.targets(SLOWER, found["ratios"])
    return found


def test_the_table_names_date_machine_both_bots_ratios_and_verdicts():
    table = report.table(_report())
    assert "2026-12-02 07:00 UTC" in table and "2 cores (Test CPU)" in table
    assert "| concurrency 20: p50 / p95 / p99 per turn | 1240 / 1370 / 1644 ms | " \
           "3790 / 4990 / 5988 ms | 3.06x / 3.64x / 3.64x |" in table
    assert "| concurrency 20: messages per second | 16 | 5.5 | 0.34x |" in table
    assert "| p95 at concurrency 1 under 100 ms (ours) | 376 ms | **no** |" in table
    assert "| cold start no worse than 0.35x stock | 0.35x | yes |" in table
    assert "| concurrency 20: other processes' CPU meanwhile (cores, of 2) | 1 | 0.7 | |" \
        in table


def test_the_report_is_written_as_json_table_and_chart(tmp_path):
    found = _report()
    report.write(tmp_path, found)
    assert json.loads((tmp_path / "report.json").read_text()) == found
    assert (tmp_path / "table.md").read_text() == report.table(found)
    assert (tmp_path / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_readme_table_is_replaced_between_its_markers_only():
    readme = f"# Title\n\n{report.BEGIN}\nold table\n{report.END}\n\nafter\n"
    updated = report.with_table(readme, "| new |\n")
    assert updated == f"# Title\n\n{report.BEGIN}\n| new |\n{report.END}\n\nafter\n"
    assert report.with_table(updated, "| new |\n") == updated
    with pytest.raises(ValueError):
        report.with_table("# no markers\n", "| new |\n")


def test_a_phase_counts_messages_errors_and_cpu_per_message():
    script = Script("a", ("hi", "bye"))
    phase = Phase(2, [Conversation(script, latencies=[0.1, 0.2]),
                      Conversation(script, latencies=[0.3], error="OSError: reset")],
                  wall_s=2.0, saturated_s=1.0, saturated_messages=2)
    summary = report.phase_summary(phase, cpu_s=0.6, others_s=1.0)
    assert (summary["messages"], summary["conversations"], summary["errors"]) == (3, 2, 1)
    assert (summary["p50_ms"], summary["p99_ms"]) == (200.0, 300.0)
    assert summary["msgs_per_s"] == 2.0
    assert summary["cpu_ms_per_msg"] == 200.0
    assert summary["others_cores"] == 0.5        # 1 s of other processes' CPU in 2 s


RECORDED = [Script("own-sc-desk", ("my forehead aches", "yes please", "Alex Morgan"),
                   {"triage": "self_care", "booked": True}),
            Script("ex-gp-worse", ("getting worse for weeks", "no"),
                   {"triage": "see_doctor", "booked": False})]


def test_recorded_conversations_are_replayed_exactly_as_saved(tmp_path):
    path = tmp_path / "scripts.json"
    record.save(path, RECORDED, "2026-12-02 07:00 UTC")
    saved = json.loads(path.read_text())
    assert saved["format"] == record.FORMAT
    assert saved["scripts"][0] == {"name": "own-sc-desk",
                                   "turns": ["my forehead aches", "yes please", "Alex Morgan"],
                                   "outcome": {"triage": "self_care", "booked": True}}
    assert record.load(path) == RECORDED


@pytest.mark.parametrize("entry, complaint", [
    ({"name": "x", "turns": []}, "no turns"),
    ({"name": "x", "turns": ["hello", "  "]}, "non-empty"),
    ({"name": "", "turns": ["hello"]}, "name"),
    ({"name": "x", "turns": "hello"}, "no turns"),
    ({"name": "x", "turns": ["hello"], "outcome": "booked"}, "mapping"),
    ({"name": "x", "turns": ["hello"], "replies": []}, "name, turns and outcome only"),
])
def test_a_malformed_script_is_refused(entry, complaint):
    with pytest.raises(ValueError, match=complaint):
        Script.from_dict(entry)


@pytest.mark.parametrize("content, complaint", [
    ({"format": "something else", "scripts": []}, "not a"),
    ({"format": record.FORMAT, "scripts": []}, "no scripts"),
    ({"format": record.FORMAT, "scripts": [
        {"name": "x", "turns": ["hi"], "outcome": {"triage": "mild", "booked": True}}]},
     "outcome is"),
    ({"format": record.FORMAT, "scripts": [
        {"name": "x", "turns": ["hi"], "outcome": {"triage": None, "booked": "yes"}}]},
     "outcome is"),
])
def test_a_malformed_scripts_file_is_refused(tmp_path, content, complaint):
    path = tmp_path / "scripts.json"
    path.write_text(json.dumps(content))
    with pytest.raises(ValueError, match=complaint):
        record.load(path)


def test_how_a_replay_ended_is_read_from_the_payloads():
    replies = [[{"text": "hello"}],
               [{"custom": {"type": "headache_assessment", "triage": "see_doctor"}}],
               [{"custom": {"type": "booking_request", "reference": "HB-1"}}, {"text": "done"}]]
    assert record.outcome(replies) == {"triage": "see_doctor", "booked": True}
    assert record.outcome([[{"text": "hello"}]]) == {"triage": None, "booked": False}


def test_the_stock_bots_conversations_follow_its_stories_ending_with_goodbye(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n'
        "- intent: greet\n  examples: |\n    - hey\n    - hello\n"
        "- intent: mood_great\n  examples: |\n    - perfect\n"
        "- intent: goodbye\n  examples: |\n    - bye\n")
    (tmp_path / "data" / "stories.yml").write_text(
        'version: "3.1"\nstories:\n'
        "- story: happy path\n  steps:\n  - intent: greet\n  - action: utter_greet\n"
        "  - intent: mood_great\n  - action: utter_happy\n")
    found = stock.scripts(tmp_path, variants=2)
    assert [s.turns for s in found] == [("hey", "perfect", "bye"), ("hello", "perfect", "bye")]
    assert found[0].name == "stock-happy-path-0" and found[0].outcome is None


def test_the_load_generator_sends_the_token_only_when_there_is_one():
    assert load.Client("http://127.0.0.1:5107", "t0k").path == \
        "/webhooks/rest/webhook?token=t0k"
    assert load.Client("http://127.0.0.1:5120", None).path == "/webhooks/rest/webhook"


def test_the_table_says_when_ours_ran_several_rasa_processes():
    assert "Rasa processes" not in report.table(_report())
    several = _report()
    several["bots"]["ours"] = {**several["bots"]["ours"], "rasa_workers": 2}
    assert "ours with 2 Rasa processes on a Redis lock store" in report.table(several)
