"""The Brigades' internal papers: orders, situation reports, memos, briefings."""

from __future__ import annotations

from . import legacy, writers
from .model import Doc, Truth, at, member

HADI_SIG = ["Tariq Salim al-Hadi", "Commander, Southern Valley Brigades"]

ORDER_41_DOCX = "command/orders/2015-05-12_order_41_wadi_sirr.docx"
ORDER_41_DRAFT = "command/orders/2015-05-12_order_41_wadi_sirr_DRAFT.txt"
ORDER_41_AR = "command/orders/2015-05-12_order_41_wadi_sirr_ar.txt"
CONVOY_REQUEST_DOC = "command/orders/2015-07-03_convoy_request.doc"
BAHRAN_TERMS = "command/orders/2015-09-15_bahran_terms_PROTECTED.pdf"
BAHRAN_ORDER = "command/orders/2015-09-18_order_77_bahran.pdf"
REGISTER = "command/orders/orders_register_2015.xml"
STANDING = "command/orders/standing_orders_2015.odt"
RECEIPT_SCAN = "command/orders/scans/2015-05-13_receipt_order_41.png"
ORDER_SCAN_PDF = "command/orders/scans/2015-05-13_order_41_scan.pdf"
MEMO_FUEL = "command/memos/2015-02-02_memo_fuel_for_grain.pdf"
MEETING_NOTE = "command/memos/2015-01-21_note_meeting_bahran.txt"
MEMO_CONVOY = "command/memos/2015-06-30_memo_convoy.rtf"
MEMO_PAYMENTS = "command/memos/2015-04-20_memo_commission_DRAFT.docx"
MEMO_BAHRAN_SCAN = "command/memos/2015-09-18_memo_bahran_scan.jpg"
BRIEF_PPTX = "command/briefings/campaign_brief_2015.pptx"
SECTOR_ODP = "command/briefings/southern_sector_q2_2015.odp"
CONVOY_PPT = "command/briefings/convoy_plan_2015-07.ppt"
MEMO_ARMOUR = "command/memos/2015-05-13_memo_armour_out.txt"
MINUTES_AUG = "command/memos/2015-08-10_minutes_bahran_meeting.docx"
SITREP_AUG = "command/sitreps/sitrep_2015-08-25.txt"
NOTE_ACT = "command/memos/2015-10-16_note_amber_coast.txt"
GENERAL_COMMAND = "SOUTHERN VALLEY BRIGADES - GENERAL COMMAND"


def build(t: Truth) -> list[Doc]:
    return [
        *orders(t),
        *sitreps(t),
        *memos(t),
        *briefings(t),
        *field_orders(t),
    ]


# -- orders --------------------------------------------------------------------


def orders(t: Truth) -> list[Doc]:
    docs = []

    retreat = t.event(
        "ev_order_withdraw_wadi_sirr",
        "RETREAT",
        mode="withdraw",
        actor="svb",
        target="zna",
        place="wadi_sirr",
        date="2015-05-12",
        doc=ORDER_41_DOCX,
        status="ordered",
        hypothetical=True,  # ordered, not yet done when written
        quote=(
            "All tanks, armoured vehicles and heavy guns of the Southern Valley Brigades are "
            "to leave Wadi Sirr district by midnight on 16 May 2015, before the army's advance."
        ),
    )
    blocks: list[writers.Block] = [
        ("h", "Southern Valley Brigades - General Command"),
        "ألوية الوادي الجنوبي - القيادة العامة",
        "Order No. 41/2015",
        "Date: 12 May 2015",
        "Classification: SECRET - commanders only",
        "To: Commander, Wadi Sirr Sector; Commander, Armoured Battalion; Quartermaster Omar Fadel",
        "Subject: Withdrawal of heavy equipment from Wadi Sirr district",
        f"1. {retreat}",
        "2. The equipment will move by night along the eastern track to Tell Hamra. "
        "No unit is to use the Al-Rashid road.",
        "3. Infantry will stay in their positions until 17 May and will then fall back "
        "without engaging, leaving light weapons only.",
        "4. This movement follows the understanding reached with the army's Southern Command "
        "through our friends at Amber Coast. No unit is to open fire on army columns entering "
        "the district.",
        "5. Commanders will confirm in writing when the last vehicle has left.",
        *HADI_SIG,
    ]
    docs.append(
        Doc(
            ORDER_41_DOCX,
            "docx",
            writers.docx(
                blocks, title="Order No. 41/2015", author="Tariq al-Hadi", when=at(5, 12, 7)
            ),
            at(5, 12, 7),
        )
    )

    docs.append(
        Doc(
            ORDER_41_DRAFT,
            "txt",
            writers.text(
                [
                    "DRAFT - NOT FOR DISTRIBUTION",
                    "",
                    "Southern Valley Brigades - General Command",
                    "Order No. 41/2015 (draft 2, 11 May 2015)",
                    "",
                    "Subject: Withdrawal of heavy equipment from Wadi Sirr district",
                    "",
                    "1. All tanks and heavy guns are to be out of Wadi Sirr by midnight on "
                    "15 May 2015.",
                    "   [Fadel: 15 May is too tight for the armoured battalion, ask for 16 May.]",
                    "2. Move by night to Tell Hamra. Do not use the Al-Rashid road.",
                    "3. Infantry to remain until 17 May, then fall back without a fight.",
                    "4. The Southern Command has been told the same dates through Amber Coast.",
                    "   [al-Hadi: do not name Amber Coast in the final order. Say 'our friends'.]",
                    "",
                    "For signature: Tariq al-Hadi, the commander",
                ]
            ),
            at(5, 11, 22),
        )
    )

    docs.append(
        Doc(
            ORDER_41_AR,
            "txt",
            writers.text(
                [
                    "ألوية الوادي الجنوبي - القيادة العامة",
                    "أمر رقم 41/2015",
                    "التاريخ: 12 أيار/مايو 2015",
                    "سري - للقادة فقط",
                    "",
                    "الموضوع: سحب المعدات الثقيلة من منطقة وادي السر",
                    "",
                    "1. تغادر جميع الدبابات والمدرعات والمدافع الثقيلة التابعة لألوية الوادي "
                    "الجنوبي منطقة وادي السر قبل منتصف ليل 16 أيار/مايو 2015، أي قبل تقدم الجيش.",
                    "2. تتحرك المعدات ليلاً عبر الطريق الشرقي إلى تل حمرا، ولا تستخدم أي وحدة "
                    "طريق الرشيد.",
                    "3. لا تطلق أي وحدة النار على أرتال الجيش الداخلة إلى المنطقة.",
                    "",
                    "القائد طارق سليم الهادي",
                ]
            ),
            at(5, 12, 7, 30),
            language="ar",
        )
    )

    t.event(
        "ev_request_passage",
        "REQUEST",
        mode="yield",
        actor="svb",
        target="zna",
        place="rashid_road",
        date="2015-07-03",
        doc=CONVOY_REQUEST_DOC,
        quote=legacy.REQUEST_SENTENCE,
        requested="RETREAT",
        requested_mode="access",
        via="act",
    )
    docs.append(Doc(CONVOY_REQUEST_DOC, "doc", legacy.asset("sample.doc"), at(7, 3, 11)))

    terms = [
        ("h", "Terms for the transfer of the Port of Bahran"),
        "Between the Southern Command of the National Army and the General Command of the "
        "Southern Valley Brigades, through Amber Coast Trading Company.",
        "1. The army withdraws all units from the Port of Bahran on the night of 19 to 20 "
        "September 2015.",
        "2. The Brigades enter the port at 06:00 on 20 September 2015 and do not pursue the "
        "withdrawing units.",
        "3. Cranes, fuel tanks and the grain terminal are handed over undamaged.",
        "4. Grain shipments from the port to Sadiya continue under the fuel for grain account.",
        "5. Neither side will speak of this arrangement in public.",
    ]
    docs.append(
        Doc(
            BAHRAN_TERMS,
            "pdf",
            writers.pdf(
                terms,
                title="Bahran terms",
                author="Amber Coast Trading",
                when=at(9, 15, 16),
                header="STRICTLY CONFIDENTIAL",
                password="bahran2015",
            ),
            at(9, 15, 16),
            flags={"encrypted": True, "password": "bahran2015"},
        )
    )

    inventory_csv = writers.csv_bytes(
        [
            ["item", "location", "quantity", "condition"],
            ["Harbour crane", "Quay 1", 2, "working"],
            ["Harbour crane", "Quay 3", 1, "needs repair"],
            ["Fuel tank (diesel)", "Tank farm", 4, "about 60 per cent full"],
            ["Grain silo", "Grain terminal", 6, "working"],
            ["Tug boat", "Inner basin", 1, "working"],
            ["Forklift", "Warehouse B", 9, "working"],
        ]
    )
    inventory = Doc(
        member(BAHRAN_ORDER, "bahran_inventory_2015-09-18.csv"), "csv", inventory_csv, at(9, 18, 8)
    )
    order_77 = [
        ("h", "Southern Valley Brigades - General Command"),
        "Order No. 77/2015 - 18 September 2015 - SECRET",
        "Subject: Entry into the Port of Bahran",
        "1. Units of the Brigades will take over the Port of Bahran from the army at 06:00 on "
        "20 September 2015.",
        "2. The Bahran Battalion enters by Gate 2 on the Al-Rashid road. The Coast Company "
        "enters by the fishing harbour.",
        "3. No unit will fire on army vehicles leaving the port on the night of 19 September. "
        "Any unit that does so will answer to the commander personally.",
        ("page",),
        ("h", "Annex A - Handover of equipment"),
        "The cranes, the fuel tanks and the grain terminal are to be taken over intact. The "
        "inventory agreed with the army is attached to this file.",
        "The quartermaster, Omar Fadel, will sign for the equipment with the army's liaison "
        "officer at the harbour master's office.",
        (
            "table",
            [
                ["Unit", "Entry point", "Time"],
                ["Bahran Battalion", "Gate 2", "06:00"],
                ["Coast Company", "Fishing harbour", "06:30"],
                ["Quartermaster's section", "Harbour master's office", "07:00"],
            ],
        ),
        ("page",),
        ("h", "Annex B - Public line"),
        "In public, the entry into Bahran is to be described as a victory of our fighters. "
        "No commander is to mention the army's withdrawal timetable or Amber Coast.",
        *HADI_SIG,
    ]
    docs.append(
        Doc(
            BAHRAN_ORDER,
            "pdf",
            writers.pdf(
                order_77,
                title="Order No. 77/2015",
                author="General Command",
                when=at(9, 18, 9),
                header="SECRET",
                attachments=[
                    writers.PdfAttachment(
                        inventory.name, inventory.data, "Inventory agreed with the army"
                    )
                ],
            ),
            at(9, 18, 9),
            children=[inventory],
        )
    )

    register = [
        (
            "12/2015",
            "2015-02-01",
            "Arrangement with Amber Coast Trading",
            "Quartermaster to hand grain from Jabal Umran to Amber Coast Trading against army "
            "fuel delivered at Ras Kadir.",
        ),
        (
            "19/2015",
            "2015-03-08",
            "Positions at Khirbet Nasr",
            "Sector commander to hold Khirbet Nasr and to answer any army attack.",
        ),
        (
            "41/2015",
            "2015-05-12",
            "Withdrawal of heavy equipment from Wadi Sirr district",
            "Tanks and heavy guns to leave Wadi Sirr for Tell Hamra before 17 May.",
        ),
        (
            "55/2015",
            "2015-07-03",
            "Convoy to the coast",
            "Convoy of 22 trucks to travel on the Al-Rashid road on the night of 4 to 5 July.",
        ),
        (
            "77/2015",
            "2015-09-18",
            "Entry into the Port of Bahran",
            "Units of the Brigades will take over the Port of Bahran from the army at 06:00 on "
            "20 September 2015.",
        ),
    ]
    root = writers.xml_element(
        "orders_register",
        [
            writers.xml_element(
                "order",
                [
                    writers.xml_element("subject", subject),
                    writers.xml_element("issued_by", "Tariq Salim al-Hadi"),
                    writers.xml_element("summary", summary),
                ],
                number=number,
                date=date,
                classification="SECRET",
            )
            for number, date, subject, summary in register
        ],
        unit="Southern Valley Brigades - General Command",
        year="2015",
    )
    docs.append(Doc(REGISTER, "xml", writers.xml_bytes(root), at(9, 30, 12)))

    standing = [
        ("h", "Standing orders of the Southern Valley Brigades, 2015"),
        "1. Contact with officers of the army is forbidden except through Amber Coast Trading, "
        "and only by the quartermaster or the commander.",
        "2. At army checkpoints, convoys of the Brigades show the pass issued by the "
        "quartermaster and do not stop to talk.",
        "3. Fighters do not speak to journalists. Statements are issued only by the General "
        "Command.",
        "4. Fuel received through the fuel for grain account is for vehicles and generators only "
        "and is never to be sold in the markets.",
        "يمنع الاتصال بضباط الجيش إلا عن طريق شركة الساحل العنبري للتجارة.",
        "لا يتحدث المقاتلون إلى الصحفيين.",
    ]
    docs.append(
        Doc(
            STANDING,
            "odt",
            writers.odt(
                standing, title="Standing orders 2015", author="General Command", when=at(1, 5, 10)
            ),
            at(1, 5, 10),
        )
    )

    receipt_lines = [
        "SOUTHERN VALLEY BRIGADES",
        "Armoured Battalion - Receipt of orders",
        "",
        "Order No. 41/2015 received on 13 May 2015 at 06:40.",
        "Fourteen tanks and nine heavy guns will move tonight",
        "to Tell Hamra by the eastern track.",
        "No vehicle will use the Al-Rashid road.",
        "",
        "Signed: commander, Armoured Battalion",
    ]
    receipt_png = writers.scan_image(receipt_lines, stamp="SECRET")
    docs.append(
        Doc(
            RECEIPT_SCAN,
            "png",
            receipt_png,
            at(5, 13, 7),
            flags={"image_only": True, "ocr_text": "\n".join(receipt_lines), "stamp": "SECRET"},
        )
    )

    scan_lines = [
        "SOUTHERN VALLEY BRIGADES - GENERAL COMMAND",
        "Order No. 41/2015 - 12 May 2015",
        "",
        "Withdrawal of heavy equipment from Wadi Sirr district.",
        "All tanks, armoured vehicles and heavy guns",
        "to leave Wadi Sirr by midnight on 16 May 2015.",
        "",
        "Tariq Salim al-Hadi",
    ]
    order_png = writers.scan_image(scan_lines, stamp="COPY 3")
    docs.append(
        Doc(
            ORDER_SCAN_PDF,
            "pdf",
            writers.image_only_pdf(order_png, title="scan0041", when=at(5, 13, 8)),
            at(5, 13, 8),
            flags={"image_only": True, "ocr_text": "\n".join(scan_lines), "stamp": "COPY 3"},
        )
    )
    return docs


# -- situation reports ------------------------------------------------------------


def _sitrep(period: str, date: str, sections: list[tuple[str, list[str]]]) -> bytes:
    lines = [
        "SOUTHERN VALLEY BRIGADES - SOUTHERN SECTOR",
        "WEEKLY SITUATION REPORT",
        f"Period: {period}",
        f"Date: {date}",
        "From: Sector headquarters",
        "To: General Command",
        "Classification: SECRET",
        "",
    ]
    for number, (title, paragraphs) in enumerate(sections, start=1):
        lines.append(f"{number}. {title}")
        lines.extend(paragraphs)
        lines.append("")
    lines.append("End of report.")
    return writers.text(lines)


SITREP_FEB = "command/sitreps/sitrep_2015-02-17.txt"
SITREP_MAR = "command/sitreps/sitrep_2015-03-10.txt"
SITREP_APR = "command/sitreps/sitrep_2015-04-12.txt"
SITREP_MAY = "command/sitreps/sitrep_2015-05-19.txt"
SITREP_JUL = "command/sitreps/sitrep_2015-07-06.txt"
SITREP_SEP = "command/sitreps/sitrep_2015-09-21.txt"


def sitreps(t: Truth) -> list[Doc]:
    docs = []

    trade1 = t.event(
        "ev_trade_1",
        "COOPERATE",
        actor="zna",
        target="svb",
        place="ras_kadir",
        date="2015-02-16",
        doc=SITREP_FEB,
        via="act",
        quote=(
            "On 16 February 2015 Amber Coast Trading handed 300 tonnes of army diesel to our "
            "quartermaster at Ras Kadir in exchange for 450 tonnes of wheat from the Jabal Umran "
            "silos."
        ),
    )
    docs.append(
        Doc(
            SITREP_FEB,
            "txt",
            _sitrep(
                "10-16 February 2015",
                "17 February 2015",
                [
                    (
                        "LOGISTICS",
                        [
                            f"{trade1} This was the first exchange under the fuel for grain "
                            "arrangement.",
                            "The exchange took four hours. The army guard at the refinery gate "
                            "did not check our trucks.",
                        ],
                    ),
                    (
                        "OPERATIONS",
                        [
                            "Quiet along the Wadi Sirr line. Two army drones were seen over "
                            "Khirbet Nasr.",
                        ],
                    ),
                    (
                        "REQUESTS",
                        ["Sector asks for 40 more jerrycans and two fuel pumps for Tell Hamra."],
                    ),
                ],
            ),
            at(2, 17, 18),
        )
    )

    fight = t.event(
        "ev_fight_khirbet_nasr",
        "ASSAULT",
        mode="heavy-weapons",
        actor="zna",
        target="svb",
        place="khirbet_nasr",
        date="2015-03-09",
        doc=SITREP_MAR,
        quote=(
            "The army shelled our positions at Khirbet Nasr on the night of 9 March 2015 and "
            "an infantry company tried to enter the village from the west."
        ),
    )
    casualties = t.claim(
        "cl_svb_casualties_khirbet_nasr",
        source="svb",
        cue="reported",
        content="Three Brigades fighters were wounded and none killed at Khirbet Nasr.",
        doc=SITREP_MAR,
        quote="Three of our fighters were wounded and none were killed.",
        about_event="ev_fight_khirbet_nasr",
        stance="asserts",
        kind="document",
    )
    docs.append(
        Doc(
            SITREP_MAR,
            "txt",
            _sitrep(
                "3-9 March 2015",
                "10 March 2015",
                [
                    (
                        "OPERATIONS",
                        [
                            f"{fight} Our fighters held the village until the attack stopped at "
                            "04:00.",
                            casualties,
                            "This fighting was not part of any arrangement. The sector commander "
                            "asks the General Command to raise it with Amber Coast.",
                        ],
                    ),
                    (
                        "LOGISTICS",
                        [
                            "Diesel from the first exchange is almost used up. Second exchange "
                            "expected in mid-March."
                        ],
                    ),
                ],
            ),
            at(3, 10, 17),
        )
    )

    docs.append(
        Doc(
            SITREP_APR,
            "txt",
            _sitrep(
                "6-12 April 2015",
                "12 April 2015",
                [
                    (
                        "LOGISTICS",
                        [
                            "The third exchange at Ras Kadir was completed on 11 April 2015. "
                            "The figures are in the quartermaster's shipment list.",
                            "The army asked for barley as well as wheat this time. Amber Coast "
                            "says the ministry in Sadiya is short of animal feed.",
                        ],
                    ),
                    ("OPERATIONS", ["No contact with the army this week."]),
                ],
            ),
            at(4, 12, 19),
        )
    )

    done = t.event(
        "ev_withdrawal_done_wadi_sirr",
        "RETREAT",
        mode="withdraw",
        actor="svb",
        target="zna",
        place="wadi_sirr",
        date="2015-05-15",
        doc=SITREP_MAY,
        status="done",
        quote=(
            "All fourteen tanks and nine heavy guns reached Tell Hamra on 15 May 2015, three "
            "days before the army entered Wadi Sirr."
        ),
    )
    docs.append(
        Doc(
            SITREP_MAY,
            "txt",
            _sitrep(
                "13-19 May 2015",
                "19 May 2015",
                [
                    (
                        "OPERATIONS",
                        [
                            done,
                            "Infantry left Wadi Sirr on the night of 17 May. No shots were fired "
                            "when the army columns arrived on 18 May.",
                            "The army's radio announced a great battle. Our men listened to it in "
                            "Tell Hamra.",
                        ],
                    ),
                    (
                        "LOSSES",
                        ["None. One truck broke down on the eastern track and was towed."],
                    ),
                ],
            ),
            at(5, 19, 20),
        )
    )

    passage = t.event(
        "ev_allow_passage",
        "RETREAT",
        mode="access",
        actor="zna",
        target="svb",
        place="qasr_hamid",
        date="2015-07-05",
        doc=SITREP_JUL,
        quote=(
            "The convoy of 22 trucks crossed the army checkpoint at Qasr Hamid at 05:10 on 5 "
            "July 2015 and was not searched."
        ),
    )
    docs.append(
        Doc(
            SITREP_JUL,
            "txt",
            _sitrep(
                "30 June-6 July 2015",
                "6 July 2015",
                [
                    (
                        "LOGISTICS",
                        [
                            passage,
                            "The soldiers at the roadblock lifted the barrier as soon as they "
                            "saw the quartermaster's pass. The trucks reached the coast at "
                            "08:30.",
                        ],
                    ),
                    (
                        "OPERATIONS",
                        ["Quiet. The army has thinned its posts on the Al-Rashid road."],
                    ),
                ],
            ),
            at(7, 6, 18),
        )
    )

    # Coded RETREAT (return) rather than CONCEDE: the army physically gave up the port,
    # its gates and its equipment, which PLOVER counts as material cooperation; CONCEDE
    # is for verbal yielding (admitting, giving in to a demand in words).
    handover = t.event(
        "ev_handover_bahran",
        "RETREAT",
        mode="return",
        actor="zna",
        target="svb",
        place="bahran",
        date="2015-09-20",
        doc=SITREP_SEP,
        quote=(
            "Our units entered the Port of Bahran at 06:00 on 20 September 2015 and the army "
            "handed over the gates, the cranes and the fuel tanks without a shot being fired."
        ),
    )
    docs.append(
        Doc(
            SITREP_SEP,
            "txt",
            _sitrep(
                "15-21 September 2015",
                "21 September 2015",
                [
                    (
                        "OPERATIONS",
                        [
                            handover,
                            "The last army trucks left by the Al-Rashid road at 03:30. The "
                            "liaison officer of the Southern Command stayed until the inventory "
                            "was signed.",
                        ],
                    ),
                    (
                        "PUBLIC LINE",
                        [
                            "Our media office has announced the liberation of Bahran by force, "
                            "as ordered."
                        ],
                    ),
                ],
            ),
            at(9, 21, 19),
        )
    )
    return docs


# -- memos ---------------------------------------------------------------------


def memos(t: Truth) -> list[Doc]:
    docs = []

    agree = t.event(
        "ev_agree_fuel_for_grain",
        "AGREE",
        actor="zna",
        target="svb",
        place="bahran",
        date="2015-01-20",
        doc=MEETING_NOTE,
        via="act",
        quote=(
            "The colonel said that the general agrees to fuel for grain: the army will release "
            "diesel at Ras Kadir every month and Amber Coast will carry our wheat to Sadiya."
        ),
    )
    hold_fire = t.event(
        "ev_request_hold_fire_refinery_road",
        "REQUEST",
        mode="yield",
        actor="zna",
        target="svb",
        actor_text="The colonel",
        target_text="our units",
        place="ras_kadir",
        date="2015-01-20",
        doc=MEETING_NOTE,
        quote="The colonel asked that our units do not fire on the refinery road on exchange days.",
    )
    docs.append(
        Doc(
            MEETING_NOTE,
            "txt",
            writers.text(
                [
                    "Note for the commander - meeting in Bahran, 20 January 2015",
                    "Written by: Omar Fadel, quartermaster",
                    "",
                    "Present: Karim Haddad (Amber Coast Trading), a colonel of the Southern "
                    "Command who did not give his name, myself.",
                    "",
                    agree,
                    "Haddad will take four per cent of the value of each exchange as his "
                    "commission.",
                    f"{hold_fire} I agreed on your behalf.",
                    "Next meeting: after the first exchange, in mid-February.",
                    "",
                    "O. F.",
                ]
            ),
            at(1, 21, 8, 15),
        )
    )

    memo_fuel = writers.pdf(
        [
            ("h", "Memorandum"),
            "From: Omar Fadel, quartermaster",
            "To: Tariq Salim al-Hadi, commander",
            "Date: 2 February 2015",
            "Subject: Fuel for grain - how the exchanges will work",
            "1. Under the arrangement agreed with the army's Southern Command on 20 January "
            "2015, Amber Coast Trading will deliver army fuel to us each month and take our "
            "grain in return.",
            "2. The fuel is drawn from the army depot at the Ras Kadir refinery. Our trucks "
            "collect it at the refinery gate; the army guard has the list of our plates.",
            "3. The grain comes from the Jabal Umran silos. Amber Coast carries it to Sadiya "
            "in its own trucks, so that no vehicle of ours enters government areas.",
            ("page",),
            ("h", "Quantities"),
            "4. For the first exchange, on or about 16 February, Amber Coast proposes 300 "
            "tonnes of diesel against 450 tonnes of wheat. Later exchanges will follow the "
            "market price in Sadiya.",
            "5. Amber Coast's commission is four per cent, paid in wheat or in cash.",
            ("h", "Risks"),
            "6. If the arrangement becomes known, both sides will deny it. Our fighters must "
            "not learn where the diesel comes from.",
            "7. I recommend that only the commander, the sector commander and I know the "
            "dates of the exchanges.",
            "O. Fadel",
        ],
        title="Fuel for grain",
        author="Omar Fadel",
        when=at(2, 2, 10),
        header="SECRET - commander only",
    )
    docs.append(Doc(MEMO_FUEL, "pdf", memo_fuel, at(2, 2, 10)))

    will_agree = t.event(
        "ev_general_would_agree_convoy",
        "AGREE",
        actor="rashed",
        target="svb",
        actor_text="the general",
        place="rashid_road",
        date="2015-06-30",
        doc=MEMO_CONVOY,
        via="act",
        hypothetical=True,  # "will agree if ..."
        quote="Haddad says the general will agree if the fuel for grain account stays open.",
    )
    t.claim(
        "cl_haddad_general_will_agree",
        source="haddad",
        source_text="Haddad",
        cue="says",
        content="General Rashed will let the convoy pass if the fuel for grain account stays open.",
        doc=MEMO_CONVOY,
        quote=will_agree,
        about_event="ev_general_would_agree_convoy",
        stance="asserts",
        kind="indirect",
    )
    convoy_memo = [
        ("h", "Memo: convoy to the coast"),
        "From the quartermaster to the commander, 30 June 2015.",
        "We have 22 trucks of wheat, flour and spare parts waiting at Jabal Umran. The only "
        "road to the coast is the Al-Rashid road, which the army closes with roadblocks every "
        "night.",
        "I propose to ask the army, through Karim Haddad, to let the convoy pass on the night "
        f"of 4 to 5 July. {will_agree}",
        "أقترح أن نطلب من الجيش عبر كريم حداد السماح بمرور القافلة على طريق الرشيد.",
        "The commander's answer is written below.",
        "Approved. Send the request. T. H.",
    ]
    docs.append(
        Doc(
            MEMO_CONVOY,
            "rtf",
            writers.rtf(convoy_memo, title="Convoy", author="Omar Fadel", when=at(6, 30, 14)),
            at(6, 30, 14),
        )
    )

    draft = [
        ("h", "DRAFT - Commission to Amber Coast Trading"),
        "Status: draft for the commander, not approved",
        "Amber Coast has asked to raise its commission from four to six per cent because the "
        "army's officers at Ras Kadir now want a share.",
        "Second exchange (14 March): commission paid, 24 tonnes of wheat.",
        "Third exchange (11 April): commission not yet paid.",
        "Proposal: pay five per cent, in cash, and ask Haddad which officers are being paid.",
        "هذه مسودة ولم تتم الموافقة عليها بعد.",
    ]
    docs.append(
        Doc(
            MEMO_PAYMENTS,
            "docx",
            writers.docx(draft, title="DRAFT commission", author="Omar Fadel", when=at(4, 20, 15)),
            at(4, 20, 15),
            flags={"draft": True},
        )
    )

    bahran_lines = [
        "MEMO - 18 September 2015",
        "To: Bahran Battalion",
        "",
        "Do not touch the cranes or the fuel tanks.",
        "Do not fire on army trucks leaving the port",
        "on the night of 19 September.",
        "The quartermaster signs for all equipment.",
        "",
        "By order of the commander",
    ]
    docs.append(
        Doc(
            MEMO_BAHRAN_SCAN,
            "jpg",
            writers.scan_image(bahran_lines, fmt="JPEG", stamp="SECRET"),
            at(9, 18, 12),
            flags={"image_only": True, "ocr_text": "\n".join(bahran_lines), "stamp": "SECRET"},
        )
    )
    return docs


# -- briefings -------------------------------------------------------------------


def briefings(t: Truth) -> list[Doc]:
    docs = []
    slides = [
        (
            "Public line",
            [
                "No contact of any kind with the regime army",
                "Every withdrawal is announced as a redeployment",
                "The Brigades fight on every front",
            ],
        ),
        (
            "Fuel for grain: February to April",
            [
                "Three exchanges at the Ras Kadir refinery",
                "1,220 tonnes of diesel and 40 tonnes of petrol received from army stocks",
                "1,750 tonnes of wheat and barley delivered from Jabal Umran",
                "Amber Coast commission: four per cent",
            ],
        ),
        (
            "Wadi Sirr",
            [
                "Army advance expected on 18 May",
                "Heavy equipment to Tell Hamra before 17 May (Order 41/2015)",
                "No fighting with army columns",
            ],
        ),
        (
            "Next steps",
            [
                "Convoy to the coast in July",
                "Port of Bahran: talks through Amber Coast",
            ],
        ),
    ]
    docs.append(
        Doc(
            BRIEF_PPTX,
            "pptx",
            writers.pptx(
                slides,
                title="Campaign brief, spring 2015",
                author="General Command",
                when=at(5, 2, 10),
            ),
            at(5, 2, 10),
        )
    )

    sector = [
        (
            "Southern sector, April to June 2015",
            [
                "Wadi Sirr handed to the army without losses on 18 May",
                "Tell Hamra now holds the armoured battalion",
                "Khirbet Nasr: shelling continues, three wounded in March",
            ],
        ),
        (
            "Supplies",
            [
                "Diesel: enough for six weeks",
                "Wheat stocks at Jabal Umran: 2,300 tonnes",
                "Next fuel for grain exchange: July",
            ],
        ),
        (
            "القطاع الجنوبي",
            [
                "لا اشتباكات مع الجيش في وادي السر",
                "الوقود يكفي ستة أسابيع",
            ],
        ),
    ]
    docs.append(
        Doc(
            SECTOR_ODP,
            "odp",
            writers.odp(
                sector,
                title="Southern sector Q2 2015",
                author="Sector headquarters",
                when=at(6, 28, 16),
            ),
            at(6, 28, 16),
        )
    )

    docs.append(Doc(CONVOY_PPT, "ppt", legacy.asset("sample.ppt"), at(7, 3, 11)))
    return docs


# -- orders in the imperative, a private meeting, a suspension ----------------------------


def field_orders(t: Truth) -> list[Doc]:
    """Papers whose orders name no actor: the letterhead says who gives them."""
    docs = []

    # The General Command issues these orders: its letterhead is the source.
    ordered = {
        "status": "ordered",
        "hypothetical": True,
        "actor": "svb",
        "actor_from": "letterhead",
        "doc": MEMO_ARMOUR,
    }
    armour = t.event(
        "ev_memo_armour_out",
        "RETREAT",
        mode="withdraw",
        target="zna",
        place="wadi_sirr",
        date="2015-05-15",
        quote="Move all armour out of the district by Friday.",
        **ordered,
    )
    hold = t.event(
        "ev_memo_do_not_fire",
        "ASSAULT",
        mode="firearms",
        target="zna",
        target_text="army columns",
        place="wadi_sirr",
        date="2015-05-18",
        negated=True,
        quote="Do not fire on army columns entering Wadi Sirr.",
        **ordered,
    )
    mortars = t.event(
        "ev_memo_mortars_khirbet_nasr",
        "MOBILIZE",
        mode="weapons",
        target=None,
        place="khirbet_nasr",
        date="2015-05-13",
        quote=(
            "Send the two mortar teams from Tell Hamra to Khirbet Nasr tonight and keep them "
            "on alert."
        ),
        **ordered,
    )
    release = t.event(
        "ev_memo_release_soldiers",
        "RETREAT",
        mode="release",
        target="zna",
        place="qasr_hamid",
        date="2015-05-14",
        via="act",
        quote=(
            "Hand the two soldiers captured at Khirbet Nasr in March to Amber Coast at the Qasr "
            "Hamid checkpoint on Thursday."
        ),
        **ordered,
    )
    docs.append(
        Doc(
            MEMO_ARMOUR,
            "txt",
            writers.text(
                [
                    GENERAL_COMMAND,
                    "Memo - 13 May 2015 - SECRET",
                    "To: Commander, Armoured Battalion; Commander, Khirbet Nasr Sector",
                    "Subject: Carrying out Order No. 41/2015 in Wadi Sirr district",
                    "",
                    f"1. {armour}",
                    f"2. {hold}",
                    f"3. {mortars}",
                    f"4. {release}",
                    "5. Report each step to the General Command by radio.",
                    "",
                    "For the commander",
                ]
            ),
            at(5, 13, 6),
        )
    )

    # 10 August: the liaison officer and the quartermaster meet at Amber Coast's office.
    met = t.event(
        "ev_awad_meets_fadel",
        "CONSULT",
        mode="third-party",
        actor="awad",
        target="fadel",
        target_text="the quartermaster",
        place="bahran",
        date="2015-08-10",
        doc=MINUTES_AUG,
        via="act",
        quote=(
            "Captain Nizar Awad met the quartermaster at Amber Coast's office in the port, with "
            "Karim Haddad in the chair."
        ),
    )
    # Announced pull-backs are CONCEDE and promises AGREE: PLOVER codes the intent itself.
    admitted = t.event(
        "ev_awad_announces_pull_back",
        "CONCEDE",
        actor="awad",
        target="svb",
        actor_text="The captain",
        place="khirbet_nasr",
        date="2015-08-10",
        doc=MINUTES_AUG,
        quote=(
            "The captain said that the battery which shelled Khirbet Nasr on 2 August will be "
            "pulled back to Sadiya."
        ),
    )
    t.claim(
        "cl_awad_battery_pulled_back",
        source="awad",
        source_text="The captain",
        cue="said",
        content="The battery that shelled Khirbet Nasr on 2 August will be pulled back to Sadiya.",
        doc=MINUTES_AUG,
        quote=admitted,
        about_event="ev_awad_announces_pull_back",
        stance="asserts",
        kind="indirect",
    )
    medicine = t.event(
        "ev_army_promises_medicine",
        "AGREE",
        actor="zna",
        target="svb",
        actor_text="The army",
        target_text="the Brigades",
        place="tell_hamra",
        date="2015-08-10",
        doc=MINUTES_AUG,
        via="act",
        quote=(
            "The army will send two truckloads of medicine to the clinic of the Brigades in "
            "Tell Hamra through Amber Coast before the end of the month."
        ),
    )
    pull_back = t.event(
        "ev_mortars_pull_back",
        "CONCEDE",
        actor="svb",
        target="zna",
        actor_text="the quartermaster",
        place="khirbet_nasr",
        date="2015-08-10",
        doc=MINUTES_AUG,
        quote=(
            "In return, the quartermaster will keep the mortar teams away from the edge of "
            "Khirbet Nasr."
        ),
    )
    docs.append(
        Doc(
            MINUTES_AUG,
            "docx",
            writers.docx(
                [
                    ("h", "Minutes - meeting in the Port of Bahran, 10 August 2015"),
                    "Written by: Omar Fadel, quartermaster",
                    met,
                    admitted,
                    medicine,
                    pull_back,
                    "Next exchange of fuel for grain: September, at Ras Kadir.",
                    "O. F.",
                ],
                title="Minutes 10 August 2015",
                author="Omar Fadel",
                when=at(8, 10, 18),
            ),
            at(8, 10, 18),
        )
    )

    quiet = t.event(
        "ev_army_no_shelling_august",
        "ASSAULT",
        mode="heavy-weapons",
        actor="zna",
        target="svb",
        actor_text="The army",
        place="khirbet_nasr",
        date="2015-08-24",
        doc=SITREP_AUG,
        negated=True,
        quote="The army did not shell Khirbet Nasr this week, as the captain had promised.",
    )
    delivered = t.event(
        "ev_army_medicine_delivered",
        "AID",
        actor="zna",
        target="svb",
        target_text="our clinic",
        place="tell_hamra",
        date="2015-08-24",
        doc=SITREP_AUG,
        via="act",
        quote=(
            "Two trucks of medicine from army stores reached our clinic in Tell Hamra on 24 "
            "August 2015 through Amber Coast."
        ),
    )
    docs.append(
        Doc(
            SITREP_AUG,
            "txt",
            _sitrep(
                "18-24 August 2015",
                "25 August 2015",
                [
                    ("OPERATIONS", [quiet, "The mortar teams are back in Tell Hamra."]),
                    ("LOGISTICS", [delivered, "The clinic's generator needs a new pump."]),
                ],
            ),
            at(8, 25, 18),
        )
    )

    suspended = t.event(
        "ev_svb_suspends_amber_coast",
        "SANCTION",
        mode="discontinue",
        actor="svb",
        target="act",
        actor_text="The General Command",
        place=None,
        date="2015-10-16",
        doc=NOTE_ACT,
        quote="The General Command suspends all business with Amber Coast Trading from today.",
    )
    docs.append(
        Doc(
            NOTE_ACT,
            "txt",
            writers.text(
                [
                    GENERAL_COMMAND,
                    "Note to the quartermaster - 16 October 2015",
                    "",
                    suspended,
                    "Keep every paper about the exchanges in the safe.",
                    "Answer no questions from journalists.",
                    "",
                    "T. H.",
                ]
            ),
            at(10, 16, 9),
        )
    )
    return docs
