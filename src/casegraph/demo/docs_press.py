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
        + f"<footer>&copy; 2015 {writers.esc(name)}</footer>\n"
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
    return [*news(t), *statements(t)]


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
                    "Minister of Defence Adel Qasimi congratulated the soldiers of the Southern "
                    "Command and their commander, Brigadier General Samir Nadim Rashed.",
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
    for cid, quote, about, content in (
        (
            "cl_observer_trade",
            c_trade,
            "ev_trade_1",
            "The army and the Brigades traded fuel for grain through Amber Coast Trading.",
        ),
        (
            "cl_observer_retreat",
            c_retreat,
            "ev_withdrawal_done_wadi_sirr",
            "The Brigades moved their armour out of Wadi Sirr before the army's advance.",
        ),
        (
            "cl_observer_convoy",
            c_convoy,
            "ev_allow_passage",
            "The army let a Brigades convoy through a checkpoint on the Al-Rashid road.",
        ),
        (
            "cl_observer_port",
            c_port,
            "ev_agree_handover",
            "The army agreed in writing to hand the Port of Bahran to the Brigades.",
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
    )
    docs.append(
        Doc(
            NNA_OCT,
            "html",
            article(
                "nna",
                headline="Government spokesman: reports of deals with terrorists are lies",
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
    )
    payment = (
        "وقال قيادي في الألوية للمرصاد، طالباً عدم نشر اسمه، إن الألوية دفعت أربعين ألف دولار "
        "للعميد سمير راشد مقابل تسليم الميناء."
    )
    t.event(
        "ev_payment_rashed",
        "PAY",
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
        kind="opinion",
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
        kind="opinion",
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
        "FIGHT",
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
                    "The Minister of Defence, Adel Qasimi, thanks the officers and soldiers of "
                    "the Southern Command for their courage.",
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
        "OCCUPY",
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
        "The mission will ask both parties for their records of the period. The ZNA did not "
        "answer the mission's questions before this report was issued.",
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
