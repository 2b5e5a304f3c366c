"""What the public saw: news stories, official statements, a monitors' report."""

from __future__ import annotations

from . import writers
from .model import Doc, Truth, at

OBS_MAR = "press/2015-03-10_observer_khirbet_nasr.html"
NNA_MAY = "press/2015-05-18_nna_wadi_sirr.html"
MER_SEP = "press/2015-09-22_meridian_bahran.html"
OBS_OCT = "press/2015-10-14_observer_fuel_for_grain.html"
MER_OCT = "press/2015-10-15_meridian_fuel_for_grain.html"
NNA_OCT = "press/2015-10-15_nna_denial.html"
MIRSAD_OCT = "press/2015-10-16_almirsad_bahran.html"
OBS_ANALYSIS = "press/2015-10-20_observer_analysis.html"
MONITORING = "press/press_monitoring_2015.json"
COMMUNIQUE = "press/statements/2015-03-09_army_communique_9.txt"
MOD_STATEMENT = "press/statements/2015-05-18_mod_statement.txt"
SVB_STATEMENT = "press/statements/2015-06-01_svb_statement_ar.txt"
JMM_REPORT = "press/reports/2015-05-25_jmm_spot_report_wadi_sirr.pdf"
SVB_STATEMENT_EN = "press/statements/2015-03-10_svb_statement_14.txt"
JMM_STATEMENT = "press/statements/2015-08-04_jmm_statement_khirbet_nasr.txt"
NNA_MAR = "press/2015-03-12_nna_grain_accusation.html"
OBS_PROTEST = "press/2015-03-15_observer_road_blocked.html"
MER_JUN = "press/2015-06-03_meridian_monitors.html"
OBS_JUL = "press/2015-07-20_observer_tell_hamra_curfew.html"
NNA_EXPEL = "press/2015-10-22_nna_correspondent_expelled.html"

OUTLETS = {
    "observer": ("The Zarqan Observer", "observer.example.com"),
    "meridian": ("Meridian Daily", "meridian.example.net"),
    "nna": ("National News Agency", "nna.example.com"),
    "mirsad": ("المرصاد", "almirsad.example.org"),
}

_MONTHS_AR = {5: "أيار/مايو", 9: "أيلول/سبتمبر", 10: "تشرين الأول/أكتوبر"}


def article(
    outlet: str,
    *,
    headline: str,
    byline: str,
    date: str,
    date_text: str,
    paragraphs: list[str],
    lang: str = "en",
    slug: str,
) -> bytes:
    """A news page: site navigation, the article, a footer, as outlets publish them."""
    name, host = OUTLETS[outlet]
    nav = (
        "<nav>"
        f'<a href="https://{host}/">{writers.esc(name)}</a> | '
        + (
            '<a href="/news">Zarqan</a> | <a href="/region">Region</a> | '
            '<a href="/opinion">Opinion</a>'
            if lang == "en"
            else '<a href="/news">أخبار</a> | <a href="/reports">تقارير</a>'
        )
        + "</nav>\n"
    )
    body = "".join(f"    <p>{writers.esc(p)}</p>\n" for p in paragraphs)
    markup = (
        nav
        + "<article>\n"
        + "  <header>\n"
        + f"    <h1>{writers.esc(headline)}</h1>\n"
        + f'    <p class="byline">{writers.esc(byline)}</p>\n'
        + f'    <time datetime="{date}">{writers.esc(date_text)}</time>\n'
        + "  </header>\n"
        + '  <div class="story">\n'
        + body
        + "  </div>\n"
        + "</article>\n"
        + f"<footer>&copy; {date[:4]} {writers.esc(name)}</footer>\n"
    )
    return writers.html_page(
        headline,
        markup,
        lang=lang,
        meta={
            "og:site_name": name,
            "article:published_time": f"{date}T08:00:00Z",
            "og:url": f"https://{host}/{date[:4]}/{date[5:7]}/{slug}",
        },
    )


def build(t: Truth) -> list[Doc]:
    return [*news(t), *statements(t), *war_news(t), *war_statements(t)]


def news(t: Truth) -> list[Doc]:
    docs = []

    # 10 March: the public war.
    army_says = t.claim(
        "cl_army_eleven_killed",
        source="zna",
        cue="said",
        content="Eleven Brigades fighters were killed at Khirbet Nasr.",
        doc=OBS_MAR,
        quote=(
            "The army said eleven fighters of the Brigades were killed, a figure that could "
            "not be independently verified."
        ),
        about_event="ev_fight_khirbet_nasr",
        stance="hedged",
        kind="indirect",
        hedged=True,  # "could not be independently verified"
        source_text="The army",
    )
    docs.append(
        Doc(
            OBS_MAR,
            "html",
            article(
                "observer",
                headline="Night of shelling at Khirbet Nasr as army and Brigades clash",
                byline="By Leila Mansour, Sadiya",
                date="2015-03-10",
                date_text="10 March 2015",
                slug="khirbet-nasr-clashes",
                paragraphs=[
                    "The army and the Southern Valley Brigades fought through the night at "
                    "Khirbet Nasr, west of Wadi Sirr, residents said on Tuesday.",
                    army_says,
                    "The Brigades said in a statement that the army had shelled homes in the "
                    "village and that their fighters had pushed back an infantry attack.",
                    "Khirbet Nasr has changed hands twice since the war began in 2013. Most of "
                    "its 4,000 residents have fled to Sadiya.",
                ],
            ),
            at(3, 10, 8),
        )
    )
    t.story(OBS_MAR, "observer")

    # 18 May: the state agency announces a victory.
    nna_claim = t.claim(
        "cl_nna_liberated_wadi_sirr",
        source="zna",
        cue="told",
        content="The army took Wadi Sirr after fierce battles with the Brigades.",
        doc=NNA_MAY,
        quote=(
            "The National Army has liberated the Wadi Sirr district after fierce battles with "
            "the terrorist Brigades, military sources told the National News Agency."
        ),
        about_event="ev_battle_wadi_sirr",
        stance="asserts",
        kind="indirect",
        source_text="military sources",
    )
    praise = t.event(
        "ev_qasimi_praises_south",
        "SUPPORT",
        actor="qasimi",
        target="zna_south",
        place=None,
        date="2015-05-18",
        doc=NNA_MAY,
        quote=(
            "Minister of Defence Adel Qasimi congratulated the soldiers of the Southern "
            "Command and their commander, Brigadier General Samir Nadim Rashed."
        ),
    )
    docs.append(
        Doc(
            NNA_MAY,
            "html",
            article(
                "nna",
                headline="Army liberates Wadi Sirr district",
                byline="Sadiya (NNA)",
                date="2015-05-18",
                date_text="18 May 2015",
                slug="army-liberates-wadi-sirr",
                paragraphs=[
                    nna_claim,
                    praise,
                    "The army said dozens of terrorists had been killed and that the remaining "
                    "fighters had fled towards Tell Hamra.",
                ],
            ),
            at(5, 18, 14),
        )
    )
    t.story(NNA_MAY, "nna")

    # 22 September: Bahran changes hands, officially a redeployment.
    redeploy = t.claim(
        "cl_mod_redeployment",
        source="mod",
        cue="said",
        content="The army's withdrawal from Bahran was a planned redeployment to protect "
        "civilians.",
        doc=MER_SEP,
        quote=(
            '"The withdrawal from Bahran was a planned redeployment to protect civilians," '
            "the Ministry of Defence said in a statement."
        ),
        about_event=None,
        stance="asserts",
        kind="direct",
        source_text="the Ministry of Defence",
    )
    docs.append(
        Doc(
            MER_SEP,
            "html",
            article(
                "meridian",
                headline="Army leaves Bahran in what ministry calls a redeployment",
                byline="Meridian Daily correspondent",
                date="2015-09-22",
                date_text="22 September 2015",
                slug="army-leaves-bahran",
                paragraphs=[
                    "Army units left the Port of Bahran on Saturday night and fighters of the "
                    "Southern Valley Brigades moved into the port on Sunday morning, residents "
                    "told Meridian Daily.",
                    redeploy,
                    "Residents said no fighting was heard in the port. The Brigades' media "
                    "office nevertheless announced that Bahran had been liberated by force.",
                    "Bahran is Zarqan's second port and the main outlet for grain from the south.",
                ],
            ),
            at(9, 22, 9),
        )
    )
    t.story(MER_SEP, "meridian")

    # 14 October: the Observer's story on the documents.
    c_trade = (
        "According to documents seen by the Zarqan Observer, the army sold fuel to the Southern "
        "Valley Brigades through Amber Coast Trading and took grain in return at least three "
        "times between February and April 2015."
    )
    c_retreat = (
        "The Brigades allegedly moved their tanks and heavy guns out of Wadi Sirr days before "
        "the army announced it had taken the district after fierce fighting."
    )
    c_convoy = (
        "In July, a convoy of the Brigades' trucks was reportedly waved through an army "
        "checkpoint on the Al-Rashid road, the documents suggest."
    )
    c_port = (
        "Minutes of a meeting on 17 September appear to show that the army agreed in writing "
        "to hand the Port of Bahran to the Brigades."
    )
    body = [
        "Zarqan's army and the Southern Valley Brigades, who have fought each other in public "
        "since 2013, have secretly traded with each other, moved their forces out of each "
        "other's way and handed over territory.",
        c_trade,
        "The papers, which include orders, ledgers and e-mails of the Brigades' quartermaster "
        "Omar Fadel, describe a barter known inside the Brigades as fuel for grain.",
        "In the ledgers, army diesel is collected at the Ras Kadir refinery and wheat from the "
        "Jabal Umran silos is carried to government-held Sadiya. Amber Coast, a trading company "
        "run by Karim Haddad, took a commission of four per cent on each exchange.",
        c_retreat,
        "An order signed by the Brigades' commander, Tariq Salim al-Hadi, and dated 12 May tells "
        "units to leave the district by midnight on 16 May. The Ministry of Defence announced "
        "the capture of Wadi Sirr on 18 May.",
        c_convoy,
        c_port,
        "Mr Haddad did not answer questions sent by e-mail. The Ministry of Defence said it "
        "would reply, but had not done so by the time of publication.",
        "The Zarqan Observer has not been able to verify every document independently. Several "
        "bear stamps and signatures that match orders the Brigades have published in the past.",
    ]
    # The Observer is the speaker of all four; the first cites documents with "according
    # to", the other three are the paper's own hedged statements drawn from the documents.
    for cid, quote, about, content, kind, hedged, source_text in (
        (
            "cl_observer_trade",
            c_trade,
            "ev_trade_1",
            "The army and the Brigades traded fuel for grain through Amber Coast Trading.",
            "according_to",
            False,
            "documents seen by the Zarqan Observer",
        ),
        (
            "cl_observer_retreat",
            c_retreat,
            "ev_withdrawal_done_wadi_sirr",
            "The Brigades moved their armour out of Wadi Sirr before the army's advance.",
            "document",
            True,
            None,
        ),
        (
            "cl_observer_convoy",
            c_convoy,
            "ev_allow_passage",
            "The army let a Brigades convoy through a checkpoint on the Al-Rashid road.",
            "document",
            True,
            "the documents",
        ),
        (
            "cl_observer_port",
            c_port,
            "ev_agree_handover",
            "The army agreed in writing to hand the Port of Bahran to the Brigades.",
            "document",
            True,
            "Minutes of a meeting on 17 September",
        ),
    ):
        cue = {
            "cl_observer_trade": "according to",
            "cl_observer_retreat": "allegedly",
            "cl_observer_convoy": "reportedly",
            "cl_observer_port": "appear to show",
        }[cid]
        t.claim(
            cid,
            source="observer",
            cue=cue,
            content=content,
            doc=OBS_OCT,
            quote=quote,
            about_event=about,
            stance="hedged",
            kind=kind,
            hedged=hedged,
            source_text=source_text,
        )
    headline = "Documents reveal fuel for grain trade between army and Southern Valley Brigades"
    docs.append(
        Doc(
            OBS_OCT,
            "html",
            article(
                "observer",
                headline=headline,
                byline="By Leila Mansour, Sadiya",
                date="2015-10-14",
                date_text="14 October 2015",
                slug="fuel-for-grain-documents",
                paragraphs=body,
            ),
            at(10, 14, 6),
        )
    )
    t.story(OBS_OCT, "observer")

    # 15 October: Meridian republishes the Observer's story almost word for word.
    copied = [
        "The army of Zarqan and the Southern Valley Brigades, who have fought each other in "
        "public since 2013, have secretly traded with each other, moved their forces out of "
        "each other's way and handed over territory.",
        *body[1:8],
        "Meridian Daily could not reach the Ministry of Defence for comment.",
    ]
    for cid, quote, about in (
        ("cl_meridian_trade", c_trade, "ev_trade_1"),
        ("cl_meridian_retreat", c_retreat, "ev_withdrawal_done_wadi_sirr"),
        ("cl_meridian_convoy", c_convoy, "ev_allow_passage"),
        ("cl_meridian_port", c_port, "ev_agree_handover"),
    ):
        original = next(c for c in t.claims if c["quote"] == quote and c["doc"] == OBS_OCT)
        t.claim(
            cid,
            source="meridian",
            cue=original["cue"],
            content=original["content"],
            doc=MER_OCT,
            quote=quote,
            about_event=about,
            stance="hedged",
            kind=original["kind"],
            hedged=original["hedged"],
            source_text=original["source_text"],
            copied_from=original["id"],
        )
    docs.append(
        Doc(
            MER_OCT,
            "html",
            article(
                "meridian",
                headline="Leaked papers show army and rebels swapped fuel for grain",
                byline="Meridian Daily staff",
                date="2015-10-15",
                date_text="15 October 2015",
                slug="leaked-papers-fuel-for-grain",
                paragraphs=copied,
            ),
            at(10, 15, 7),
        )
    )
    t.story(MER_OCT, "meridian", copied_from=OBS_OCT)

    # 15 October: the government denies.
    denial = t.claim(
        "cl_karam_denies_trade",
        source="karam",
        cue="said",
        content="The government has never traded with the Brigades.",
        doc=NNA_OCT,
        quote=(
            '"The government has never traded with terrorists and it never will," government '
            "spokesman Yusuf Karam said on Thursday."
        ),
        about_event="ev_trade_1",
        stance="denies",
        kind="direct",
        source_text="government spokesman Yusuf Karam",
    )
    forgeries = t.claim(
        "cl_karam_forgeries",
        source="karam",
        cue="said",
        content="The documents are forgeries and the army left Bahran in a planned redeployment.",
        doc=NNA_OCT,
        quote=(
            "Karam said the documents published by the Zarqan Observer were forgeries and that "
            "the army had left Bahran as part of a planned redeployment."
        ),
        about_event="ev_handover_bahran",
        stance="denies",
        kind="indirect",
        source_text="Karam",
    )
    lies = t.claim(
        "cl_karam_headline_lies",
        source="karam",
        source_text="Government spokesman",
        cue=":",
        content="Reports of deals between the government and the Brigades are lies.",
        doc=NNA_OCT,
        quote="Government spokesman: reports of deals with terrorists are lies",
        about_event="ev_trade_1",
        stance="denies",
        kind="headline",
    )
    docs.append(
        Doc(
            NNA_OCT,
            "html",
            article(
                "nna",
                headline=lies,
                byline="Sadiya (NNA)",
                date="2015-10-15",
                date_text="15 October 2015",
                slug="spokesman-reports-are-lies",
                paragraphs=[
                    denial,
                    forgeries,
                    "The spokesman added that the National Army had liberated Wadi Sirr in May "
                    "after fierce battles and that the courage of its soldiers could not be "
                    "erased by a newspaper.",
                    "Minister of Defence Adel Qasimi has ordered an inquiry into how the false "
                    "documents were made and spread, Karam said.",
                    "The Government of Zarqan will take legal action against those who "
                    "published them, the spokesman added.",
                ],
            ),
            at(10, 15, 12),
        )
    )
    t.story(NNA_OCT, "nna")

    # 16 October: Al-Mirsad, in Arabic, with a claim from a single source.
    mirsad_port = t.claim(
        "cl_mirsad_port",
        source="mirsad",
        cue="بحسب",
        content="The army handed the Port of Bahran to the Brigades on 20 September 2015.",
        doc=MIRSAD_OCT,
        quote=(
            "وبحسب وثائق اطلع عليها المرصاد، سلّم الجيش ميناء بحران إلى ألوية الوادي الجنوبي "
            "في 20 أيلول/سبتمبر 2015 دون إطلاق رصاصة واحدة."
        ),
        about_event="ev_handover_bahran",
        stance="hedged",
        kind="according_to",
        source_text="وثائق اطلع عليها المرصاد",
    )
    payment = (
        "وقال قيادي في الألوية للمرصاد، طالباً عدم نشر اسمه، إن الألوية دفعت أربعين ألف دولار "
        "للعميد سمير راشد مقابل تسليم الميناء."
    )
    t.event(
        "ev_payment_rashed",
        "COOPERATE",  # a payment for a service: an exchange, so material cooperation
        actor="svb",
        target="rashed",
        place="bahran",
        date="2015-09-20",
        doc=MIRSAD_OCT,
        quote=payment,
        status="alleged",
        amount_usd=40000,
    )
    t.claim(
        "cl_payment_single_source",
        source="svb",
        cue="قال",
        content="The Brigades paid Brigadier General Samir Rashed 40,000 dollars for the port.",
        doc=MIRSAD_OCT,
        quote=payment,
        about_event="ev_payment_rashed",
        stance="asserts",
        kind="indirect",
        source_text="قيادي في الألوية",
        single_source=True,
        anonymous=True,
    )
    docs.append(
        Doc(
            MIRSAD_OCT,
            "html",
            article(
                "mirsad",
                headline="وثائق: الجيش سلّم ميناء بحران لألوية الوادي الجنوبي دون قتال",
                byline="المرصاد - الصادية",
                date="2015-10-16",
                date_text=f"16 {_MONTHS_AR[10]} 2015",
                lang="ar",
                slug="bahran-documents",
                paragraphs=[
                    mirsad_port,
                    "وتتضمن الوثائق محضر اجتماع عقد في 17 أيلول/سبتمبر بين ضباط من القيادة "
                    "الجنوبية وممثلين عن الألوية، بحضور مدير شركة الساحل العنبري للتجارة كريم "
                    "حداد.",
                    payment,
                    "ولم يتسن للمرصاد التحقق من هذه الرواية من مصدر ثان.",
                    "وكانت وزارة الدفاع قد وصفت، في بيان نقلته وكالة الأنباء الوطنية، الانسحاب "
                    "من بحران بأنه «إعادة انتشار مخطط لها لحماية المدنيين».",
                    "وتأتي هذه المعلومات بعد يومين من نشر صحيفة مراقب زرقان تقريراً عن مقايضة "
                    "الوقود بالحبوب بين الجيش والألوية.",
                    "ونفى المتحدث باسم الحكومة يوسف كرم صحة الوثائق.",
                ],
            ),
            at(10, 16, 10),
            language="ar",
        )
    )
    t.story(MIRSAD_OCT, "mirsad")

    # 20 October: an outside expert reads the documents.
    keller_trade = t.claim(
        "cl_keller_bargain",
        source="keller",
        cue="said",
        content="Trading fuel for grain while fighting in public is typical of a frozen front.",
        doc=OBS_ANALYSIS,
        quote=(
            '"Fuel for grain is the oldest bargain of a frozen front: both sides keep shooting '
            'in public and keep trading in private," said Dr. Martin Keller, a researcher at '
            "the Centre for Regional Security Studies."
        ),
        about_event="ev_trade_1",
        stance="asserts",
        kind="direct",
        source_text="Dr. Martin Keller",
        opinion=True,
    )
    keller_exit = t.claim(
        "cl_keller_choreographed",
        source="keller",
        cue="said",
        content="The Wadi Sirr withdrawal order reads like a choreographed exit.",
        doc=OBS_ANALYSIS,
        quote=(
            'Keller said the order to move armour out of Wadi Sirr "reads like a choreographed '
            'exit, not a defeat".'
        ),
        about_event="ev_order_withdraw_wadi_sirr",
        stance="asserts",
        kind="direct",
        source_text="Keller",
        opinion=True,
    )
    docs.append(
        Doc(
            OBS_ANALYSIS,
            "html",
            article(
                "observer",
                headline="Analysis: a war fought in public and managed in private",
                byline="By Leila Mansour",
                date="2015-10-20",
                date_text="20 October 2015",
                slug="analysis-managed-war",
                paragraphs=[
                    "The documents published by the Zarqan Observer last week describe a "
                    "relationship that specialists say is common in long wars.",
                    keller_trade,
                    keller_exit,
                    "The analyst warned that the arrangement did not mean the whole war was "
                    'staged. "People still die at Khirbet Nasr," he said.',
                    "The Arabic-language site Al-Mirsad reported on Friday, citing a single "
                    "source, that money had changed hands for the Port of Bahran.",
                    "Government spokesman Yusuf Karam has called the documents forgeries. The "
                    "Brigades have not commented.",
                ],
            ),
            at(10, 20, 6),
        )
    )
    t.story(OBS_ANALYSIS, "observer")

    monitoring = {
        "compiled_by": "Media office, Southern Valley Brigades",
        "period": "2015",
        "items": [
            {
                "date": "2015-03-10",
                "outlet": "The Zarqan Observer",
                "title": "Night of shelling at Khirbet Nasr as army and Brigades clash",
                "language": "en",
                "tone": "neutral",
            },
            {
                "date": "2015-05-18",
                "outlet": "National News Agency",
                "title": "Army liberates Wadi Sirr district",
                "language": "en",
                "tone": "hostile",
                "note": "Repeats the army's claim of fierce battles.",
            },
            {
                "date": "2015-09-22",
                "outlet": "Meridian Daily",
                "title": "Army leaves Bahran in what ministry calls a redeployment",
                "language": "en",
                "tone": "neutral",
            },
            {
                "date": "2015-10-14",
                "outlet": "The Zarqan Observer",
                "title": "Documents reveal fuel for grain trade between army and Southern Valley "
                "Brigades",
                "language": "en",
                "tone": "dangerous",
                "note": "Quotes our orders and the quartermaster's ledgers. Leak under "
                "investigation.",
            },
            {
                "date": "2015-10-15",
                "outlet": "Meridian Daily",
                "title": "Leaked papers show army and rebels swapped fuel for grain",
                "language": "en",
                "tone": "dangerous",
                "note": "Meridian copied the Observer story word for word.",
            },
            {
                "date": "2015-10-16",
                "outlet": "المرصاد",
                "title": "وثائق: الجيش سلّم ميناء بحران لألوية الوادي الجنوبي دون قتال",
                "language": "ar",
                "tone": "dangerous",
            },
        ],
    }
    docs.append(Doc(MONITORING, "json", writers.json_bytes(monitoring), at(10, 21, 9)))
    return docs


def statements(t: Truth) -> list[Doc]:
    docs = []

    communique = t.claim(
        "cl_communique_khirbet_nasr",
        source="zna",
        cue="communique",
        content="The army repelled a Brigades attack at Khirbet Nasr and killed eleven fighters.",
        doc=COMMUNIQUE,
        quote=(
            "Units of the Zarqani National Army repelled an attack by the Southern Valley "
            "Brigades near Khirbet Nasr on 9 March 2015, killing eleven fighters."
        ),
        about_event="ev_fight_khirbet_nasr",
        stance="asserts",
        kind="document",  # the communique's own words
    )
    docs.append(
        Doc(
            COMMUNIQUE,
            "txt",
            writers.text(
                [
                    "ZARQANI NATIONAL ARMY - GENERAL COMMAND",
                    "Military communique No. 9",
                    "9 March 2015",
                    "",
                    communique,
                    "Our forces remain in full control of the roads around Wadi Sirr.",
                    "The General Command calls on the citizens of Khirbet Nasr to stay away "
                    "from the positions of the terrorist groups.",
                    "",
                    "الجيش الوطني الزرقاني - القيادة العامة - بلاغ عسكري رقم 9",
                ]
            ),
            at(3, 9, 20),
        )
    )

    battle = t.event(
        "ev_battle_wadi_sirr",
        "ASSAULT",
        mode="firearms",
        actor="zna",
        target="svb",
        place="wadi_sirr",
        date="2015-05-18",
        doc=MOD_STATEMENT,
        status="claimed",
        quote=(
            "After two days of fierce fighting, the National Army liberated the Wadi Sirr "
            "district from the terrorists of the Southern Valley Brigades."
        ),
    )
    t.claim(
        "cl_mod_fierce_fighting",
        source="mod",
        cue="statement",
        content="The army took Wadi Sirr after two days of fierce fighting.",
        doc=MOD_STATEMENT,
        quote=battle,
        about_event="ev_battle_wadi_sirr",
        stance="asserts",
        kind="document",
    )
    thanks = t.event(
        "ev_qasimi_thanks_south",
        "SUPPORT",
        actor="qasimi",
        target="zna_south",
        place=None,
        date="2015-05-18",
        doc=MOD_STATEMENT,
        quote=(
            "The Minister of Defence, Adel Qasimi, thanks the officers and soldiers of "
            "the Southern Command for their courage."
        ),
    )
    docs.append(
        Doc(
            MOD_STATEMENT,
            "txt",
            writers.text(
                [
                    "MINISTRY OF DEFENCE - REPUBLIC OF ZARQAN",
                    "Press statement, 18 May 2015",
                    "",
                    battle,
                    thanks,
                    "The army will now restore services to the people of Wadi Sirr.",
                    "",
                    "وزارة الدفاع - جمهورية زرقان - بيان صحفي",
                    "حرر الجيش الوطني منطقة وادي السر بعد يومين من المعارك العنيفة.",
                ]
            ),
            at(5, 18, 12),
        )
    )

    threat = t.event(
        "ev_threat_svb",
        "THREATEN",
        mode="violence",
        actor="hadi",
        target="zna",
        place=None,
        date="2015-06-01",
        doc=SVB_STATEMENT,
        quote="وقال الهادي: «سنواصل ضرب جيش النظام في كل بلدة حتى النصر».",
    )
    t.claim(
        "cl_hadi_threat",
        source="hadi",
        cue="قال",
        content="The Brigades will keep striking the army in every town until victory.",
        doc=SVB_STATEMENT,
        quote=threat,
        about_event="ev_threat_svb",
        stance="asserts",
        kind="direct",
        source_text="الهادي",
    )
    no_contact = t.claim(
        "cl_svb_denies_contact",
        source="svb",
        cue="تنفي",
        content="The Brigades deny any contact with the Ministry of Defence or army officers.",
        doc=SVB_STATEMENT,
        quote="وتنفي الألوية أي اتصال مع وزارة الدفاع أو مع أي ضابط في الجيش.",
        about_event="ev_agree_fuel_for_grain",
        stance="denies",
        kind="indirect",
        source_text="الألوية",
    )
    docs.append(
        Doc(
            SVB_STATEMENT,
            "txt",
            writers.text(
                [
                    "بيان صادر عن القيادة العامة لألوية الوادي الجنوبي",
                    "1 حزيران/يونيو 2015",
                    "",
                    "يؤكد القائد طارق سليم الهادي أن الألوية لن تلقي السلاح أمام جيش النظام.",
                    threat,
                    no_contact,
                    "وتدعو الألوية أهالي وادي السر إلى الصبر، وتعدهم بالعودة قريباً.",
                ]
            ),
            at(6, 1, 15),
            language="ar",
        )
    )

    enter = t.event(
        "ev_army_enters_wadi_sirr",
        "COERCE",
        mode="confiscate",  # taking ground: PLOVER codes seizure of territory here
        actor="zna",
        target=None,
        place="wadi_sirr",
        date="2015-05-18",
        doc=JMM_REPORT,
        quote="Army columns entered Wadi Sirr on 18 May 2015 without meeting resistance.",
    )
    no_fire = t.claim(
        "cl_jmm_no_fighting",
        source="jmm",
        cue="recorded",
        content="There was no exchange of fire in Wadi Sirr between 14 and 18 May 2015.",
        doc=JMM_REPORT,
        quote="The mission recorded no exchange of fire in Wadi Sirr district between 14 and "
        "18 May 2015.",
        about_event="ev_battle_wadi_sirr",
        stance="denies",
        kind="indirect",
        source_text="The mission",
    )
    ask_records = t.event(
        "ev_jmm_asks_records",
        "REQUEST",
        mode="assist",
        actor="jmm",
        target=["zna", "svb"],
        target_text="both parties",
        place=None,
        date="2015-05-25",
        doc=JMM_REPORT,
        hypothetical=True,  # "will ask"
        quote="The mission will ask both parties for their records of the period.",
    )
    report = [
        ("h", "Joint Monitoring Mission in the Republic of Zarqan"),
        "Spot report 14/2015 - Wadi Sirr district, 14 to 18 May 2015",
        "Issued: 25 May 2015. Distribution: members of the mission's board.",
        ("h", "Summary"),
        "The Joint Monitoring Mission (JMM) kept two patrols near Wadi Sirr district between 14 "
        "and 18 May 2015, when the Zarqani National Army (ZNA) said it had retaken the district "
        "from the Southern Valley Brigades (SVB).",
        no_fire,
        enter,
        "Patrols saw armour leaving the district: tracked vehicles moving east towards Tell "
        "Hamra on the nights of 13 and 14 May.",
        ("page",),
        ("h", "Observations"),
        (
            "table",
            [
                ["Date", "Patrol", "Observation"],
                ["13 May", "Patrol 2", "Tracked vehicles moving east, no lights"],
                ["14 May", "Patrol 2", "Tracked vehicles moving east towards Tell Hamra"],
                ["16 May", "Patrol 1", "Brigades checkpoints at Wadi Sirr still manned"],
                ["17 May", "Patrol 1", "Brigades checkpoints empty"],
                ["18 May", "Patrol 1", "Army columns enter Wadi Sirr, no shots heard"],
            ],
        ),
        "The mission did not see any damage consistent with two days of fighting.",
        ("page",),
        ("h", "Assessment"),
        "The mission cannot confirm the statement of the Ministry of Defence of 18 May 2015 "
        "that the district was taken after fierce fighting.",
        f"{ask_records} The ZNA did not answer the mission's questions before this report was "
        "issued.",
    ]
    docs.append(
        Doc(
            JMM_REPORT,
            "pdf",
            writers.pdf(
                report,
                title="JMM spot report 14/2015",
                author="Joint Monitoring Mission",
                when=at(5, 25, 10),
                header="JMM - RESTRICTED",
            ),
            at(5, 25, 10),
        )
    )
    return docs


# -- the public war, as the press and the monitors saw it -----------------------------------


def war_news(t: Truth) -> list[Doc]:
    """Accusations, threats, protests and sanctions: the war everyone could see."""
    docs = []

    # 12 March: the ministry accuses, the army masses, the spokesman threatens.
    grain = t.claim(
        "cl_mod_headline_grain",
        source="mod",
        source_text="Ministry",
        cue=":",
        content="The Brigades stole grain from the Jabal Umran silos.",
        doc=NNA_MAR,
        quote="Ministry: Brigades stole grain from Jabal Umran silos",
        about_event="ev_mod_accuses_grain_theft",
        stance="asserts",
        kind="headline",
    )
    accuse = t.event(
        "ev_mod_accuses_grain_theft",
        "ACCUSE",
        mode="allege",
        actor="mod",
        target="svb",
        place="jabal_umran",
        date="2015-03-11",
        doc=NNA_MAR,
        quote=(
            "The Ministry of Defence accused the Southern Valley Brigades on Wednesday of "
            "stealing grain from the Jabal Umran silos and of hiding their fighters among the "
            "people of Khirbet Nasr."
        ),
    )
    t.claim(
        "cl_mod_accuses_grain_theft",
        source="mod",
        source_text="The Ministry of Defence",
        cue="accused",
        content="The Brigades stole grain from Jabal Umran and hide fighters among civilians.",
        doc=NNA_MAR,
        quote=accuse,
        about_event="ev_mod_accuses_grain_theft",
        stance="asserts",
        kind="indirect",
    )
    massing = t.event(
        "ev_army_masses_khirbet_nasr",
        "MOBILIZE",
        mode="troops",
        actor="zna",
        target=None,
        actor_text="The army",
        place="khirbet_nasr",
        date="2015-03-11",
        doc=NNA_MAR,
        quote=(
            "The army moved two armoured battalions to the edge of Khirbet Nasr on Wednesday, "
            "military sources told the National News Agency."
        ),
    )
    t.claim(
        "cl_military_sources_massing",
        source="zna",
        source_text="military sources",
        cue="told",
        content="The army moved two armoured battalions to the edge of Khirbet Nasr.",
        doc=NNA_MAR,
        quote=massing,
        about_event="ev_army_masses_khirbet_nasr",
        stance="asserts",
        kind="indirect",
    )
    warning = t.event(
        "ev_karam_threatens_villages",
        "THREATEN",
        mode="violence",
        actor="karam",
        target="svb",
        target_text="the Brigades",
        place=None,
        date="2015-03-12",
        doc=NNA_MAR,
        quote=(
            "Government spokesman Yusuf Karam warned that the army would strike any village "
            "that shelters the Brigades."
        ),
    )
    t.claim(
        "cl_karam_warns_villages",
        source="karam",
        source_text="Government spokesman Yusuf Karam",
        cue="warned",
        content="The army will strike any village that shelters the Brigades.",
        doc=NNA_MAR,
        quote=warning,
        about_event="ev_karam_threatens_villages",
        stance="asserts",
        kind="indirect",
    )
    docs.append(
        Doc(
            NNA_MAR,
            "html",
            article(
                "nna",
                headline=grain,
                byline="Sadiya (NNA)",
                date="2015-03-12",
                date_text="12 March 2015",
                slug="brigades-stole-grain",
                paragraphs=[
                    accuse,
                    massing,
                    warning,
                    "The terrorists have held Khirbet Nasr since the autumn of 2014.",
                ],
            ),
            at(3, 12, 10),
        )
    )
    t.story(NNA_MAR, "nna")

    # 15 March: a road blocked in protest, relatives outside the ministry.
    blocked = t.event(
        "ev_svb_blocks_road",
        "PROTEST",
        mode="obstruct",
        actor="svb",
        target="zna",
        target_text="the army's",
        place="wadi_sirr",
        date="2015-03-13",
        doc=OBS_PROTEST,
        quote=(
            "Fighters of the Southern Valley Brigades blocked the Wadi Sirr road with burning "
            "tyres for six hours on Friday in protest at the army's shelling of Khirbet Nasr."
        ),
    )
    closed = t.claim(
        "cl_svb_road_stays_closed",
        source="svb",
        source_text="the Brigades' General Command",
        cue="said",
        content="The road stays closed while the army shells the Brigades' villages.",
        doc=OBS_PROTEST,
        quote=(
            '"The road will stay closed for as long as the army shells our villages," the '
            "Brigades' General Command said in a statement."
        ),
        about_event="ev_svb_blocks_road",
        stance="asserts",
        kind="direct",
    )
    relatives = t.event(
        "ev_relatives_protest_mod",
        "PROTEST",
        mode="demo",
        actor=None,
        target="mod",
        actor_text="several hundred relatives of soldiers",
        place="sadiya",
        date="2015-03-14",
        doc=OBS_PROTEST,
        quote=(
            "In Sadiya, several hundred relatives of soldiers demonstrated outside the Ministry "
            "of Defence on Saturday to demand news of men missing since the fighting."
        ),
    )
    hunger = t.event(
        "ev_mothers_hunger_strike",
        "PROTEST",
        mode="hunger",
        actor=None,
        target="mod",
        actor_text="Twelve mothers of missing soldiers",
        target_text="the ministry",
        place="sadiya",
        date="2015-03-14",
        doc=OBS_PROTEST,
        quote=(
            "Twelve mothers of missing soldiers began a hunger strike outside the ministry the "
            "same night."
        ),
    )
    families = t.claim(
        "cl_families_prisoners",
        source=None,
        source_text="their families",
        cue="according to",
        content="The Brigades may have taken two soldiers prisoner.",
        doc=OBS_PROTEST,
        quote="Two soldiers may have been taken prisoner by the Brigades, according to their "
        "families.",
        about_event=None,
        stance="hedged",
        kind="according_to",
        hedged=True,
    )
    docs.append(
        Doc(
            OBS_PROTEST,
            "html",
            article(
                "observer",
                headline="Brigades block Wadi Sirr road after night of shelling",
                byline="By Leila Mansour, Sadiya",
                date="2015-03-15",
                date_text="15 March 2015",
                slug="wadi-sirr-road-blocked",
                paragraphs=[
                    blocked,
                    closed,
                    relatives,
                    hunger,
                    families,
                    "The ministry has not said how many soldiers are missing.",
                ],
            ),
            at(3, 15, 8),
        )
    )
    t.story(OBS_PROTEST, "observer")

    # 3 June: the monitors are kept out by both sides.
    monitors = t.claim(
        "cl_jmm_headline_kept_out",
        source="jmm",
        source_text="Monitors",
        cue="say",
        content="Both sides keep the monitors out of Khirbet Nasr.",
        doc=MER_JUN,
        quote="Monitors say both sides keep them out of Khirbet Nasr",
        about_event="ev_rashed_refuses_monitors",
        stance="asserts",
        kind="headline",
    )
    met = t.event(
        "ev_jmm_meets_rashed",
        "CONSULT",
        mode="visit",
        actor="jmm",
        target="rashed",
        place="sadiya",
        date="2015-06-02",
        doc=MER_JUN,
        quote=(
            "Members of the Joint Monitoring Mission met Brigadier General Samir Rashed at the "
            "headquarters of the Southern Command in Sadiya on Tuesday, the mission said."
        ),
    )
    t.claim(
        "cl_jmm_met_rashed",
        source="jmm",
        source_text="the mission",
        cue="said",
        content="Members of the mission met General Rashed in Sadiya.",
        doc=MER_JUN,
        quote=met,
        about_event="ev_jmm_meets_rashed",
        stance="asserts",
        kind="indirect",
    )
    refused = t.event(
        "ev_rashed_refuses_monitors",
        "REJECT",
        mode="yield",
        actor="rashed",
        target="jmm",
        actor_text="The general",
        target_text="the monitors",
        place="khirbet_nasr",
        date="2015-06-02",
        doc=MER_JUN,
        quote=(
            "The general refused to let the monitors visit Khirbet Nasr, saying he could not "
            "guarantee their safety."
        ),
    )
    t.claim(
        "cl_rashed_cannot_guarantee_safety",
        source="rashed",
        source_text="The general",
        cue="saying",
        content="General Rashed cannot guarantee the monitors' safety in Khirbet Nasr.",
        doc=MER_JUN,
        quote=refused,
        about_event="ev_rashed_refuses_monitors",
        stance="asserts",
        kind="indirect",
    )
    no_talks = t.event(
        "ev_svb_rejects_talks",
        "REJECT",
        mode="meet",
        actor="svb",
        target="jmm",
        actor_text="The Brigades",
        place="bahran",
        date="2015-06-01",
        doc=MER_JUN,
        quote="The Brigades rejected the mission's invitation to talks in Bahran on Monday.",
    )
    urged = t.event(
        "ev_jmm_urges_two_sides",
        "REQUEST",
        mode="yield",
        actor="jmm",
        target=["zna", "svb"],
        target_text="the two sides",
        place="khirbet_nasr",
        date="2015-06-03",
        doc=MER_JUN,
        quote=(
            "The mission urged the two sides to let civilians leave Khirbet Nasr before the "
            "harvest."
        ),
    )
    patrols = t.event(
        "ev_jmm_could_pull_patrols",
        "SANCTION",
        mode="withdraw",
        actor="jmm",
        target=["zna", "svb"],
        actor_text="The mission",
        target_text="neither side",
        place=None,
        date="2015-06-03",
        doc=MER_JUN,
        hypothetical=True,  # "could ... if"
        quote=(
            "The mission said it could pull its patrols out of the south if neither side lets "
            "them in."
        ),
    )
    t.claim(
        "cl_jmm_could_pull_patrols",
        source="jmm",
        source_text="The mission",
        cue="said",
        content="The mission could pull its patrols out of the south if neither side lets them in.",
        doc=MER_JUN,
        quote=patrols,
        about_event="ev_jmm_could_pull_patrols",
        stance="asserts",
        kind="indirect",
    )
    residents = t.claim(
        "cl_jmm_residents_count",
        source="jmm",
        source_text="the mission",
        cue="according to",
        content="About 1,500 people still live in Khirbet Nasr.",
        doc=MER_JUN,
        quote="About 1,500 people are still living in the village, according to the mission.",
        about_event=None,
        stance="asserts",
        kind="according_to",
    )
    docs.append(
        Doc(
            MER_JUN,
            "html",
            article(
                "meridian",
                headline=monitors,
                byline="Meridian Daily correspondent",
                date="2015-06-03",
                date_text="3 June 2015",
                slug="monitors-kept-out",
                paragraphs=[met, refused, no_talks, urged, patrols, residents],
            ),
            at(6, 3, 9),
        )
    )
    t.story(MER_JUN, "meridian")

    # 20 July: a curfew in the Brigades' town, flour for the displaced in the capital.
    curfew = t.event(
        "ev_svb_curfew_tell_hamra",
        "COERCE",
        mode="curfew",
        actor="svb",
        target=None,
        place="tell_hamra",
        date="2015-07-19",
        doc=OBS_JUL,
        quote=(
            "The Southern Valley Brigades imposed a night curfew on Tell Hamra on Sunday after a "
            "car bomb killed two of their fighters at the market."
        ),
    )
    defectors = t.claim(
        "cl_defectors_curfew",
        source=None,
        source_text="Two defectors from the Brigades",
        cue="told",
        content="The curfew is meant to stop fighters from leaving Tell Hamra.",
        doc=OBS_JUL,
        quote=(
            "Two defectors from the Brigades told the Observer that the curfew was meant to "
            "stop fighters from leaving the town."
        ),
        about_event="ev_svb_curfew_tell_hamra",
        stance="asserts",
        kind="indirect",
    )
    rival = t.claim(
        "cl_residents_rival_bomb",
        source=None,
        source_text="Residents",
        cue="said",
        content="A rival faction may have planted the car bomb in Tell Hamra.",
        doc=OBS_JUL,
        quote="Residents said the bomb may have been planted by a rival faction.",
        about_event=None,
        stance="hedged",
        kind="indirect",
        hedged=True,
    )
    flour = t.event(
        "ev_gov_flour_displaced",
        "AID",
        actor="gov",
        target=None,
        target_text="families displaced from Khirbet Nasr",
        place="sadiya",
        date="2015-07-20",
        doc=OBS_JUL,
        quote=(
            "In Sadiya, the Government of Zarqan handed out 30 tonnes of flour and medicines to "
            "families displaced from Khirbet Nasr."
        ),
    )
    docs.append(
        Doc(
            OBS_JUL,
            "html",
            article(
                "observer",
                headline="Curfew in Tell Hamra as flour reaches the displaced in Sadiya",
                byline="By Leila Mansour",
                date="2015-07-20",
                date_text="20 July 2015",
                slug="tell-hamra-curfew",
                paragraphs=[
                    curfew,
                    defectors,
                    rival,
                    flour,
                    "Both towns lie on the road between the coast and the southern front.",
                ],
            ),
            at(7, 20, 7),
        )
    )
    t.story(OBS_JUL, "observer")

    # 22 October: after the leak, the government turns on the press.
    foreign = t.claim(
        "cl_karam_headline_foreign_papers",
        source="karam",
        source_text="Karam",
        cue="says",
        content="Foreign newspapers spread lies about the army.",
        doc=NNA_EXPEL,
        quote="Karam says foreign papers spread lies about the army",
        about_event=None,
        stance="asserts",
        kind="headline",
    )
    expel = t.event(
        "ev_mod_expels_meridian",
        "SANCTION",
        mode="expel",
        actor="mod",
        target="meridian",
        place="zarqan",
        date="2015-10-21",
        doc=NNA_EXPEL,
        quote=(
            "The Ministry of Defence expelled Meridian Daily from Zarqan on Wednesday and closed "
            "its bureau in Sadiya."
        ),
    )
    talks = t.event(
        "ev_mod_breaks_off_jmm_talks",
        "SANCTION",
        mode="discontinue",
        actor="mod",
        target="jmm",
        actor_text="The ministry",
        place=None,
        date="2015-10-22",
        doc=NNA_EXPEL,
        quote="The ministry has also broken off its talks with the Joint Monitoring Mission.",
    )
    cards = t.event(
        "ev_gov_suspends_observer",
        "COERCE",
        mode="restrict",
        actor="gov",
        target="observer",
        actor_text="The government",
        place=None,
        date="2015-10-22",
        doc=NNA_EXPEL,
        quote=(
            "The government also suspended the press cards of the Zarqan Observer's reporters "
            "until the inquiry ordered by the Minister of Defence is complete."
        ),
    )
    drivers = t.event(
        "ev_army_arrests_drivers",
        "COERCE",
        mode="arrest",
        actor="zna",
        target="act",
        actor_text="Soldiers",
        place="qasr_hamid",
        date="2015-10-20",
        doc=NNA_EXPEL,
        quote=(
            "Soldiers arrested three drivers of Amber Coast Trading at the Qasr Hamid "
            "checkpoint on Tuesday, military sources said."
        ),
    )
    t.claim(
        "cl_military_sources_arrests",
        source="zna",
        source_text="military sources",
        cue="said",
        content="Soldiers arrested three Amber Coast drivers at Qasr Hamid.",
        doc=NNA_EXPEL,
        quote=drivers,
        about_event="ev_army_arrests_drivers",
        stance="asserts",
        kind="indirect",
    )
    insult = t.claim(
        "cl_karam_no_insult",
        source="karam",
        source_text="Karam",
        cue="said",
        content="Nobody will be allowed to insult Zarqan's soldiers.",
        doc=NNA_EXPEL,
        quote='"Nobody will be allowed to insult the soldiers of Zarqan," Karam said.',
        about_event=None,
        stance="asserts",
        kind="direct",
    )
    docs.append(
        Doc(
            NNA_EXPEL,
            "html",
            article(
                "nna",
                headline=foreign,
                byline="Sadiya (NNA)",
                date="2015-10-22",
                date_text="22 October 2015",
                slug="correspondent-expelled",
                paragraphs=[expel, talks, cards, drivers, insult],
            ),
            at(10, 22, 11),
        )
    )
    t.story(NNA_EXPEL, "nna")
    return docs


def war_statements(t: Truth) -> list[Doc]:
    """The Brigades' English statement on Khirbet Nasr and a statement of the monitors."""
    accuse = t.event(
        "ev_svb_accuses_army_shelling",
        "ACCUSE",
        mode="allege",
        actor="svb",
        target="zna",
        actor_text="The General Command",
        target_text="the regime army",
        place="khirbet_nasr",
        date="2015-03-10",
        doc=SVB_STATEMENT_EN,
        quote=(
            "The General Command accuses the regime army of shelling homes in Khirbet Nasr on "
            "the night of 9 March 2015."
        ),
    )
    t.claim(
        "cl_svb_statement_shelling",
        source="svb",
        cue="accuses",
        content="The army shelled homes in Khirbet Nasr on the night of 9 March 2015.",
        doc=SVB_STATEMENT_EN,
        quote=accuse,
        about_event="ev_fight_khirbet_nasr",
        stance="asserts",
        kind="document",  # the statement's own words
    )
    refuse = t.event(
        "ev_svb_rejects_leaving",
        "REJECT",
        mode="yield",
        actor="svb",
        target="zna",
        actor_text="The Brigades",
        target_text="the army's",
        place="khirbet_nasr",
        date="2015-03-10",
        doc=SVB_STATEMENT_EN,
        quote="The Brigades reject the army's demand that they leave Khirbet Nasr.",
    )
    answer = t.event(
        "ev_svb_threatens_ten_shells",
        "THREATEN",
        mode="violence",
        actor="svb",
        target="zna",
        actor_text="Our fighters",
        place=None,
        date="2015-03-10",
        doc=SVB_STATEMENT_EN,
        quote="Our fighters will answer every shell with ten.",
    )
    statement = Doc(
        SVB_STATEMENT_EN,
        "txt",
        writers.text(
            [
                "SOUTHERN VALLEY BRIGADES - GENERAL COMMAND",
                "Statement No. 14 - 10 March 2015",
                "",
                accuse,
                refuse,
                answer,
                "Glory to our martyrs.",
            ]
        ),
        at(3, 10, 13),
    )

    criticise = t.event(
        "ev_jmm_criticises_two_sides",
        "ACCUSE",
        mode="disapprove",
        actor="jmm",
        target=["zna", "svb"],
        actor_text="The mission",
        target_text="the two sides",
        place="khirbet_nasr",
        date="2015-08-04",
        doc=JMM_STATEMENT,
        quote=(
            "The mission criticises the two sides for firing into the houses of Khirbet Nasr "
            "on the night of 2 August 2015."
        ),
    )
    inquiry = t.event(
        "ev_jmm_inquiry_school",
        "ACCUSE",
        mode="investigate",
        actor="jmm",
        target="zna",
        actor_text="The mission",
        target_text="the army's",
        place="khirbet_nasr",
        date="2015-08-04",
        doc=JMM_STATEMENT,
        quote="The mission has opened an inquiry into the army's shelling of the village school.",
    )
    apology = t.event(
        "ev_army_apologises_jmm",
        "CONCEDE",
        actor="zna",
        target="jmm",
        actor_text="The army",
        target_text="the mission",
        place="qasr_hamid",
        date="2015-08-04",
        doc=JMM_STATEMENT,
        quote=(
            "The army has apologised to the mission for the warning shots its soldiers fired at "
            "a patrol near Qasr Hamid on 1 August."
        ),  # an apology is a concession in words: CONCEDE
    )
    phone = t.event(
        "ev_jmm_phones_svb",
        "CONSULT",
        mode="phone",
        actor="jmm",
        target="svb",
        actor_text="Mission staff",
        place=None,
        date="2015-08-03",
        doc=JMM_STATEMENT,
        quote=(
            "Mission staff spoke by telephone with the General Command of the Southern Valley "
            "Brigades on 3 August."
        ),
    )
    spared = t.event(
        "ev_army_spares_tell_hamra",
        "ASSAULT",
        mode="heavy-weapons",
        actor="zna",
        target="svb",
        actor_text="Army artillery",
        place="tell_hamra",
        date="2015-08-01",
        doc=JMM_STATEMENT,
        negated=True,
        quote=(
            "Army artillery did not fire on Tell Hamra between 1 and 3 August, although the "
            "town lies within range of the guns that shelled Khirbet Nasr."
        ),
    )
    t.claim(
        "cl_jmm_tell_hamra_spared",
        source="jmm",
        cue="statement",
        content="The army did not shell Tell Hamra between 1 and 3 August 2015.",
        doc=JMM_STATEMENT,
        quote=spared,
        about_event="ev_army_spares_tell_hamra",
        stance="asserts",
        kind="document",
    )
    welcome = t.event(
        "ev_jmm_welcomes_road",
        "SUPPORT",
        actor="jmm",
        target="zna_south",
        actor_text="The mission",
        place="rashid_road",
        date="2015-08-04",
        doc=JMM_STATEMENT,
        quote=(
            "The mission welcomes the decision of the Southern Command to reopen the Al-Rashid "
            "road to civilian traffic."
        ),
    )
    jmm = Doc(
        JMM_STATEMENT,
        "txt",
        writers.text(
            [
                "JOINT MONITORING MISSION IN THE REPUBLIC OF ZARQAN",
                "Press statement - 4 August 2015",
                "",
                criticise,
                inquiry,
                apology,
                phone,
                spared,
                welcome,
                "",
                "Head of Mission",
            ]
        ),
        at(8, 4, 16),
    )
    return [statement, jmm]
