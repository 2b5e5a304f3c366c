"""Archives: the handover file, logistics, field-office backup, old reports, notes."""

from __future__ import annotations

from . import writers
from .model import Doc, Truth, at, member

HANDOVER_ZIP = "handover_2015.zip"
PORT_TGZ = member(HANDOVER_ZIP, "backup/port_office_2015.tar.gz")
LOGISTICS_TGZ = "logistics_2015.tar.gz"
FIELD_7Z = "backup/field_office_2015.7z"
FIELD_MAIL_ZIP = member(FIELD_7Z, "field/mail_export_2015-09.zip")
OLD_SITREPS = "backup/old_sitreps_2015.tar.bz2"
CUTTINGS = "backup/press_cuttings_2015.tar.xz"
SCANS_TAR = "backup/scans_2015.tar"
NOTEBOOK_GZ = "notes/2015-06_notebook.txt.gz"


def build(t: Truth) -> list[Doc]:
    return [
        handover_zip(t),
        logistics(),
        field_office(),
        old_sitreps(),
        cuttings(t),
        scans(),
        notebook(),
    ]


def _zip(path: str, children: list[Doc], when) -> Doc:
    data = writers.zip_archive([c.entry() for c in children])
    return Doc(path, "zip", data, when, language=None, children=children)


def _tar(path: str, fmt: str, children: list[Doc], when, owner: str) -> Doc:
    compression = {"tar": "", "tar.gz": "gz", "tar.bz2": "bz2", "tar.xz": "xz"}[fmt]
    data = writers.tar_archive(
        [c.entry() for c in children], compression=compression, when=when, owner=owner
    )
    return Doc(path, fmt, data, when, language=None, children=children)


def handover_zip(t: Truth) -> Doc:
    minutes_path = member(HANDOVER_ZIP, "handover/minutes_2015-09-17_DRAFT.docx")
    agree = t.event(
        "ev_agree_handover",
        "AGREE",
        actor="zna",
        target="svb",
        place="bahran",
        date="2015-09-17",
        doc=minutes_path,
        via="act",
        quote=(
            "The army will withdraw its last units from the Port of Bahran on the night of 19 "
            "September and the Brigades will take over the port at 06:00 on 20 September 2015."
        ),
    )
    minutes = Doc(
        minutes_path,
        "docx",
        writers.docx(
            [
                ("h", "Minutes of the meeting of 17 September 2015 (draft)"),
                "Place: office of Amber Coast Trading Company, Port of Bahran",
                "Present: Captain Nizar Awad, liaison officer of the Southern Command; Omar "
                "Fadel, quartermaster of the Southern Valley Brigades; Karim Haddad, director of "
                "Amber Coast Trading, in the chair.",
                "1. " + agree,
                "2. The army leaves the cranes, the fuel tanks and the grain terminal undamaged. "
                "An inventory will be signed on 20 September at the harbour master's office.",
                "3. Brigadier General Samir Rashed approved these terms by telephone during the "
                "meeting.",
                "4. Grain continues to reach Sadiya under the fuel for grain account.",
                "5. Both sides will present the change in public in their own way.",
                "DRAFT - to be approved by both parties",
            ],
            title="Minutes 17 September 2015 (draft)",
            author="Karim Haddad",
            when=at(9, 17, 15),
        ),
        at(9, 17, 15),
        flags={"draft": True},
    )
    checklist = Doc(
        member(HANDOVER_ZIP, "handover/checklist_port_bahran.csv"),
        "csv",
        writers.csv_bytes(
            [
                ["item", "location", "count", "handed_over"],
                ["Harbour crane", "Quay 1", 2, "2015-09-20 06:40"],
                ["Harbour crane", "Quay 3", 1, "2015-09-20 06:45"],
                ["Diesel tank", "Tank farm", 4, "2015-09-20 07:10"],
                ["Grain silo", "Grain terminal", 6, "2015-09-20 07:30"],
                ["Tug boat", "Inner basin", 1, "2015-09-20 07:50"],
            ]
        ),
        at(9, 20, 8),
    )
    notes_ar = Doc(
        member(HANDOVER_ZIP, "handover/notes_ar.txt"),
        "txt",
        writers.text(
            [
                "ملاحظات اجتماع 17 أيلول/سبتمبر 2015 في مكتب شركة الساحل العنبري في بحران",
                "",
                "حضر الاجتماع النقيب نزار عوض عن القيادة الجنوبية، وعمر فاضل عن الألوية، "
                "وكريم حداد.",
                "ينسحب الجيش من ميناء بحران ليلة 19 أيلول/سبتمبر، وتدخل الألوية الميناء صباح "
                "20 أيلول/سبتمبر.",
                "وافق العميد سمير راشد على الشروط بالهاتف.",
                "تستمر مقايضة الوقود بالحبوب كما في السابق.",
            ]
        ),
        at(9, 17, 18),
        language="ar",
    )
    gate_lines = [
        "PORT OF BAHRAN - GATE 2",
        "",
        "Handed over 20.09.2015 at 06:00",
        "Keys: 14   Radios: 6   Vehicles: 3",
        "",
        "Received: O. Fadel, quartermaster",
        "Handed over: Capt. N. Awad",
    ]
    gate = Doc(
        member(HANDOVER_ZIP, "handover/photos/gate_2015-09-20.png"),
        "png",
        writers.scan_image(gate_lines, stamp="RECEIVED"),
        at(9, 20, 6, 30),
        flags={"image_only": True, "ocr_text": "\n".join(gate_lines), "stamp": "RECEIVED"},
    )

    port_children = [
        Doc(
            member(PORT_TGZ, "port/berth_schedule_2015-09.csv"),
            "csv",
            writers.csv_bytes(
                [
                    ["date", "berth", "vessel", "cargo", "status"],
                    ["2015-09-14", "1", "MV Lina", "wheat", "loaded"],
                    ["2015-09-17", "2", "MV Sahar", "diesel", "unloaded"],
                    ["2015-09-21", "1", "MV Lina", "wheat", "postponed - change of control"],
                    ["2015-09-24", "3", "MV Noor", "barley", "loaded"],
                ]
            ),
            at(9, 24, 12),
        ),
        Doc(
            member(PORT_TGZ, "port/staff_notice_ar.txt"),
            "txt",
            writers.text(
                [
                    "إلى جميع العاملين في ميناء بحران",
                    "21 أيلول/سبتمبر 2015",
                    "",
                    "يستمر العمل في الميناء كالمعتاد تحت إدارة ألوية الوادي الجنوبي.",
                    "تصرف الرواتب في موعدها، ولا يغادر أي موظف مكانه.",
                    "شحنات الحبوب إلى الصادية مستمرة.",
                ]
            ),
            at(9, 21, 9),
            language="ar",
        ),
        Doc(
            member(PORT_TGZ, "port/harbour_master_letter.odt"),
            "odt",
            writers.odt(
                [
                    ("h", "Office of the Harbour Master, Port of Bahran"),
                    "To: the quartermaster of the Southern Valley Brigades",
                    "Date: 22 September 2015",
                    "I confirm that the cranes, the four diesel tanks and the six grain silos "
                    "were handed over in working order on 20 September 2015.",
                    "The army's liaison officer, Captain Nizar Awad, signed the inventory with "
                    "you at 07:00. A copy is kept in this office.",
                    "I ask that the port staff keep their posts and their salaries.",
                    "Harbour Master",
                ],
                title="Letter of the harbour master",
                author="Harbour Master",
                when=at(9, 22, 10),
            ),
            at(9, 22, 10),
        ),
        Doc(
            member(PORT_TGZ, "port/tank_levels_2015-09-20.json"),
            "json",
            writers.json_bytes(
                {
                    "port": "Bahran",
                    "date": "2015-09-20",
                    "reading_time": "07:10",
                    "tanks": [
                        {"tank": "T1", "product": "diesel", "level_percent": 62},
                        {"tank": "T2", "product": "diesel", "level_percent": 58},
                        {"tank": "T3", "product": "diesel", "level_percent": 71},
                        {"tank": "T4", "product": "diesel", "level_percent": 49},
                    ],
                    "note": "Read together by the army and the client at the handover.",
                }
            ),
            at(9, 20, 7, 20),
        ),
    ]
    port_tgz = _tar(PORT_TGZ, "tar.gz", port_children, at(9, 25, 18), owner="port")
    return _zip(HANDOVER_ZIP, [minutes, checklist, notes_ar, gate, port_tgz], at(9, 30, 21))


def logistics() -> Doc:
    base = LOGISTICS_TGZ
    vehicles = writers.xml_element(
        "vehicles",
        [
            writers.xml_element(
                "vehicle",
                [writers.xml_element("type", kind), writers.xml_element("unit", unit)],
                plate=plate,
                status=status,
            )
            for plate, kind, unit, status in [
                ("VB-101", "tank", "Armoured Battalion", "Tell Hamra since 2015-05-15"),
                ("VB-102", "tank", "Armoured Battalion", "Tell Hamra since 2015-05-15"),
                ("VB-210", "heavy gun tractor", "Artillery", "Tell Hamra since 2015-05-14"),
                ("VB-330", "truck", "Quartermaster", "convoy of 2015-07-05"),
                ("VB-331", "truck", "Quartermaster", "convoy of 2015-07-05"),
                ("VB-400", "fuel tanker", "Quartermaster", "Ras Kadir runs"),
            ]
        ],
        unit="Southern Valley Brigades",
        updated="2015-07-10",
    )
    children = [
        Doc(
            member(base, "logistics/convoy_manifest_2015-07-05.csv"),
            "csv",
            writers.csv_bytes(
                [["truck", "driver", "cargo", "tonnes"]]
                + [
                    [
                        f"T{n:02d}",
                        f"driver {n}",
                        ["wheat", "flour", "spare parts"][n % 3],
                        [14, 10, 6][n % 3],
                    ]
                    for n in range(1, 23)
                ]
            ),
            at(7, 4, 20),
        ),
        Doc(
            member(base, "logistics/vehicles.xml"), "xml", writers.xml_bytes(vehicles), at(7, 10, 9)
        ),
        Doc(
            member(base, "logistics/route_notes.txt"),
            "txt",
            writers.text(
                [
                    "Route notes - convoy of 5 July 2015",
                    "",
                    "Leave Jabal Umran at 01:00. Take the Al-Rashid road west.",
                    "Qasr Hamid checkpoint (the northern checkpoint): show the pass, do not "
                    "stop the engines.",
                    "After the checkpoint, keep 200 metres between trucks until Bahran.",
                    "If stopped anywhere else, call the quartermaster and wait.",
                ]
            ),
            at(7, 4, 18),
        ),
        Doc(
            member(base, "logistics/fuel_tanker_log.json"),
            "json",
            writers.json_bytes(
                {
                    "tanker": "VB-400",
                    "trips": [
                        {
                            "date": "2015-02-16",
                            "from": "Ras Kadir",
                            "to": "Tell Hamra",
                            "litres": 30000,
                        },
                        {
                            "date": "2015-03-14",
                            "from": "Ras Kadir",
                            "to": "Tell Hamra",
                            "litres": 30000,
                        },
                        {
                            "date": "2015-04-11",
                            "from": "Ras Kadir",
                            "to": "Tell Hamra",
                            "litres": 30000,
                        },
                    ],
                }
            ),
            at(4, 12, 7),
        ),
        Doc(
            member(base, "logistics/checkpoint_passes_2015.txt"),
            "txt",
            writers.text(
                [
                    "Passes issued by the quartermaster, 2015",
                    "",
                    "0112  16 Feb 2015  Ras Kadir refinery gate  10 trucks",
                    "0131  14 Mar 2015  Ras Kadir refinery gate  14 trucks",
                    "0150  11 Apr 2015  Ras Kadir refinery gate  19 trucks",
                    "0188  05 Jul 2015  Qasr Hamid checkpoint    22 trucks + 4 escorts",
                    "0917  20 Sep 2015  Port of Bahran, Gate 2   3 vehicles",
                ]
            ),
            at(9, 20, 9),
        ),
    ]
    return _tar(base, "tar.gz", children, at(9, 28, 22), owner="quartermaster")


def field_office() -> Doc:
    mails = [
        (
            "001.eml",
            writers.Mail(
                "Bahran Battalion <bahran.bn@example.net>",
                ["Omar Fadel <o.fadel@example.net>"],
                "Gate 2",
                at(9, 20, 6, 12),
                "20150920061200.bb1@example.net",
                "Quartermaster,\n\nWe are inside Gate 2. The army trucks have gone. No shots.\n",
            ),
        ),
        (
            "002.eml",
            writers.Mail(
                "Omar Fadel <o.fadel@example.net>",
                ["Bahran Battalion <bahran.bn@example.net>"],
                "Re: Gate 2",
                at(9, 20, 6, 20),
                "20150920062000.bb2@example.net",
                "Good. Touch nothing until I arrive with the inventory at 07:00.\n",
                in_reply_to="20150920061200.bb1@example.net",
            ),
        ),
        (
            "003.eml",
            writers.Mail(
                "Media office <media@example.net>",
                ["Omar Fadel <o.fadel@example.net>"],
                "Statement on Bahran",
                at(9, 20, 11, 0),
                "20150920110000.mo1@example.net",
                "Quartermaster,\n\nThe statement will say that our fighters liberated Bahran after "
                "the enemy fled. Please confirm that nobody will contradict it.\n\nMedia office\n",
            ),
        ),
    ]
    mail_docs = [
        Doc(member(FIELD_MAIL_ZIP, f"mail_export/{name}"), "eml", writers.eml(mail), mail.when)
        for name, mail in mails
    ]
    children = [
        Doc(
            member(FIELD_7Z, "field/diary_2015-05.txt"),
            "txt",
            writers.text(
                [
                    "Diary of the sector commander - May 2015",
                    "",
                    "12 May. Order 41 arrived. The men do not understand why we leave Wadi Sirr "
                    "without a fight. I told them it is a trap for the army.",
                    "14 May. The tanks went east last night. A white car of the monitors was "
                    "parked on the hill and watched us.",
                    "17 May. Infantry out. Wadi Sirr is empty.",
                    "18 May. The army's radio talks of fierce fighting. There was none.",
                ]
            ),
            at(5, 18, 22),
        ),
        Doc(
            member(FIELD_7Z, "field/brief_ar.docx"),
            "docx",
            writers.docx(
                [
                    ("h", "إيجاز القطاع الجنوبي - أيلول/سبتمبر 2015"),
                    "دخلت الألوية ميناء بحران صباح 20 أيلول/سبتمبر 2015 دون قتال.",
                    "تسلم أمين الإمداد عمر فاضل الرافعات وخزانات الوقود من الجيش.",
                    "يجب أن يقول الإعلام إن الميناء حُرر بالقوة.",
                ],
                title="إيجاز",
                author="قيادة القطاع",
                when=at(9, 22, 12),
            ),
            at(9, 22, 12),
            language="ar",
        ),
        Doc(
            member(FIELD_7Z, "field/phone_list.csv"),
            "csv",
            writers.csv_bytes(
                [
                    ["name", "role", "phone"],
                    ["Omar Fadel", "quartermaster", "+000 555 0101"],
                    ["Karim Haddad", "Amber Coast Trading", "+000 555 0199"],
                    ["Bahran Battalion", "duty officer", "+000 555 0144"],
                    ["Media office", "statements", "+000 555 0160"],
                ]
            ),
            at(9, 1, 9),
        ),
        _zip(FIELD_MAIL_ZIP, mail_docs, at(9, 21, 8)),
    ]
    data = writers.sevenzip([c.entry() for c in children])
    return Doc(FIELD_7Z, "7z", data, at(9, 30, 23), language=None, children=children)


def old_sitreps() -> Doc:
    reports = [
        (
            "sitreps/sitrep_2015-01-13.txt",
            at(1, 13, 18),
            [
                "SOUTHERN VALLEY BRIGADES - SOUTHERN SECTOR",
                "WEEKLY SITUATION REPORT - 13 January 2015",
                "",
                "Diesel stocks at Tell Hamra: nine days. Generators at the clinic off at night.",
                "The quartermaster is in contact with a trader in Bahran about fuel.",
            ],
        ),
        (
            "sitreps/sitrep_2015-06-09.txt",
            at(6, 9, 18),
            [
                "SOUTHERN VALLEY BRIGADES - SOUTHERN SECTOR",
                "WEEKLY SITUATION REPORT - 9 June 2015",
                "",
                "Army shelling on Khirbet Nasr on 7 June. One fighter killed, two wounded.",
                "Fuel is sufficient. Wheat stocks at Jabal Umran: 2,300 tonnes.",
            ],
        ),
        (
            "sitreps/sitrep_2015-08-18.txt",
            at(8, 18, 18),
            [
                "SOUTHERN VALLEY BRIGADES - SOUTHERN SECTOR",
                "WEEKLY SITUATION REPORT - 18 August 2015",
                "",
                "Quiet on the Al-Rashid road since the convoy.",
                "Amber Coast says General Rashed wants to talk about Bahran.",
            ],
        ),
    ]
    children = [
        Doc(member(OLD_SITREPS, name), "txt", writers.text(lines), when)
        for name, when, lines in reports
    ]
    return _tar(OLD_SITREPS, "tar.bz2", children, at(9, 30, 22), owner="sector")


def cuttings(t: Truth) -> Doc:
    obs_aug = member(CUTTINGS, "cuttings/2015-08-03_observer_khirbet_nasr.txt")
    nna_sep = member(CUTTINGS, "cuttings/2015-09-23_nna_bahran.txt")
    mirsad = member(CUTTINGS, "cuttings/2015-10-17_almirsad_summary_ar.txt")
    nna_quote = t.claim(
        "cl_nna_bahran_redeployment",
        source="nna",
        cue="reported",
        content="The army redeployed from Bahran in good order and the port was not handed to "
        "anyone.",
        doc=nna_sep,
        quote="The army redeployed from Bahran in good order and did not hand the port to "
        "anyone, the National News Agency reported.",
        about_event="ev_handover_bahran",
        stance="denies",
        kind="indirect",
        source_text="the National News Agency",
    )
    children = [
        Doc(
            obs_aug,
            "txt",
            writers.text(
                [
                    "The Zarqan Observer, 3 August 2015",
                    "Shelling resumes at Khirbet Nasr",
                    "",
                    "Army artillery hit the edge of Khirbet Nasr on Sunday night, residents "
                    "said. The Southern Valley Brigades fired mortars at an army post on the "
                    "Wadi Sirr road in return.",
                    "No casualties were reported.",
                ]
            ),
            at(8, 3, 8),
        ),
        Doc(
            nna_sep,
            "txt",
            writers.text(
                [
                    "National News Agency, 23 September 2015",
                    "Army completes redeployment in the south",
                    "",
                    nna_quote,
                    "Military sources said the new positions protect Sadiya and the grain routes.",
                ]
            ),
            at(9, 23, 8),
        ),
        Doc(
            mirsad,
            "txt",
            writers.text(
                [
                    "المرصاد - ملخص - 17 تشرين الأول/أكتوبر 2015",
                    "",
                    "نشر المرصاد وثائق تظهر أن الجيش سلّم ميناء بحران لألوية الوادي الجنوبي.",
                    "ونفت الحكومة صحة الوثائق.",
                ]
            ),
            at(10, 17, 9),
            language="ar",
        ),
    ]
    t.story(obs_aug, "observer")
    t.story(nna_sep, "nna")
    t.story(mirsad, "mirsad")
    return _tar(CUTTINGS, "tar.xz", children, at(10, 21, 10), owner="media")


def scans() -> Doc:
    receipt_lines = [
        "RAS KADIR REFINERY - DISPATCH NOTE",
        "Date: 16.02.2015",
        "Product: diesel   Quantity: 300 t",
        "Trucks: 10   Collected by: client 'Valley'",
        "Broker: Amber Coast Trading",
        "",
        "Gate officer: ______",
    ]
    pass_lines = [
        "QUARTERMASTER - PASS No. 0188",
        "Valid night of 4 to 5 July 2015",
        "Convoy: 22 trucks + 4 escorts",
        "Route: Al-Rashid road - Qasr Hamid",
    ]
    children = [
        Doc(
            member(SCANS_TAR, "scans/dispatch_note_2015-02-16.png"),
            "png",
            writers.scan_image(receipt_lines),
            at(2, 16, 15),
            flags={"image_only": True, "ocr_text": "\n".join(receipt_lines)},
        ),
        Doc(
            member(SCANS_TAR, "scans/pass_0188_2015-07-04.jpg"),
            "jpg",
            writers.scan_image(pass_lines, fmt="JPEG"),
            at(7, 4, 12),
            flags={"image_only": True, "ocr_text": "\n".join(pass_lines)},
        ),
    ]
    return _tar(SCANS_TAR, "tar", children, at(9, 29, 20), owner="quartermaster")


def notebook() -> Doc:
    name = "2015-06_notebook.txt"
    text = writers.text(
        [
            "Notebook - June 2015 (O. F.)",
            "",
            "2 June: laptop replaced; ledger backup made, the file may be damaged.",
            "9 June: Haddad says the general is unhappy about Khirbet Nasr. Both sides lost men.",
            "21 June: wheat for the next fuel for grain exchange is ready at Jabal Umran.",
            "30 June: memo to the commander about the convoy.",
            "ملاحظة: لا تذكر اسم الشركة في أي رسالة.",
        ]
    )
    inner = Doc(member(NOTEBOOK_GZ, name), "txt", text, at(6, 30, 21))
    return Doc(
        NOTEBOOK_GZ,
        "gz",
        writers.gzip_bytes(text, name, at(6, 30, 21)),
        at(6, 30, 21),
        language=None,
        children=[inner],
    )
