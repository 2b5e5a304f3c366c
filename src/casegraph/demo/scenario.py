"""The invented country of the demo and everyone in it.

Zarqan's government and army fight the Southern Valley Brigades in public. The
Brigades' own papers show that, through the trading company Amber Coast, the
two sides traded army fuel for the Brigades' grain, timed the Brigades' exit
from Wadi Sirr to the army's advance, let a convoy through an army checkpoint
and handed over the Port of Bahran; smaller favours (two captured soldiers handed
back, army medicine for the Brigades' clinic) fill the gaps. In public, meanwhile,
both sides shell, accuse, threaten and refuse to meet the monitors. All names are
invented.

``aliases`` lists every surface form of an entity used in the trove (Arabic
forms included; Arabic clitics such as a prefixed "ل" are not listed
separately). Generic short forms such as "the army" or "the commander" are
included where the documents use them for that entity.
"""

from __future__ import annotations

from typing import Any

COUNTRY = "Zarqan"

_GOV_SIDE = ["gov", "mod", "zna", "zna_south"]


def _entity(
    id: str,
    name: str,
    type: str,
    kind: str,
    aliases: list[str],
    *,
    country: str | None = COUNTRY,
    adversaries: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    if type == "place":
        # Places all have kind "place"; what sort of place goes in "subtype".
        extra = {"subtype": kind, **extra}
        kind = "place"
    return {
        "id": id,
        "name": name,
        "type": type,
        "kind": kind,
        "country": country,
        "aliases": aliases,
        "adversaries": adversaries or [],
        **extra,
    }


ENTITIES: list[dict[str, Any]] = [
    # -- organizations -------------------------------------------------------------
    _entity(
        "gov",
        "Government of Zarqan",
        "organization",
        "government",
        ["Government of Zarqan", "the government", "government", "الحكومة"],
        adversaries=["svb"],
    ),
    _entity(
        "mod",
        "Ministry of Defence",
        "organization",
        "government",
        ["Ministry of Defence", "MoD", "the ministry", "ministry", "وزارة الدفاع", "الوزارة"],
        adversaries=["svb"],
        part_of="gov",
    ),
    _entity(
        "zna",
        "Zarqani National Army",
        "organization",
        "military",
        [
            "Zarqani National Army",
            "ZNA",
            "National Army",
            "the army",
            "army",
            "the regime army",
            "الجيش الوطني الزرقاني",
            "الجيش الوطني",
            "الجيش",
            "جيش النظام",
        ],
        adversaries=["svb"],
        part_of="mod",
    ),
    _entity(
        "zna_south",
        "Southern Command",
        "organization",
        "military",
        ["Southern Command", "the army's Southern Command", "القيادة الجنوبية"],
        adversaries=["svb"],
        part_of="zna",
    ),
    _entity(
        "svb",
        "Southern Valley Brigades",
        "organization",
        "armed_group",
        [
            "Southern Valley Brigades",
            "SVB",
            "the Brigades",
            "Brigades",
            "Valley",
            "ألوية الوادي الجنوبي",
            "الألوية",
            "الوادي",
        ],
        adversaries=_GOV_SIDE,
        note="'Valley' (الوادي) is the cover name of the Brigades in Amber Coast's papers.",
    ),
    _entity(
        "act",
        "Amber Coast Trading Company",
        "organization",
        "company",
        [
            "Amber Coast Trading Company",
            "Amber Coast Trading",
            "Amber Coast",
            "ACT",
            "شركة الساحل العنبري للتجارة",
            "شركة الساحل العنبري",
        ],
        role="middleman in the fuel for grain trade",
    ),
    _entity(
        "observer",
        "The Zarqan Observer",
        "organization",
        "media",
        ["The Zarqan Observer", "Zarqan Observer", "the Observer", "مراقب زرقان", "المراقب"],
    ),
    _entity(
        "meridian",
        "Meridian Daily",
        "organization",
        "media",
        ["Meridian Daily", "Meridian"],
        country=None,
    ),
    _entity(
        "mirsad",
        "Al-Mirsad",
        "organization",
        "media",
        ["Al-Mirsad", "المرصاد"],
    ),
    _entity(
        "nna",
        "National News Agency",
        "organization",
        "media",
        ["National News Agency", "NNA", "وكالة الأنباء الوطنية"],
        state_media=True,
    ),
    _entity(
        "jmm",
        "Joint Monitoring Mission",
        "organization",
        "igo",
        ["Joint Monitoring Mission", "JMM", "the mission", "the monitors"],
        country=None,
    ),
    _entity(
        "crss",
        "Centre for Regional Security Studies",
        "organization",
        "research",
        ["Centre for Regional Security Studies"],
        country=None,
    ),
    # -- people --------------------------------------------------------------------
    _entity(
        "hadi",
        "Tariq Salim al-Hadi",
        "person",
        "person",
        [
            "Tariq Salim al-Hadi",
            "Tariq al-Hadi",
            "al-Hadi",
            "the commander",
            "T. H.",
            "طارق سليم الهادي",
            "الهادي",
        ],
        adversaries=_GOV_SIDE,
        affiliation="svb",
        role="commander of the Southern Valley Brigades",
    ),
    _entity(
        "fadel",
        "Omar Fadel",
        "person",
        "person",
        [
            "Omar Fadel",
            "Fadel",
            "O. Fadel",
            "O. F.",
            "Omar",
            "the quartermaster",
            "عمر فاضل",
            "عمر",
        ],
        adversaries=_GOV_SIDE,
        affiliation="svb",
        role="quartermaster of the Southern Valley Brigades",
        email="o.fadel@example.net",
    ),
    _entity(
        "rashed",
        "Samir Nadim Rashed",
        "person",
        "person",
        [
            "Samir Nadim Rashed",
            "Brigadier General Samir Nadim Rashed",
            "Brigadier General Samir Rashed",
            "General Rashed",
            "Rashed",
            "the general",
            "العميد سمير راشد",
            "سمير راشد",
        ],
        adversaries=["svb"],
        affiliation="zna_south",
        role="commander of the army's Southern Command",
    ),
    _entity(
        "awad",
        "Nizar Awad",
        "person",
        "person",
        [
            "Nizar Awad",
            "Captain Nizar Awad",
            "Captain N. Awad",
            "Capt. N. Awad",
            "the captain",
            "the liaison officer",
            "النقيب نزار عوض",
            "نزار عوض",
        ],
        adversaries=["svb"],
        affiliation="zna_south",
        role="liaison officer of the Southern Command",
        email="n.awad@army.example.com",
    ),
    _entity(
        "qasimi",
        "Adel Qasimi",
        "person",
        "person",
        ["Adel Qasimi", "Minister of Defence Adel Qasimi", "the Minister of Defence"],
        adversaries=["svb"],
        affiliation="mod",
        role="Minister of Defence",
    ),
    _entity(
        "karam",
        "Yusuf Karam",
        "person",
        "person",
        [
            "Yusuf Karam",
            "Karam",
            "the spokesman",
            "government spokesman Yusuf Karam",
            "يوسف كرم",
            "المتحدث باسم الحكومة",
        ],
        adversaries=["svb"],
        affiliation="gov",
        role="government spokesman",
        email="y.karam@mod.example.com",
    ),
    _entity(
        "haddad",
        "Karim Haddad",
        "person",
        "person",
        ["Karim Haddad", "Mr. Karim Haddad", "Mr Haddad", "Haddad", "Karim", "كريم حداد", "كريم"],
        affiliation="act",
        role="director of Amber Coast Trading Company",
        email="k.haddad@example.org",
    ),
    _entity(
        "keller",
        "Martin Keller",
        "person",
        "person",
        ["Dr. Martin Keller", "Martin Keller", "Keller", "the analyst"],
        country=None,
        affiliation="crss",
        role="outside expert",
    ),
    _entity(
        "mansour",
        "Leila Mansour",
        "person",
        "person",
        ["Leila Mansour", "Ms Mansour"],
        affiliation="observer",
        role="reporter",
        email="l.mansour@observer.example.com",
    ),
    # -- places --------------------------------------------------------------------
    _entity(
        "zarqan",
        "Zarqan",
        "place",
        "country",
        ["Zarqan", "Republic of Zarqan", "زرقان", "جمهورية زرقان"],
    ),
    _entity("sadiya", "Sadiya", "place", "city", ["Sadiya", "الصادية"], capital=True),
    _entity(
        "wadi_sirr",
        "Wadi Sirr district",
        "place",
        "district",
        ["Wadi Sirr district", "Wadi Sirr", "the district", "وادي السر"],
    ),
    _entity(
        "bahran",
        "Port of Bahran",
        "place",
        "port",
        ["Port of Bahran", "Bahran", "the port", "ميناء بحران", "بحران", "الميناء"],
    ),
    _entity(
        "ras_kadir",
        "Ras Kadir refinery",
        "place",
        "facility",
        ["Ras Kadir refinery", "Ras Kadir", "the refinery", "رأس كادر"],
    ),
    _entity(
        "jabal_umran",
        "Jabal Umran",
        "place",
        "facility",
        ["Jabal Umran", "Jabal Umran silos", "جبل عمران"],
    ),
    _entity("rashid_road", "Al-Rashid road", "place", "road", ["Al-Rashid road", "طريق الرشيد"]),
    _entity(
        "qasr_hamid",
        "Qasr Hamid checkpoint",
        "place",
        "checkpoint",
        ["Qasr Hamid checkpoint", "Qasr Hamid", "the northern checkpoint"],
    ),
    _entity("khirbet_nasr", "Khirbet Nasr", "place", "village", ["Khirbet Nasr"]),
    _entity("tell_hamra", "Tell Hamra", "place", "town", ["Tell Hamra", "تل حمرا"]),
]
