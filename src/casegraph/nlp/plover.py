"""The PLOVER event ontology as data: 16 categories, their quad class, modes and intensity.

PLOVER (Political Language Ontology for Verifiable Event Records) is the event ontology of
the Open Event Data Alliance, the successor of CAMEO; the POLECAT data set codes with it.
casegraph uses its 16 categories as they stand in the current ontology, where the older
DEMAND is called REQUEST (see `ALIASES` for the other old names).

`CAMEO_ROOTS` maps CAMEO event codes to a (category, mode) pair so that users holding
CAMEO-coded data can compare; `cameo_to_plover` looks a code up by its longest known
prefix. CAMEO root 01 ("make public statement") has no PLOVER event and maps to ("", ""):
in casegraph statements are not events but claims (speaker, cue, content), and the events
reported inside a claim carry its speaker in `reported_by`.

The reference for categories, modes and scores is the PLOVER manual (draft 0.8) and its
CAMEO mapping file of 2021; where the two disagree, the manual is followed. docs/events.md
shows the whole table and lists each such choice.
"""

from __future__ import annotations

from dataclasses import dataclass

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class Category:
    """One PLOVER event category."""

    name: str
    quad: str
    intensity: float  # default on the -10 (conflict) .. +10 (cooperation) scale
    modes: tuple[str, ...]  # allowed values of an event's mode; an empty mode is always allowed
    description: str


def _category(
    name: str, quad: str, intensity: float, modes: str, description: str
) -> tuple[str, Category]:
    return name, Category(name, quad, intensity, tuple(modes.split()), description)


# Intensities are the "PLOVER scores" published in the PLOVER manual (draft 0.8, table
# "PLOVER conflict-cooperation scores"): for each category the mean of the Goldstein scores
# of its CAMEO codes, weighted by how often each code occurred in coded news from October
# 2017 to March 2019, with COERCE (-7.2) and MOBILIZE (-5.3) swapped by the authors.
# REQUEST takes the score the manual gives under its old name DEMAND. docs/events.md
# compares them with the plain (unweighted) mean over the codes mapped in CAMEO_ROOTS.
CATEGORIES: dict[str, Category] = dict(
    [
        _category(
            "AGREE",
            "verbal_cooperation",
            4.2,
            "",
            "A promise, offer or stated willingness to cooperate later, including a pledge to "
            "sign or ratify an agreement.",
        ),
        _category(
            "CONSULT",
            "verbal_cooperation",
            2.1,
            "visit third-party multilateral phone",
            "A meeting, visit, call, round of talks, negotiation or mediation between actors.",
        ),
        _category(
            "SUPPORT",
            "verbal_cooperation",
            4.6,
            "",
            "Backing given in words only: praise, endorsement, diplomatic recognition, "
            "forgiveness, signing or ratifying an agreement.",
        ),
        _category(
            "CONCEDE",
            "verbal_cooperation",
            5.0,
            "",
            "A concession without immediate material effect: an apology or admission, easing "
            "rules or restrictions, a pardon, lifting a curfew, announcing (not yet carrying "
            "out) a truce or pull-back.",
        ),
        _category(
            "COOPERATE",
            "material_cooperation",
            6.8,
            "",
            "Material cooperation that benefits both sides: trade and economic exchange, joint "
            "military exercises, judicial help such as extradition, sharing intelligence.",
        ),
        _category(
            "AID",
            "material_cooperation",
            7.4,
            "",
            "Material help whose benefit goes mainly to the recipient: money or credit, arms "
            "or personnel, relief supplies, protection, asylum.",
        ),
        _category(
            "RETREAT",
            "material_cooperation",
            7.6,
            "withdraw release return disarm ceasefire access resign",
            "De-escalation carried out now: freeing captives, giving back property, letting "
            "observers or aid in, disarming, holding a truce, pulling back or ceding ground, "
            "resigning.",
        ),
        _category(
            "REQUEST",
            "verbal_conflict",
            -5.0,
            "assist change yield meet",
            "An appeal, request, demand or order addressed to another actor (DEMAND in older "
            "PLOVER files).",
        ),
        _category(
            "ACCUSE",
            "verbal_conflict",
            -2.0,
            "disapprove investigate allege",
            "Criticism, a complaint or condemnation, an accusation, charge or lawsuit, or an "
            "investigation of an actor's conduct.",
        ),
        _category(
            "REJECT",
            "verbal_conflict",
            -4.2,
            "assist change yield meet",
            "A refusal of a proposal, request or demand, including defiance of norms and vetoes.",
        ),
        _category(
            "THREATEN",
            "verbal_conflict",
            -5.1,
            "restrict ban arrest relations expel territory violence",
            "A warning of harmful action, in words or by a purely symbolic act; the mode is "
            "what is threatened.",
        ),
        _category(
            "PROTEST",
            "material_conflict",
            -6.6,
            "demo riot general strike hunger boycott obstruct",
            "Collective civilian dissent against a target: demonstrations, strikes, hunger "
            "strikes, boycotts, blocking passage, riots.",
        ),
        _category(
            "SANCTION",
            "material_conflict",
            -5.2,
            "convict expel withdraw discontinue",
            "A cut in existing relations: breaking ties, halting aid, talks or mediation, "
            "expelling or recalling missions, a court's finding of guilt.",
        ),
        _category(
            "MOBILIZE",
            "material_conflict",
            -5.3,
            "troops weapons police militia",
            "A show of military, police or militia power short of using it: raised alert, "
            "deployments, a single side's exercises.",
        ),
        _category(
            "COERCE",
            "material_conflict",
            -7.2,
            "confiscate restrict ban censor curfew martial-law arrest deport withhold",
            "Repression without physical attack: arrests, bans, censorship, curfews, martial "
            "law, seizures, deportations, embargoes, blockades and occupation.",
        ),
        _category(
            "ASSAULT",
            "material_conflict",
            -9.3,
            "abduct beat torture execute sexual assassinate destroy primitive firearms "
            "explosives suicide-attack heavy-weapons aerial cleansing massacre unconventional "
            "sideAB",
            "A deliberate act that can cause serious physical harm: fighting, shelling, "
            "bombing, killing, abduction, torture, sexual violence, destroying property.",
        ),
    ]
)

# A mode that makes an event clearly harsher than its category's default. Each value is
# the Goldstein score of the CAMEO codes behind that mode: mass killing and ethnic cleansing
# (202, 203) and weapons of mass destruction (204) are -10, violent protest and blocking
# passage (145, 144) -7.5 against -6.5 for the other protest codes.
MODE_INTENSITY: dict[str, dict[str, float]] = {
    "ASSAULT": {"massacre": -10.0, "cleansing": -10.0, "unconventional": -10.0},
    "PROTEST": {"riot": -7.5, "obstruct": -7.5},
}

# Names used by older PLOVER files and drafts for what is now one of the 16 categories.
ALIASES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "COOPERATION": "COOPERATE",
    "FIGHT": "ASSAULT",
}


# What each category and quad class says to a reader who does not know PLOVER: reports and
# summaries use these words, and keep the codes for the data and the glossary.
PLAIN: dict[str, str] = {
    "AGREE": "agreed or promised",
    "CONSULT": "met or talked",
    "SUPPORT": "backed in words",
    "CONCEDE": "conceded",
    "COOPERATE": "worked together or traded",
    "AID": "gave aid or supplies",
    "RETREAT": "withdrew, released or handed over",
    "REQUEST": "asked for something",
    "ACCUSE": "accused",
    "REJECT": "refused",
    "THREATEN": "threatened",
    "PROTEST": "protested",
    "SANCTION": "punished or cut ties",
    "MOBILIZE": "mobilised forces",
    "COERCE": "arrested, seized or restricted",
    "ASSAULT": "attacked",
}
PLAIN_MODES: dict[tuple[str, str], str] = {
    ("RETREAT", "withdraw"): "withdrew forces",
    ("RETREAT", "release"): "released people",
    ("RETREAT", "return"): "handed back or handed over",
    ("RETREAT", "disarm"): "disarmed",
    ("RETREAT", "ceasefire"): "held fire",
    ("RETREAT", "access"): "let through",
    ("RETREAT", "resign"): "resigned",
    ("CONSULT", "visit"): "visited",
    ("CONSULT", "phone"): "talked by phone",
    ("CONSULT", "third-party"): "met through a mediator",
    ("MOBILIZE", "troops"): "moved troops",
    ("MOBILIZE", "weapons"): "moved weapons",
}
QUAD_WORDS = {
    "verbal_cooperation": "cooperation in words",
    "material_cooperation": "cooperation in deeds",
    "verbal_conflict": "conflict in words",
    "material_conflict": "conflict in deeds",
}


# Acts that cannot be done without another: whoever sent supplies to a side has traded with
# it, whoever agreed with a side has talked to it. A denial of the act on the left is
# contradicted by a report of any act on the right.
SHOWN_BY: dict[str, tuple[str, ...]] = {
    "COOPERATE": ("COOPERATE", "AID"),
    "CONSULT": ("CONSULT", "AGREE"),
}


def shown_by(category: str) -> tuple[str, ...]:
    """The categories whose acts show that an act of this category took place."""
    return SHOWN_BY.get(category, (category,))


def in_words(category: str, mode: str = "") -> str:
    """What an event of this category and mode did, in a reader's words ("withdrew forces")."""
    name = canonical(category)
    return PLAIN_MODES.get((name, mode), PLAIN[name])


def canonical(name: str) -> str:
    """The current name of a category, given it or an older alias, in any case."""
    key = name.strip().upper()
    key = ALIASES.get(key, key)
    if key not in CATEGORIES:
        raise KeyError(f"not a PLOVER category: {name!r}")
    return key


def quad_of(category: str) -> str:
    """The quad class (one of QUADS) of a category."""
    return CATEGORIES[canonical(category)].quad


def mode_intensity(category: str, mode: str = "") -> float:
    """The default intensity of an event of this category and mode."""
    name = canonical(category)
    return MODE_INTENSITY.get(name, {}).get(mode, CATEGORIES[name].intensity)


# CAMEO code -> (PLOVER category, mode). Every two-digit root is listed, and below it each
# three- or four-digit code whose category or mode differs from the one it would inherit;
# any other code takes the entry of its longest listed prefix.
CAMEO_ROOTS: dict[str, tuple[str, str]] = {
    # 01 make public statement: no PLOVER event; a claim in casegraph.
    "01": ("", ""),
    # 02 appeal: an appeal is a request; the modes follow those of 10 demand.
    "02": ("REQUEST", ""),
    "021": ("REQUEST", "assist"),
    "022": ("REQUEST", "assist"),
    "023": ("REQUEST", "assist"),
    "024": ("REQUEST", "change"),
    "025": ("REQUEST", "yield"),
    "026": ("REQUEST", "meet"),
    "027": ("REQUEST", "meet"),
    "028": ("REQUEST", "meet"),
    # 03 express intent to cooperate
    "03": ("AGREE", ""),
    # 04 consult; 043 (host a visit) is a visit with the roles reversed: the visitor is the
    # source, the host the target.
    "04": ("CONSULT", ""),
    "041": ("CONSULT", "phone"),
    "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "visit"),
    "044": ("CONSULT", "third-party"),
    # 05 engage in diplomatic cooperation
    "05": ("SUPPORT", ""),
    # 06 engage in material cooperation
    "06": ("COOPERATE", ""),
    # 07 provide aid
    "07": ("AID", ""),
    # 08 yield: verbal concessions (080-083) against material ones (084-087).
    "08": ("CONCEDE", ""),
    "0813": ("CONCEDE", ""),
    "0814": ("CONCEDE", ""),
    "084": ("RETREAT", ""),
    "0841": ("RETREAT", "release"),
    "0842": ("RETREAT", "return"),
    "085": ("RETREAT", ""),
    "086": ("RETREAT", "access"),
    "087": ("RETREAT", "disarm"),
    "0871": ("RETREAT", "ceasefire"),
    "0872": ("RETREAT", "withdraw"),
    "0874": ("RETREAT", "withdraw"),
    # 09 investigate
    "09": ("ACCUSE", "investigate"),
    # 10 demand
    "10": ("REQUEST", ""),
    "101": ("REQUEST", "assist"),
    "102": ("REQUEST", "assist"),
    "103": ("REQUEST", "assist"),
    "104": ("REQUEST", "change"),
    "105": ("REQUEST", "yield"),
    "106": ("REQUEST", "meet"),
    "107": ("REQUEST", "meet"),
    "108": ("REQUEST", "meet"),
    # 11 disapprove; 116 (find guilty or liable) is the manual's SANCTION mode "convict".
    "11": ("ACCUSE", "disapprove"),
    "112": ("ACCUSE", "allege"),
    "115": ("ACCUSE", "allege"),
    "116": ("SANCTION", "convict"),
    # 12 reject
    "12": ("REJECT", ""),
    "121": ("REJECT", "assist"),
    "122": ("REJECT", "assist"),
    "123": ("REJECT", "change"),
    "124": ("REJECT", "yield"),
    "125": ("REJECT", "meet"),
    "126": ("REJECT", "meet"),
    "127": ("REJECT", "meet"),
    # 13 threaten
    "13": ("THREATEN", ""),
    "1311": ("THREATEN", "relations"),
    "1312": ("THREATEN", "restrict"),
    "1313": ("THREATEN", "relations"),
    "132": ("THREATEN", "ban"),
    "1321": ("THREATEN", "restrict"),
    "1323": ("THREATEN", "restrict"),
    "1324": ("THREATEN", "restrict"),
    "133": ("THREATEN", "relations"),
    "134": ("THREATEN", "relations"),
    "135": ("THREATEN", "relations"),
    "136": ("THREATEN", "expel"),
    "137": ("THREATEN", "violence"),
    "138": ("THREATEN", "violence"),
    "1381": ("THREATEN", "restrict"),
    "1382": ("THREATEN", "territory"),
    "139": ("THREATEN", "relations"),
    # 14 protest
    "14": ("PROTEST", ""),
    "141": ("PROTEST", "demo"),
    "142": ("PROTEST", "hunger"),
    "143": ("PROTEST", "boycott"),
    "144": ("PROTEST", "obstruct"),
    "145": ("PROTEST", "riot"),
    # 15 exhibit force posture
    "15": ("MOBILIZE", ""),
    "151": ("MOBILIZE", "police"),
    "152": ("MOBILIZE", "troops"),
    "153": ("MOBILIZE", "police"),
    "154": ("MOBILIZE", "troops"),
    # 16 reduce relations; 163 (embargo, boycott, sanctions) is coercion.
    "16": ("SANCTION", ""),
    "161": ("SANCTION", "withdraw"),
    "162": ("SANCTION", "discontinue"),
    "163": ("COERCE", "restrict"),
    "164": ("SANCTION", "withdraw"),
    "165": ("SANCTION", "withdraw"),
    "166": ("SANCTION", "expel"),
    # 17 coerce; destroying property (1712) and violent repression (175) are assaults.
    "17": ("COERCE", ""),
    "171": ("COERCE", "confiscate"),
    "1712": ("ASSAULT", "destroy"),
    "172": ("COERCE", "restrict"),
    "1722": ("COERCE", "ban"),
    "1723": ("COERCE", "curfew"),
    "1724": ("COERCE", "martial-law"),
    "173": ("COERCE", "arrest"),
    "174": ("COERCE", "deport"),
    "175": ("ASSAULT", ""),
    # 18 assault
    "18": ("ASSAULT", ""),
    "181": ("ASSAULT", "abduct"),
    "182": ("ASSAULT", "beat"),
    "1821": ("ASSAULT", "sexual"),
    "1822": ("ASSAULT", "torture"),
    "1823": ("ASSAULT", ""),
    "183": ("ASSAULT", "suicide-attack"),
    "1832": ("ASSAULT", "explosives"),
    "1833": ("ASSAULT", "explosives"),
    "184": ("ASSAULT", "abduct"),
    "185": ("ASSAULT", "assassinate"),
    "186": ("ASSAULT", "assassinate"),
    # 19 fight; blockade (191) and occupation (192) are coercion. Air strikes get a mode of
    # their own, aerial, as POLECAT codes them, apart from ground-based heavy weapons.
    "19": ("ASSAULT", ""),
    "191": ("COERCE", "restrict"),
    "192": ("COERCE", "confiscate"),
    "193": ("ASSAULT", "firearms"),
    "194": ("ASSAULT", "heavy-weapons"),
    "195": ("ASSAULT", "aerial"),
    # 20 use unconventional mass violence
    "20": ("ASSAULT", ""),
    "201": ("ASSAULT", "cleansing"),
    "202": ("ASSAULT", "massacre"),
    "203": ("ASSAULT", "cleansing"),
    "204": ("ASSAULT", "unconventional"),
}


def cameo_to_plover(code: str) -> tuple[str, str]:
    """(category, mode) for a CAMEO event code, by its longest listed prefix.

    ("", "") for root 01 and for codes whose root is not a CAMEO root.
    """
    code = code.strip()
    if not code.isdigit() or len(code) < 2:
        raise ValueError(f"not a CAMEO event code: {code!r}")
    for end in range(len(code), 1, -1):
        entry = CAMEO_ROOTS.get(code[:end])
        if entry is not None:
            return entry
    return ("", "")
