"""The ontology and the trigger lexicon cover the whole predicate vocabulary of the ontology."""

from __future__ import annotations

from kg.extract.lexicon import load_lexicon
from kg.vocab import PREDICATES, STRUCTURAL

# the contract of the predicates (docs/rdf-model.md): name → (PLOVER type, CAMEO root, quad class)
CONTRACT = {
    "agreesWith": ("AGREE", "03", 1),
    "assures": ("AGREE", "03", 1),
    "consults": ("CONSULT", "04", 1),
    "meets": ("CONSULT", "04", 1),
    "visits": ("CONSULT", "04", 1),
    "negotiatesWith": ("CONSULT", "04", 1),
    "supports": ("SUPPORT", "05", 1),
    "cooperatesWith": ("COOPERATE", "06", 2),
    "trains": ("COOPERATE", "06", 2),
    "providesAidTo": ("AID", "07", 2),
    "supplies": ("AID", "07", 2),
    "concedesTo": ("CONCEDE", "08", 2),
    "withdrawsFrom": ("RETREAT", "08", 2),
    "investigates": ("INVESTIGATE", "09", 2),
    "urges": ("DEMAND", "02", 1),
    "demands": ("DEMAND", "10", 3),
    "pressures": ("DEMAND", "10", 3),
    "criticizes": ("DISAPPROVE", "11", 3),
    "accuses": ("DISAPPROVE", "11", 3),
    "opposes": ("REJECT", "12", 3),
    "threatens": ("THREATEN", "13", 3),
    "protests": ("PROTEST", "14", 3),
    "deters": ("MOBILIZE", "15", 4),
    "mobilizesAgainst": ("MOBILIZE", "15", 4),
    "sanctions": ("SANCTION", "16", 4),
    "coerces": ("COERCE", "17", 4),
    "attacks": ("ASSAULT", "18", 4),
    "fights": ("FIGHT", "19", 4),
}
SYMMETRIC = {"meets", "consults", "negotiatesWith", "cooperatesWith", "agreesWith", "fights"}


def test_every_predicate_with_its_codes():
    events = {name: (p.plover, p.cameo, p.quad_class) for name, p in PREDICATES.items() if not p.structural}
    assert events == CONTRACT
    assert set(STRUCTURAL) == {name for name, p in PREDICATES.items() if p.structural}


def test_symmetric_predicates_are_declared_so():
    assert {name for name, p in PREDICATES.items() if p.symmetric} == SYMMETRIC


def test_every_event_predicate_has_triggers_and_a_frame():
    lex = load_lexicon()
    triggered = set(lex.words.values()) | set(lex.particle_verbs.values()) | set(lex.compounds.values())
    assert set(CONTRACT) <= triggered, set(CONTRACT) - triggered
    assert set(CONTRACT) <= set(lex.frames)


def test_structural_relations_declare_the_actor_types_they_take():
    others = {"State", "GovernmentBody", "ArmedForce", "InternationalOrganization", "Organization", "Media"}
    got = {name: (p.subject_types, p.object_types) for name, p in PREDICATES.items() if p.structural}
    assert got == {
        "leaderOf": ({"Person"}, others),
        "officialOf": ({"Person"}, others),
        "memberOf": (None, {"InternationalOrganization", "Organization"}),
        "partOf": (others, others),
        "spokespersonFor": (None, None),
    }
    # event relations: a news outlet is no subject of material events of force, cooperation,
    # aid, withdrawal and sanction; of investigations and verbal events it is
    events = {name: p for name, p in PREDICATES.items() if not p.structural}
    no_outlet = {name for name, p in events.items() if p.subject_types is not None}
    assert no_outlet == {
        "cooperatesWith",
        "trains",
        "providesAidTo",
        "supplies",
        "withdrawsFrom",
        "deters",
        "mobilizesAgainst",
        "sanctions",
        "coerces",
        "attacks",
        "fights",
    }
    assert all(events[name].subject_types == others - {"Media"} | {"Person"} for name in no_outlet)
    assert all(p.object_types is None for p in events.values())
