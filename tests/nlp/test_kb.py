"""The actor knowledge base: shipped data, case overrides, alias lookup, hostilities."""

from __future__ import annotations

import csv
import importlib.util
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from casegraph.errors import BadSetting
from casegraph.nlp import kb
from casegraph.nlp.kb import (
    ACTOR_TYPES,
    CSV_COLUMNS,
    KB_DIR,
    Adversary,
    alias_index,
    alias_key,
    are_adversaries,
    load_actors,
    parse_adversary,
    write_actors_csv,
)


def _codes(text: str) -> list[str]:
    return text.split()


# The 193 UN member states, the two observer states and Kosovo and Taiwan, written out
# here independently of the generator so that a state missing from the data is caught.
STATES = _codes(
    """
af al dz ad ao ag ar am au at az bs bh bd bb by be bz bj bt bo ba bw br bn bg bf bi cv kh
cm ca cf td cl cn co km cg cd cr ci hr cu cy cz dk dj dm do ec eg sv gq er ee sz et fj fi
fr ga gm ge de gh gr gd gt gn gw gy ht hn hu is in id ir iq ie il it jm jp jo kz ke ki kp
kr kw kg la lv lb ls lr ly li lt lu mg mw my mv ml mt mh mr mu mx fm md mc mn me ma mz mm
na nr np nl nz ni ne ng mk no om pk pw pa pg py pe ph pl pt qa ro ru rw kn lc vc ws sm st
sa sn rs sc sl sg sk si sb so za ss es lk sd sr se ch sy tj tz th tl tg to tt tn tr tm tv
ug ua ae gb us uy uz vu ve vn ye zm zw
va ps xk tw
"""
)
ARAB_LEAGUE = _codes("dz bh km dj eg iq jo kw lb ly mr ma om ps qa sa so sd sy tn ae ye")
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def actors():
    return load_actors()


@pytest.fixture(scope="module")
def index(actors):
    return alias_index(actors)


def _government_and_military(actors, code):
    governments = [a for a in actors.values() if a.type == "government" and a.country == code]
    military = [a for a in actors.values() if a.type == "military" and a.country == code]
    return governments, military


# ---------------------------------------------------------------- shipped data


def test_state_list_is_complete():
    assert len(STATES) == len(set(STATES)) == 197


@pytest.mark.parametrize("code", STATES)
def test_every_state_has_a_government_and_armed_forces(actors, code):
    governments, military = _government_and_military(actors, code)
    assert governments, f"no government for {code}"
    assert military, f"no armed forces for {code}"
    # the country's own armed forces: the generated mil-xxx row, parented to gov-xxx
    main = [m for m in military if m.id.startswith("mil-") and m.id.count("-") == 1]
    assert len(main) == 1
    government = actors[main[0].parent]
    assert government.type == "government" and government.country == code
    assert government.id == "gov-" + main[0].id.removeprefix("mil-")


def test_ids_are_unique_across_all_shipped_files():
    ids = []
    for path in sorted(KB_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames) == CSV_COLUMNS, path.name
            ids += [row["id"] for row in reader if not row["id"].startswith("#")]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    assert len(ids) == len(load_actors())


def test_parents_and_adversaries_resolve_and_types_are_valid(actors):
    for actor in actors.values():
        assert actor.type in ACTOR_TYPES, actor.id
        assert actor.name and actor.name not in actor.aliases, actor.id
        assert re.fullmatch(r"[a-z]{2}|", actor.country), actor.id
        assert actor.parent is None or actor.parent in actors, actor.id
        for adversary in actor.adversaries:
            assert adversary.id in actors and adversary.id != actor.id, (actor.id, adversary)
            if adversary.start_year and adversary.end_year:
                assert adversary.start_year <= adversary.end_year


def test_igos_have_no_country_but_their_missions_may(actors):
    for code in ("igo-un", "igo-eu", "igo-nato", "igo-au", "igo-icc", "igo-opec"):
        assert actors[code].type == "igo" and actors[code].country == ""
    assert actors["igo-unifil"].country == "lb"


def test_counts_by_type(actors):
    counts = Counter(a.type for a in actors.values())
    assert counts["armed_group"] >= 40
    assert counts["media"] >= 30
    assert counts["igo"] >= 20
    assert counts["government"] >= 197 and counts["military"] >= 197


def test_required_actors_are_present(actors):
    for actor_id in [
        "ag-hezbollah", "ag-hamas", "ag-houthis", "ag-is", "ag-aq", "ag-aqap", "ag-aqim",
        "ag-shabaab", "ag-boko-haram", "ag-taliban", "ag-pkk", "ag-ypg", "ag-sdf", "ag-hts",
        "ag-farc-emc", "ag-eln", "ag-wagner", "mil-rus-africa-corps", "ag-rsf", "ag-m23",
        "ag-adf", "ag-jnim", "ag-tdf", "ag-kia", "ag-arakan-army",
        "igo-un", "igo-eu", "igo-nato", "igo-au", "igo-arab-league", "igo-opec", "igo-osce",
        "igo-asean", "igo-gcc", "igo-who", "igo-unhcr", "igo-unicef", "igo-wfp", "igo-iaea",
        "igo-icc", "igo-world-bank", "igo-imf", "ngo-icrc", "ngo-ifrc",
        "media-bbc", "media-reuters", "media-ap", "media-afp", "media-aljazeera",
        "media-alarabiya", "media-cnn", "media-nyt", "media-wapo", "media-guardian",
        "media-lemonde", "media-dw", "media-france24", "media-rt", "media-xinhua",
        "media-skynewsarabia", "media-asharq-alawsat",
    ]:  # fmt: skip
        assert actor_id in actors, actor_id


def test_arab_states_have_arabic_names(actors):
    for code in ARAB_LEAGUE:
        governments, military = _government_and_military(actors, code)
        for actor in (governments[0], military[0]):
            assert any(ARABIC.search(a) for a in actor.aliases), actor.id


def test_countries_file_matches_its_generator():
    pytest.importorskip("rigour")
    script = Path(__file__).parents[2] / "scripts" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("build_kb", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = {a.id: a for a in module.build()}
    shipped = {a.id: a for a in load_actors().values() if a.id in generated}
    assert generated == shipped


# ---------------------------------------------------------------- alias lookup


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Hezbollah", "ag-hezbollah"),
        ("Hizbullah", "ag-hezbollah"),
        ("HIZBALLAH", "ag-hezbollah"),
        ("Party of God", "ag-hezbollah"),
        ("حزب الله", "ag-hezbollah"),
        ("Hezbollah's", "ag-hezbollah"),
        ("IDF", "mil-isr"),
        ("Israel Defense Forces", "mil-isr"),
        ("צה״ל", "mil-isr"),
        ("الجيش الإسرائيلي", "mil-isr"),
        ("Syrian government", "gov-syr"),
        ("the Syrian government", "gov-syr"),
        ("Government of Syria", "gov-syr"),
        ("الحكومة السورية", "gov-syr"),
        ("Syrian Arab Army", "mil-syr"),
        ("الجيش العربي السوري", "mil-syr"),
        ("UN", "igo-un"),
        ("U.N.", "igo-un"),
        ("الأمم المتحدة", "igo-un"),
        ("Nations unies", "igo-un"),
        ("ООН", "igo-un"),
        ("Hamas", "ag-hamas"),
        ("حماس", "ag-hamas"),
        ("Ansar Allah", "ag-houthis"),
        ("الحوثيون", "ag-houthis"),
        ("Daesh", "ag-is"),
        ("داعش", "ag-is"),
        ("al-Qa'ida", "ag-aq"),
        ("Al Qaida", "ag-aq"),
        ("Armed Forces of Ukraine", "mil-ukr"),
        ("ЗСУ", "mil-ukr"),
        ("Tatmadaw", "mil-mmr"),
        ("The Guardian", "media-guardian"),
        ("Guardian", "media-guardian"),
        ("New York Times", "media-nyt"),
        ("الجزيرة", "media-aljazeera"),
        ("Agence France-Presse", "media-afp"),
        ("Médecins Sans Frontières", "ngo-msf"),
        ("medecins sans frontieres", "ngo-msf"),
        ("US military", "mil-usa"),
        ("U.S. military", "mil-usa"),
        ("Kurdistan Workers' Party", "ag-pkk"),
        ("Wagner Group", "ag-wagner"),
        ("ЧВК «Вагнер»", "ag-wagner"),
        ("FARC dissidents", "ag-farc-emc"),
        ("Tigray forces", "ag-tdf"),
        ("الإدارة الأمريكية", "gov-usa"),
    ],
)
def test_alias_lookup(index, text, actor_id):
    assert actor_id in index.get(alias_key(text), []), (text, alias_key(text))


def test_ambiguous_aliases_list_every_candidate(index):
    assert set(index[alias_key("RSF")]) == {"ag-rsf", "ngo-rsf"}
    assert set(index[alias_key("AFP")]) == {"media-afp", "mil-phl"}
    assert set(index[alias_key("Congolese government")]) == {"gov-cod", "gov-cog"}


def test_capital_metonyms_and_bare_country_names_are_not_aliases(index):
    for text in ("Damascus", "Washington", "Kremlin", "Syria", "Israel", "Moscow"):
        assert alias_key(text) not in index, text


def test_alias_key_folds_latin_but_keeps_other_scripts():
    assert alias_key("  Société   Générale ") == "societe generale"
    assert alias_key("Al-Shabaab") == alias_key("al Shabaab") == "al shabaab"
    assert alias_key("U.S.") == alias_key("US") == "us"
    assert alias_key("OPEC+") != alias_key("OPEC")
    assert alias_key("حزب الله") == "حزب الله"
    assert alias_key("أنصار الله") == alias_key("انصار الله")  # hamza evened out
    assert alias_key("بی\u200cبی\u200cسی") == alias_key("بی بی سی")
    assert alias_key("Вооружённые силы") == "вооруженные силы"
    assert alias_key("The") == "the"


# ---------------------------------------------------------------- hostilities


@pytest.mark.parametrize(
    ("a", "b", "year", "expected"),
    [
        ("ag-hezbollah", "gov-isr", None, True),
        ("gov-isr", "ag-hezbollah", None, True),  # either side may list the other
        ("ag-hezbollah", "mil-isr", 2006, True),  # the army inherits from its government
        ("ag-hezbollah", "gov-isr", 1975, False),  # before Hezbollah existed
        ("ag-qassam", "mil-isr", 2023, True),  # the wing inherits from the group
        ("ag-hts", "gov-syr", 2020, True),
        ("ag-hts", "mil-syr", 2025, False),  # HTS took power in December 2024
        ("ag-is", "gov-syr", 2016, True),
        ("ag-sdf", "gov-syr", 2016, True),
        ("ag-sdf", "gov-syr", 2019, False),
        ("gov-rus", "gov-ukr", 2013, False),
        ("mil-rus", "mil-ukr", 2022, True),
        ("ag-wagner", "gov-rus", 2023, True),  # the mutiny
        ("ag-wagner", "gov-rus", 2022, False),
        ("gov-eth", "gov-eri", 2000, True),
        ("gov-eth", "gov-eri", 2020, False),
        ("media-bbc", "ag-is", None, False),
        ("gov-syr", "mil-syr", None, False),
    ],
)
def test_are_adversaries(a, b, year, expected):
    assert are_adversaries(a, b, year) is expected


def test_are_adversaries_takes_actors_and_rejects_unknown_ids(actors):
    assert are_adversaries(actors["ag-houthis"], actors["mil-sau"], 2016, actors=actors)
    with pytest.raises(KeyError, match="no-such-actor"):
        are_adversaries("ag-hezbollah", "no-such-actor")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gov-isr", Adversary("gov-isr", None, None)),
        ("gov-isr:2006", Adversary("gov-isr", 2006, 2006)),
        ("gov-isr:1982-2000", Adversary("gov-isr", 1982, 2000)),
        ("gov-isr:2023-", Adversary("gov-isr", 2023, None)),
        ("gov-isr:-1990", Adversary("gov-isr", None, 1990)),
    ],
)
def test_parse_adversary(text, expected):
    assert parse_adversary(text) == expected
    assert parse_adversary(str(expected)) == expected


@pytest.mark.parametrize(
    "text", ["gov-isr:", "gov-isr:82-90", "gov-isr:2000-1990", "gov-isr:2000-20x1", "Gov:2000"]
)
def test_parse_adversary_rejects_malformed(text):
    with pytest.raises(ValueError):
        parse_adversary(text)


# ---------------------------------------------------------------- case CSV


def _write(tmp_path: Path, text: str, name: str = "actors.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = ",".join(CSV_COLUMNS) + "\n"


def test_case_csv_adds_and_overrides(tmp_path):
    path = _write(
        tmp_path,
        HEADER
        + "# a comment row\n"
        + "ag-dawn-front,Free Dawn Front,armed_group,sy,FDF|جبهة الفجر الحر,,"
        + "gov-syr:2013-2016|ag-is\n"
        + "ag-dawn-front-youth,Dawn Youth Brigade,armed_group,sy,,ag-dawn-front,\n"
        + "ag-hezbollah,,,,Hizb|-Hezbolla,,-gov-usa|ag-dawn-front:2015\n"
        + "media-bbc,BBC News Service,,,,,\n"
        + "gov-pse,,,-,,,\n",
    )
    actors = load_actors(path)
    shipped = load_actors()
    assert len(actors) == len(shipped) + 2

    added = actors["ag-dawn-front"]
    assert added.aliases == ("FDF", "جبهة الفجر الحر")
    assert added.adversaries == (Adversary("gov-syr", 2013, 2016), Adversary("ag-is"))
    assert actors["ag-dawn-front-youth"].parent == "ag-dawn-front"

    hezbollah = actors["ag-hezbollah"]
    assert "Hizb" in hezbollah.aliases and "Hezbolla" not in hezbollah.aliases
    assert "Hizbullah" in hezbollah.aliases  # the shipped aliases stay
    assert hezbollah.type == "armed_group" and hezbollah.country == "lb"
    assert not any(a.id == "gov-usa" for a in hezbollah.adversaries)
    assert are_adversaries("ag-hezbollah", "ag-dawn-front-youth", 2015, actors=actors)
    assert not are_adversaries("ag-hezbollah", "ag-dawn-front-youth", 2016, actors=actors)

    assert actors["media-bbc"].name == "BBC News Service"
    assert "BBC" in actors["media-bbc"].aliases  # the old name is kept as an alias
    assert actors["gov-pse"].country == ""

    index = alias_index(actors)
    assert index[alias_key("Hizb")] == ["ag-hezbollah"]
    assert alias_key("Hezbolla") not in index
    assert index[alias_key("جبهة الفجر الحر")] == ["ag-dawn-front"]

    # the shipped data is untouched by a case's overrides
    assert "Hizb" not in load_actors()["ag-hezbollah"].aliases
    assert load_actors()["media-bbc"].name == "BBC"


def test_case_csv_with_bom_and_extra_columns(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "id,name,type,country,aliases,parent,adversaries,notes\n"
        "person-x,Abu X,person,sy,,ag-is,,seen in memo 4\n",
        encoding="utf-8-sig",
    )
    assert load_actors(path)["person-x"].parent == "ag-is"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("ag-x,X,militia,sy,,,\n", r"actors\.csv line 2: unknown type 'militia'"),
        ("ag-x,X,armed_group,sy,,ag-nobody,\n", r"line 2: unknown parent id 'ag-nobody'"),
        ("ag-x,X,armed_group,sy,,,gov-syr:2011-20x4\n", r"line 2: malformed adversary"),
        ("ag-x,X,armed_group,sy,,,gov-syr:2015-2011\n", r"line 2: .*ends before it starts"),
        ("ag-x,X,armed_group,sy,,,ag-nobody\n", r"line 2: unknown adversary id 'ag-nobody'"),
        ("ag-x,X,armed_group,sy,,,ag-x\n", r"line 2: .*its own adversary"),
        ("ag-x,,armed_group,sy,,,\n", r"line 2: new actor 'ag-x' needs a name"),
        ("ag-x,X,,sy,,,\n", r"line 2: new actor 'ag-x' needs a type"),
        ("AG X,X,armed_group,sy,,,\n", r"line 2: bad id 'AG X'"),
        ("ag-x,X,armed_group,Syria,,,\n", r"line 2: bad country 'Syria'"),
        (
            "ag-x,X,armed_group,sy,,,\nag-x,Y,armed_group,sy,,,\n",
            r"line 3: id 'ag-x' appears twice",
        ),
        ("ag-x,X,armed_group,sy,,ag-y,\nag-y,Y,armed_group,sy,,ag-x,\n", r"parent chain"),
        ("gov-syr,,,,,mil-syr,\n", r"line 2: parent chain of 'gov-syr' loops"),
    ],
)
def test_bad_case_csv_is_a_one_line_bad_setting(tmp_path, body, message):
    path = _write(tmp_path, HEADER + body)
    with pytest.raises(BadSetting, match=message) as caught:
        load_actors(path)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("E006: ")


def test_case_csv_missing_columns_or_file(tmp_path):
    with pytest.raises(BadSetting, match="missing column.*adversaries"):
        load_actors(_write(tmp_path, "id,name,type,country,aliases,parent\n"))
    with pytest.raises(BadSetting, match="cannot read actors file"):
        load_actors(tmp_path / "absent.csv")
    with pytest.raises(BadSetting, match="not a UTF-8 CSV"):
        path = tmp_path / "latin1.csv"
        path.write_bytes((HEADER + "ag-x,Forces armées,armed_group,,,,\n").encode("latin-1"))
        load_actors(path)


def test_written_csv_reads_back_the_same(tmp_path, actors):
    path = tmp_path / "all.csv"
    write_actors_csv(actors.values(), path)
    assert load_actors(path) == actors


# ---------------------------------------------------------------- speed


def test_loading_is_fast_and_cached():
    kb._shipped.cache_clear()
    kb.alias_key.cache_clear()
    start = time.perf_counter()
    actors = load_actors()
    alias_index(actors)
    assert time.perf_counter() - start < 0.3
    start = time.perf_counter()
    for _ in range(10):
        load_actors()
    assert time.perf_counter() - start < 0.05


def test_a_name_shared_with_the_shipped_list_is_the_case_s_own_actor(tmp_path):
    from casegraph.nlp.extract import KnownActors

    path = _write(tmp_path, HEADER + "t-nna,National News Agency,media,zz,NNA,,\n")
    actors = load_actors(path)
    assert len(kb.alias_index(actors)[kb.alias_key("National News Agency")]) == 2
    own = KnownActors(actors, kb.own_actor_ids(path))
    assert own("National News Agency", "organization") == ("organization", "t-nna")
    # without knowing which list is the case's, the name stays ambiguous
    assert KnownActors(actors)("National News Agency", "organization") is None
    assert kb.own_actor_ids(None) == frozenset()
