"""The control trove: the same actors a year later, when they only fight.

By 2016 the arrangement between Zarqan's army and the Southern Valley Brigades has
ended. The ten text documents here (news pages, statements, a monitors' statement,
e-mails, a situation report) record shelling, ambushes, arrests, threats,
accusations, refusals and sanctions, and no cooperation of any kind: no event of
the verbal or material cooperation quads, between anyone. A detector of
cooperation between adversaries should find nothing here.

``trove.build_control_trove`` writes it; ``trove.control_ground_truth`` returns its
ground truth, which has the layout of the main trove's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from . import writers
from .docs_press import article
from .model import Doc, Truth

OBS_SHELLING = "press/2016-01-12_observer_tell_hamra_shelled.html"
NNA_STRIKES = "press/2016-01-13_nna_army_strikes.html"
SVB_STATEMENT = "press/statements/2016-01-14_svb_statement_21.txt"
MOD_STATEMENT = "press/statements/2016-01-20_mod_statement.txt"
JMM_STATEMENT = "press/statements/2016-02-02_jmm_statement.txt"
KARAM_MAIL = "mail/2016-02-05_re_observer_questions.eml"
ORDERS_MAIL = "mail/2016-02-10_orders_khirbet_nasr.eml"
SITREP = "command/sitreps/sitrep_2016-02-14.txt"
MER_CHECKPOINT = "press/2016-02-16_meridian_checkpoint_closed.html"
OBS_ACCOUNTS = "press/2016-02-21_observer_trade_cut.html"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A time in 2016, UTC: every date of the control trove is in that year."""
    return datetime(2016, month, day, hour, minute, tzinfo=UTC)


def build(t: Truth) -> list[Doc]:
    return [*_press(t), *_statements(t), *_mail(t), _sitrep(t)]


def _press(t: Truth) -> list[Doc]:
    docs = []

    shelled = t.event(
        "ctl_army_shells_tell_hamra",
        "ASSAULT",
        mode="heavy-weapons",
        actor="zna",
        target="svb",
        actor_text="Army artillery",
        place="tell_hamra",
        date="2016-01-10",
        doc=OBS_SHELLING,
        quote=(
            "Army artillery shelled Tell Hamra for three hours on Sunday night, hitting the "
            "market and the clinic, residents said."
        ),
    )
    t.claim(
        "ctl_residents_shelling",
        source=None,
        source_text="residents",
        cue="said",
        content="Army artillery shelled Tell Hamra for three hours and hit the market and clinic.",
        doc=OBS_SHELLING,
        quote=shelled,
        about_event="ctl_army_shells_tell_hamra",
        stance="asserts",
        kind="indirect",
    )
    post = t.event(
        "ctl_svb_attacks_post",
        "ASSAULT",
        mode="firearms",
        actor="svb",
        target="zna",
        target_text="an army post",
        place="rashid_road",
        date="2016-01-11",
        doc=OBS_SHELLING,
        quote=(
            "Fighters of the Southern Valley Brigades attacked an army post on the Al-Rashid "
            "road before dawn on Monday, killing two soldiers."
        ),
    )
    pay = t.event(
        "ctl_karam_threatens",
        "THREATEN",
        mode="violence",
        actor="karam",
        target="svb",
        target_text="The terrorists",
        place=None,
        date="2016-01-11",
        doc=OBS_SHELLING,
        quote=(
            '"The terrorists will pay for every soldier," government spokesman Yusuf Karam said.'
        ),
    )
    t.claim(
        "ctl_karam_will_pay",
        source="karam",
        source_text="government spokesman Yusuf Karam",
        cue="said",
        content="The Brigades will pay for every soldier killed.",
        doc=OBS_SHELLING,
        quote=pay,
        about_event="ctl_karam_threatens",
        stance="asserts",
        kind="direct",
    )
    docs.append(
        Doc(
            OBS_SHELLING,
            "html",
            article(
                "observer",
                headline="Shells hit Tell Hamra market as fighting spreads along the road",
                byline="By Leila Mansour, Sadiya",
                date="2016-01-12",
                date_text="12 January 2016",
                slug="tell-hamra-shelled",
                paragraphs=[
                    shelled,
                    post,
                    pay,
                    "The fighting is the heaviest in the south since the summer of 2015.",
                ],
            ),
            at(1, 12, 8),
        )
    )
    t.story(OBS_SHELLING, "observer")

    dozens = t.claim(
        "ctl_army_headline_dozens",
        source="zna",
        source_text="Army",
        cue=":",
        content="Dozens of Brigades fighters were killed near Tell Hamra.",
        doc=NNA_STRIKES,
        quote="Army: dozens of terrorists killed near Tell Hamra",
        about_event="ctl_army_destroys_positions",
        stance="asserts",
        kind="headline",
    )
    destroyed = t.event(
        "ctl_army_destroys_positions",
        "ASSAULT",
        mode="destroy",
        actor="zna",
        target="svb",
        actor_text="The army",
        target_text="the terrorist Brigades",
        place="tell_hamra",
        date="2016-01-12",
        doc=NNA_STRIKES,
        quote=(
            "The army destroyed three positions of the terrorist Brigades near Tell Hamra, the "
            "army's General Command said in a statement."
        ),
    )
    t.claim(
        "ctl_army_destroyed_positions",
        source="zna",
        source_text="the army's General Command",
        cue="said",
        content="The army destroyed three Brigades positions near Tell Hamra.",
        doc=NNA_STRIKES,
        quote=destroyed,
        about_event="ctl_army_destroys_positions",
        stance="asserts",
        kind="indirect",
    )
    battalions = t.event(
        "ctl_mod_sends_battalions",
        "MOBILIZE",
        mode="troops",
        actor="mod",
        target=None,
        place=None,
        date="2016-01-12",
        doc=NNA_STRIKES,
        quote=(
            "The Ministry of Defence sent three more battalions to the southern front on Tuesday."
        ),
    )
    docs.append(
        Doc(
            NNA_STRIKES,
            "html",
            article(
                "nna",
                headline=dozens,
                byline="Sadiya (NNA)",
                date="2016-01-13",
                date_text="13 January 2016",
                slug="army-strikes-tell-hamra",
                paragraphs=[destroyed, battalions],
            ),
            at(1, 13, 10),
        )
    )
    t.story(NNA_STRIKES, "nna")

    closed = t.event(
        "ctl_army_closes_checkpoint",
        "COERCE",
        mode="restrict",
        actor="zna",
        target=None,
        actor_text="The army",
        place="qasr_hamid",
        date="2016-02-15",
        doc=MER_CHECKPOINT,
        quote=(
            "The army closed the Qasr Hamid checkpoint to all trucks on Monday, cutting the road "
            "between the coast and Tell Hamra."
        ),
    )
    blocked = t.event(
        "ctl_farmers_block_refinery_road",
        "PROTEST",
        mode="obstruct",
        actor=None,
        target="zna",
        actor_text="Farmers from Tell Hamra",
        place="ras_kadir",
        date="2016-02-15",
        doc=MER_CHECKPOINT,
        quote=(
            "Farmers from Tell Hamra blocked the road to the Ras Kadir refinery with tractors "
            "in protest at the closure."
        ),
    )
    waiting = t.claim(
        "ctl_drivers_waiting",
        source=None,
        source_text="Truck drivers",
        cue="said",
        content="Hundreds of trucks were waiting on both sides of the Qasr Hamid checkpoint.",
        doc=MER_CHECKPOINT,
        quote="Truck drivers said hundreds of vehicles were waiting on both sides of the "
        "checkpoint.",
        about_event="ctl_army_closes_checkpoint",
        stance="asserts",
        kind="indirect",
    )
    docs.append(
        Doc(
            MER_CHECKPOINT,
            "html",
            article(
                "meridian",
                headline="Army shuts Qasr Hamid checkpoint, farmers block refinery road",
                byline="Meridian Daily correspondent",
                date="2016-02-16",
                date_text="16 February 2016",
                slug="qasr-hamid-closed",
                paragraphs=[closed, blocked, waiting],
            ),
            at(2, 16, 9),
        )
    )
    t.story(MER_CHECKPOINT, "meridian")

    licences = t.claim(
        "ctl_gov_headline_licences",
        source="gov",
        source_text="Government",
        cue="says",
        content="Traders who deal with the Brigades will lose their licences.",
        doc=OBS_ACCOUNTS,
        quote="Government says traders who deal with rebels will lose their licences",
        about_event=None,
        stance="asserts",
        kind="headline",
    )
    frozen = t.event(
        "ctl_gov_cuts_trade",
        "SANCTION",
        mode="discontinue",
        actor="gov",
        target="svb",
        target_text="the areas held by the Brigades",
        place=None,
        date="2016-02-20",
        doc=OBS_ACCOUNTS,
        quote=(
            "The Government of Zarqan cut all trade links with the areas held by the Brigades "
            "on Saturday."
        ),
    )
    card = t.event(
        "ctl_mod_breaks_off_jmm",
        "SANCTION",
        mode="discontinue",
        actor="mod",
        target="jmm",
        place=None,
        date="2016-02-19",
        doc=OBS_ACCOUNTS,
        quote=(
            "The Ministry of Defence broke off its contacts with the Joint Monitoring Mission "
            "on Friday."
        ),
    )
    roads = t.claim(
        "ctl_keller_same_roads",
        source="keller",
        source_text="Dr. Martin Keller",
        cue="said",
        content="Both sides are now fighting for the same roads.",
        doc=OBS_ACCOUNTS,
        quote=(
            "Dr. Martin Keller of the Centre for Regional Security Studies said both sides were "
            "now fighting for the same roads."
        ),
        about_event=None,
        stance="asserts",
        kind="indirect",
        opinion=True,
    )
    docs.append(
        Doc(
            OBS_ACCOUNTS,
            "html",
            article(
                "observer",
                headline=licences,
                byline="By Leila Mansour",
                date="2016-02-21",
                date_text="21 February 2016",
                slug="trade-cut",
                paragraphs=[frozen, card, roads],
            ),
            at(2, 21, 7),
        )
    )
    t.story(OBS_ACCOUNTS, "observer")
    return docs


def _statements(t: Truth) -> list[Doc]:
    accuse = t.event(
        "ctl_svb_accuses_army",
        "ACCUSE",
        actor="svb",
        target="zna",
        actor_text="The General Command",
        target_text="the regime army",
        place="tell_hamra",
        date="2016-01-14",
        doc=SVB_STATEMENT,
        quote=(
            "The General Command accuses the regime army of shelling the market and the clinic "
            "of Tell Hamra."
        ),
    )
    t.claim(
        "ctl_svb_statement_shelling",
        source="svb",
        cue="accuses",
        content="The army shelled the market and the clinic of Tell Hamra.",
        doc=SVB_STATEMENT,
        quote=accuse,
        about_event="ctl_army_shells_tell_hamra",
        stance="asserts",
        kind="document",
    )
    strike = t.event(
        "ctl_svb_threatens_roads",
        "THREATEN",
        mode="violence",
        actor="svb",
        target="zna",
        actor_text="Our fighters",
        target_text="the regime army",
        place=None,
        date="2016-01-14",
        doc=SVB_STATEMENT,
        quote="Our fighters will strike the regime army on every road in the south.",
    )
    no_talks = t.event(
        "ctl_svb_rejects_talks",
        "REJECT",
        mode="meet",
        actor="svb",
        target="gov",
        actor_text="The Brigades",
        target_text="the regime",
        place=None,
        date="2016-01-14",
        doc=SVB_STATEMENT,
        quote="The Brigades reject any talks with the regime or its monitors.",
    )
    svb = Doc(
        SVB_STATEMENT,
        "txt",
        writers.text(
            [
                "SOUTHERN VALLEY BRIGADES - GENERAL COMMAND",
                "Statement No. 21 - 14 January 2016",
                "",
                accuse,
                strike,
                no_talks,
                "Glory to our martyrs.",
            ]
        ),
        at(1, 14, 13),
    )

    store = t.event(
        "ctl_mod_accuses_svb",
        "ACCUSE",
        actor="mod",
        target="svb",
        place="tell_hamra",
        date="2016-01-20",
        doc=MOD_STATEMENT,
        quote=(
            "The Ministry of Defence accuses the Southern Valley Brigades of using the clinic of "
            "Tell Hamra as an ammunition store."
        ),
    )
    t.claim(
        "ctl_mod_statement_store",
        source="mod",
        cue="accuses",
        content="The Brigades use the Tell Hamra clinic as an ammunition store.",
        doc=MOD_STATEMENT,
        quote=store,
        about_event="ctl_mod_accuses_svb",
        stance="asserts",
        kind="document",
    )
    arrests = t.event(
        "ctl_army_arrests_supporters",
        "COERCE",
        mode="arrest",
        actor="zna",
        target="svb",
        actor_text="Soldiers",
        target_text="supporters of the Brigades",
        place="sadiya",
        date="2016-01-18",
        doc=MOD_STATEMENT,
        quote="Soldiers arrested eleven supporters of the Brigades in Sadiya on 18 January 2016.",
    )
    night = t.event(
        "ctl_mod_bans_night_trucks",
        "COERCE",
        mode="restrict",
        actor="mod",
        target=None,
        actor_text="The ministry",
        place="rashid_road",
        date="2016-01-20",
        doc=MOD_STATEMENT,
        quote="The ministry bans all trucks from the Al-Rashid road between dusk and dawn.",
    )
    mod = Doc(
        MOD_STATEMENT,
        "txt",
        writers.text(
            [
                "MINISTRY OF DEFENCE - REPUBLIC OF ZARQAN",
                "Press statement, 20 January 2016",
                "",
                store,
                arrests,
                night,
            ]
        ),
        at(1, 20, 12),
    )

    condemn = t.event(
        "ctl_jmm_condemns_both",
        "ACCUSE",
        mode="disapprove",
        actor="jmm",
        target=["zna", "svb"],
        actor_text="The mission",
        target_text="both parties",
        place=None,
        date="2016-02-02",
        doc=JMM_STATEMENT,
        quote=(
            "The mission condemns both parties for the attacks on civilians in Tell Hamra and "
            "on the Al-Rashid road."
        ),
    )
    t.claim(
        "ctl_jmm_statement_condemns",
        source="jmm",
        cue="condemns",
        content="Both parties attacked civilians in Tell Hamra and on the Al-Rashid road.",
        doc=JMM_STATEMENT,
        quote=condemn,
        about_event="ctl_jmm_condemns_both",
        stance="asserts",
        kind="document",
    )
    calls = t.event(
        "ctl_jmm_calls_on_two_sides",
        "REQUEST",
        mode="yield",
        actor="jmm",
        target=["zna", "svb"],
        actor_text="The mission",
        target_text="the two sides",
        place="tell_hamra",
        date="2016-02-02",
        doc=JMM_STATEMENT,
        quote="The mission calls on the two sides to let its patrols into Tell Hamra.",
    )
    refused = t.event(
        "ctl_army_refuses_visit",
        "REJECT",
        mode="yield",
        actor="zna",
        target="jmm",
        actor_text="The army",
        target_text="the mission's",
        place="tell_hamra",
        date="2016-02-01",
        doc=JMM_STATEMENT,
        quote="The army refused the mission's request to visit the clinic of Tell Hamra.",
    )
    jmm = Doc(
        JMM_STATEMENT,
        "txt",
        writers.text(
            [
                "JOINT MONITORING MISSION IN THE REPUBLIC OF ZARQAN",
                "Press statement - 2 February 2016",
                "",
                condemn,
                calls,
                refused,
                "",
                "Head of Mission",
            ]
        ),
        at(2, 2, 16),
    )
    return [svb, mod, jmm]


def _mail(t: Truth) -> list[Doc]:
    forgeries = t.claim(
        "ctl_karam_no_answers",
        source="karam",
        cue="wrote",
        content="The ministry does not answer a newspaper that publishes forgeries.",
        doc=KARAM_MAIL,
        quote="The ministry will not answer questions from a newspaper that publishes forgeries.",
        about_event=None,
        stance="asserts",
        kind="document",
    )
    close = t.event(
        "ctl_karam_threatens_observer",
        "THREATEN",
        actor="karam",
        target="observer",
        target_text="the Observer",
        place="sadiya",
        date="2016-02-05",
        doc=KARAM_MAIL,
        hypothetical=True,  # "If ... will be closed": the closure itself has not happened
        quote=(
            "If the Observer prints one more lie about the army, its office in Sadiya will be "
            "closed."
        ),
    )
    reply = writers.Mail(
        "Yusuf Karam <y.karam@mod.example.com>",
        ["Leila Mansour <l.mansour@observer.example.com>"],
        "Re: Questions on the shelling of Tell Hamra",
        at(2, 5, 10, 15),
        "20160205101500.mod1@mod.example.com",
        f"Ms Mansour,\n\n{forgeries} {close}\n\nYusuf Karam\nSpokesman\n",
        in_reply_to="20160204160000.obs9@observer.example.com",
    )

    ordered = {
        "status": "ordered",
        "hypothetical": True,
        "actor": "svb",
        "actor_from": "letterhead",
        "doc": ORDERS_MAIL,
    }
    fire = t.event(
        "ctl_order_fire_on_vehicles",
        "ASSAULT",
        mode="firearms",
        target="zna",
        target_text="any army vehicle",
        place="khirbet_nasr",
        date="2016-02-10",
        quote="Fire on any army vehicle that enters Khirbet Nasr.",
        **ordered,
    )
    hills = t.event(
        "ctl_order_mortars_hills",
        "MOBILIZE",
        mode="weapons",
        target=None,
        place="qasr_hamid",
        date="2016-02-10",
        quote="Move the mortar teams to the hills above Qasr Hamid tonight.",
        **ordered,
    )
    orders = writers.Mail(
        "General Command <command@example.net>",
        ["Khirbet Nasr Sector <sector.kn@example.net>"],
        "Orders for the week",
        at(2, 10, 19, 30),
        "20160210193000.gc4@example.net",
        "Southern Valley Brigades - General Command\n\n"
        f"1. {fire}\n2. {hills}\n3. Report losses every evening.\n\n"
        "By order of the commander\n",
    )
    return [
        Doc(KARAM_MAIL, "eml", writers.eml(reply), reply.when),
        Doc(ORDERS_MAIL, "eml", writers.eml(orders), orders.when),
    ]


def _sitrep(t: Truth) -> Doc:
    ambush = t.event(
        "ctl_svb_ambush_patrol",
        "ASSAULT",
        mode="firearms",
        actor="svb",
        target="zna",
        actor_text="Our fighters",
        target_text="an army patrol",
        place="qasr_hamid",
        date="2016-02-12",
        doc=SITREP,
        quote=(
            "Our fighters ambushed an army patrol near Qasr Hamid on 12 February 2016 and "
            "destroyed one vehicle."
        ),
    )
    tanker = t.event(
        "ctl_svb_seizes_tanker",
        "COERCE",
        mode="confiscate",
        actor="svb",
        target="zna",
        actor_text="Our fighters",
        target_text="an army fuel tanker",
        place="rashid_road",
        date="2016-02-13",
        doc=SITREP,
        quote=(
            "Our fighters seized an army fuel tanker on the Al-Rashid road on 13 February 2016 "
            "after a short fight."
        ),
    )
    shelling = t.event(
        "ctl_army_shells_khirbet_nasr",
        "ASSAULT",
        mode="heavy-weapons",
        actor="zna",
        target="svb",
        actor_text="The army",
        target_text="our positions",
        place="khirbet_nasr",
        date="2016-02-12",
        doc=SITREP,
        quote="The army shelled our positions at Khirbet Nasr on the nights of 12 and 13 February.",
    )
    lines = [
        "SOUTHERN VALLEY BRIGADES - SOUTHERN SECTOR",
        "WEEKLY SITUATION REPORT",
        "Period: 8-14 February 2016",
        "Date: 14 February 2016",
        "From: Sector headquarters",
        "To: General Command",
        "",
        "1. OPERATIONS",
        ambush,
        tanker,
        shelling,
        "",
        "2. LOSSES",
        "Two fighters wounded at Khirbet Nasr.",
        "",
        "End of report.",
    ]
    return Doc(SITREP, "txt", writers.text(lines), at(2, 14, 18))
