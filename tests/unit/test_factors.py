"""Likely contributing factors and the suggested service, per CLINICAL.md.

The muscle table below is copied from CLINICAL.md ("Where it hurts -> likely
contributing muscles", TRAVELL-SIMONS) so that a change to regions.yml that
drifts from the clinic's table fails here.
"""
import shutil

import pytest
import yaml

from bot import factors, knowledge, understanding
from bot.assessment import Facts
from bot.knowledge import KnowledgeError

CLINICAL_PRIMARY = {
    "temples": ["upper trapezius", "temporalis"],
    "forehead": ["sternocleidomastoid (clavicular)", "frontalis"],
    "eyes": ["splenius cervicis", "suboccipitals"],
    "top": ["splenius capitis", "sternocleidomastoid (sternal)"],
    "back_of_head": ["suboccipitals", "sternocleidomastoid (sternal)", "upper trapezius"],
    "band": ["semispinalis capitis", "suboccipitals"],
    "jaw_face": ["masseter", "lateral pterygoid"],
    "neck_shoulders": ["upper trapezius", "levator scapulae"],
}
CLINICAL_SECONDARY = {
    "temples": ["suboccipitals", "sternocleidomastoid (sternal)"],
    "forehead": ["suboccipitals"],
    "eyes": ["upper trapezius", "sternocleidomastoid (sternal)", "occipitalis", "temporalis"],
    "top": [],
    "back_of_head": ["semispinalis capitis", "occipitalis"],
    "band": ["frontalis", "occipitalis"],
    "jaw_face": ["temporalis", "sternocleidomastoid (clavicular)", "upper trapezius"],
    "neck_shoulders": ["splenius cervicis"],
}


def muscles_of(found):
    return " | ".join(m for f in found for m in f.muscles)


def by_id(found):
    return {f.id: f for f in found}


# --------------------------------------------------------------- the clinical table

def test_regions_file_is_exactly_the_clinical_table():
    regions = {r["id"]: r for r in knowledge.load("regions")["regions"]}
    assert set(regions) == set(CLINICAL_PRIMARY)
    for region_id, region in regions.items():
        assert region["muscles"]["primary"] == CLINICAL_PRIMARY[region_id], region_id
        assert region["muscles"]["secondary"] == CLINICAL_SECONDARY[region_id], region_id
        assert region["sources"] == ["TRAVELL-SIMONS"]


@pytest.mark.parametrize("region_id, primary", sorted(CLINICAL_PRIMARY.items()))
def test_each_region_alone_points_at_its_primary_muscles(region_id, primary):
    found = factors.contributing_factors(Facts(regions=(region_id,)))
    assert len(found) == 1
    factor = found[0]
    assert factor.id == f"region_{region_id}"
    assert list(factor.muscles) == primary
    assert factor.because == (f"location: {region_id}",)
    assert factor.sources == ("TRAVELL-SIMONS",)
    assert factor.kind == "muscular"
    assert factor.explanation.startswith("Because you said ")


# --------------------------------------------------------------- regions and triggers together

def test_temples_and_clenching_are_one_jaw_factor_with_both_reasons():
    found = by_id(factors.contributing_factors(Facts(regions=("temples",), triggers=("clenching",))))
    jaw = found["jaw_tension"]
    assert {"temporalis", "masseter"} <= set(jaw.muscles)
    assert jaw.because == ("location: temples", "trigger: clenching")
    assert "your temples hurt" in jaw.explanation and "clench" in jaw.explanation
    assert "likely contributing factor" in jaw.explanation
    # upper trapezius also refers to the temples and stays named, once
    assert muscles_of(found.values()).count("upper trapezius") == 1


def test_gum_chewing_and_clenching_are_one_jaw_factor():
    found = factors.contributing_factors(Facts(triggers=("gum_chewing", "clenching")))
    assert [f.id for f in found] == ["jaw_tension"]
    assert found[0].because == ("trigger: gum_chewing", "trigger: clenching")


def test_back_of_head_and_monitor_point_at_the_neck_muscles():
    facts = Facts(regions=("back_of_head",), triggers=("desk_work",))
    found = factors.contributing_factors(facts)
    assert [f.id for f in found] == ["forward_head_posture"]
    names = muscles_of(found)
    for muscle in ("sternocleidomastoid", "suboccipitals", "trapezius"):
        assert muscle in names
    assert found[0].because == ("location: back_of_head", "trigger: desk_work")


def test_top_of_head_and_heavy_bag_point_at_trapezius_and_splenius():
    found = factors.contributing_factors(Facts(regions=("top",), triggers=("heavy_bag",)))
    names = muscles_of(found)
    assert "trapezius" in names and "splenius" in names
    shoulders = by_id(found)["shoulder_tension"]
    assert shoulders.sources == ("TRAVELL-SIMONS", "FdlP-2007")


def test_habits_are_named_as_non_muscular():
    found = factors.contributing_factors(Facts(triggers=("poor_sleep", "skipped_meals", "stress")))
    assert [f.id for f in found] == ["shoulder_tension", "poor_sleep", "skipped_meals"]
    for habit in found[1:]:
        assert habit.kind == "habit" and habit.muscles == ()
        assert "not a muscle problem" in habit.explanation


def test_never_the_cause():
    facts = Facts(regions=tuple(CLINICAL_PRIMARY), triggers=("clenching", "desk_work", "alcohol"))
    for factor in factors.contributing_factors(facts):
        assert "the cause" not in factor.explanation.lower()
    for level in ("emergency", "urgent", "see_doctor", "self_care"):
        assert "the cause" not in factors.advice(level).lower()


def test_exertion_is_a_warning_sign_not_a_contributing_factor():
    loaded = factors.load_knowledge()
    exertion = loaded.triggers["exertion"]
    assert exertion.warning_concept == "cough_exertion"
    assert exertion.contributor is None or loaded.factors[exertion.contributor].kind == "habit"
    found = factors.contributing_factors(Facts(regions=("temples",), triggers=("exertion", "clenching")))
    assert all("trigger: exertion" not in f.because for f in found)
    assert by_id(found)["jaw_tension"].because == ("location: temples", "trigger: clenching")
    assert factors.contributing_factors(Facts(triggers=("exertion",))) == []


def test_nothing_known_gives_no_factors():
    assert factors.contributing_factors(Facts()) == []


def test_unknown_ids_in_facts_are_refused():
    with pytest.raises(KnowledgeError):
        factors.contributing_factors(Facts(regions=("knee",)))


@pytest.mark.parametrize("message, expected_muscles", [
    ("chewing gum all day gives me an ache in my temples", ["temporalis", "masseter"]),
    ("my monitor is too low and I get pain at the back of my head", ["sternocleidomastoid", "suboccipital"]),
    ("carrying my heavy rucksack makes my shoulders and the top of my head ache", ["trapezius", "splenius"]),
])
def test_from_the_persons_words_to_muscles(message, expected_muscles):
    extracted = understanding.extract_facts(message)
    facts = Facts(regions=tuple(extracted.get("location", ())), triggers=tuple(extracted.get("triggers", ())))
    names = muscles_of(factors.contributing_factors(facts))
    for muscle in expected_muscles:
        assert muscle in names


# --------------------------------------------------------------- which service to suggest

SERVICE_CASES = [
    (Facts(regions=("temples",), triggers=("clenching",)), "smrt"),
    (Facts(regions=("jaw_face",)), "smrt"),
    (Facts(triggers=("gum_chewing",)), "smrt"),
    (Facts(regions=("back_of_head",), triggers=("desk_work",)), "nmt"),
    (Facts(regions=("neck_shoulders",), triggers=("heavy_bag",)), "nmt"),
    (Facts(regions=("top",), triggers=("heavy_bag",)), "nmt"),
    (Facts(regions=("forehead",), triggers=("stress",)), "nmt"),
    (Facts(triggers=("poor_sleep",)), "nmt"),          # only habits: the general suggestion
    (Facts(), "nmt"),
]


@pytest.mark.parametrize("facts, service", SERVICE_CASES)
def test_service_choice(facts, service):
    chosen, reason = factors.suggest_service(factors.contributing_factors(facts), facts)
    assert chosen == service
    assert reason and reason.endswith(".") and "the cause" not in reason


def test_service_reason_uses_the_persons_terms():
    facts = Facts(regions=("temples",), triggers=("clenching",))
    _, reason = factors.suggest_service(factors.contributing_factors(facts), facts)
    assert "your temples hurt" in reason and "jaw" in reason


def test_nothing_known_gives_nmt_with_a_general_reason():
    chosen, reason = factors.suggest_service([], Facts())
    assert chosen == "nmt"
    assert "you said" not in reason


def test_services_are_explained_in_one_plain_line():
    for service in ("nmt", "smrt"):
        info = factors.service_info(service)
        assert info["name"] and info["one_line"].count(".") == 1


def test_advice_per_level():
    assert "999" in factors.advice("emergency") and "A&E" in factors.advice("emergency")
    assert "111" in factors.advice("urgent") and "today" in factors.advice("urgent")
    assert "two weeks" in factors.advice("see_doctor")
    assert "no warning sign" in factors.advice("self_care")
    for level in ("emergency", "urgent", "see_doctor", "self_care"):
        assert "not a diagnosis" in factors.advice(level)


# --------------------------------------------------------------- knowledge validation

@pytest.fixture
def knowledge_copy(tmp_path, monkeypatch):
    """A writable copy of data/knowledge, loaded instead of the real one."""
    for path in knowledge.KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)

    knowledge.clear_caches()
    yield tmp_path
    monkeypatch.undo()
    knowledge.clear_caches()


def edit(path, change):
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")


def test_the_shipped_knowledge_is_valid(knowledge_copy):
    loaded = factors.load_knowledge()
    assert set(loaded.regions) == set(CLINICAL_PRIMARY)
    for trigger in loaded.triggers.values():
        # a contributing factor, or none at all for a warning sign (exertion)
        assert trigger.contributor in loaded.factors or (trigger.contributor is None and trigger.warning_concept)


def test_a_region_citing_an_unknown_source_is_rejected(knowledge_copy):
    edit(knowledge_copy / "regions.yml",
         lambda c: c["regions"][0].__setitem__("sources", ["DR-GOOGLE"]))
    with pytest.raises(KnowledgeError, match="DR-GOOGLE"):
        factors.load_knowledge()


def test_a_factor_citing_an_unknown_source_is_rejected(knowledge_copy):
    edit(knowledge_copy / "triggers.yml",
         lambda c: c["factors"][0].__setitem__("sources", ["TRAVELL-SIMONS", "BLOG"]))
    with pytest.raises(KnowledgeError, match="BLOG"):
        factors.contributing_factors(Facts(triggers=("clenching",)))


def test_a_trigger_pointing_at_an_unknown_factor_is_rejected(knowledge_copy):
    edit(knowledge_copy / "triggers.yml",
         lambda c: c["triggers"][0].__setitem__("contributor", "bad_vibes"))
    with pytest.raises(KnowledgeError, match="bad_vibes"):
        factors.load_knowledge()


def test_a_region_without_sources_is_rejected(knowledge_copy):
    edit(knowledge_copy / "regions.yml", lambda c: c["regions"][1].pop("sources"))
    with pytest.raises(KnowledgeError):
        factors.load_knowledge()


def test_duplicate_region_ids_are_rejected(knowledge_copy):
    edit(knowledge_copy / "regions.yml", lambda c: c["regions"].append(dict(c["regions"][0])))
    with pytest.raises(KnowledgeError, match="duplicate"):
        factors.load_knowledge()


def test_advice_must_never_say_the_cause(knowledge_copy):
    edit(knowledge_copy / "services.yml",
         lambda c: c["advice"].__setitem__("self_care", "Your neck is the cause."))
    with pytest.raises(KnowledgeError):
        factors.load_knowledge()


def test_a_trigger_naming_an_unknown_warning_concept_is_rejected(knowledge_copy):
    def change(content):
        trigger = next(t for t in content["triggers"] if t["id"] == "exertion")
        trigger["warning_concept"] = "bad_vibes"
    edit(knowledge_copy / "triggers.yml", change)
    with pytest.raises(KnowledgeError, match="bad_vibes"):
        factors.load_knowledge()


def test_a_trigger_without_contributor_needs_a_warning_concept(knowledge_copy):
    def change(content):
        trigger = next(t for t in content["triggers"] if t["id"] == "exertion")
        trigger.pop("warning_concept")
    edit(knowledge_copy / "triggers.yml", change)
    with pytest.raises(KnowledgeError, match="warning_concept"):
        factors.load_knowledge()


def test_a_warning_sign_trigger_must_not_point_at_muscles(knowledge_copy):
    def change(content):
        trigger = next(t for t in content["triggers"] if t["id"] == "exertion")
        trigger["contributor"] = "jaw_tension"
    edit(knowledge_copy / "triggers.yml", change)
    with pytest.raises(KnowledgeError, match="muscular"):
        factors.load_knowledge()


def test_every_warning_concept_exists_in_red_flags():
    concepts = {c["id"] for c in knowledge.load("red_flags")["concepts"]}
    for trigger in knowledge.load("triggers")["triggers"]:
        if trigger.get("warning_concept") is not None:
            assert trigger["warning_concept"] in concepts, trigger["id"]
