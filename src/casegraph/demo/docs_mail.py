"""E-mail: the quartermaster's mailbox, single messages, an Outlook .msg."""

from __future__ import annotations

from . import legacy, writers
from .docs_finance import INVOICE_031, invoice_031
from .model import Doc, Truth, at, member

MBOX = "mail/fadel/haddad_fadel_2015.mbox"
CONVOY_MSG = "mail/2015-07-03_convoy_timing.msg"
FW_HANDOVER = "mail/2015-09-19_fw_bahran_checklist.eml"
INVOICE_MAIL = "mail/2015-04-12_invoice_ACT-2015-031.eml"
PRESS_QUESTIONS = "mail/press/2015-10-13_observer_questions.eml"
PRESS_REPLY = "mail/press/2015-10-14_re_observer_questions.eml"

HADDAD = "Karim Haddad <k.haddad@example.org>"
FADEL = "Omar Fadel <o.fadel@example.net>"
AWAD = "Nizar Awad <n.awad@army.example.com>"
MANSOUR = "Leila Mansour <l.mansour@observer.example.com>"
MOD_PRESS = "Press Office, Ministry of Defence <press@mod.example.com>"
KARAM = "Yusuf Karam <y.karam@mod.example.com>"


def build(t: Truth) -> list[Doc]:
    return [mailbox(t), convoy_msg(), fw_handover(t), invoice_mail(), *press_mail(t)]


def _with_attachments(
    path: str,
    mail: writers.Mail,
    attachments: list[tuple[Doc, str]],
    *,
    fmt: str = "eml",
    language: str = "en",
) -> Doc:
    mail.attachments = [(doc.name, doc.data, mime) for doc, mime in attachments]
    return Doc(
        path,
        fmt,
        writers.eml(mail),
        mail.when,
        language=language,
        children=[doc for doc, _ in attachments],
    )


def mailbox(t: Truth) -> Doc:
    warning = t.event(
        "ev_warn_advance",
        "COOPERATE",
        actor="rashed",
        target="svb",
        place="wadi_sirr",
        date="2015-05-11",
        doc=member(MBOX, "message-0004.eml"),
        via="act",
        subtype="share_information",
        quote=(
            "The general asks me to tell you that the advance on Wadi Sirr will begin on 18 "
            "May and that nothing heavy should be left there by then."
        ),
    )
    messages: list[tuple[writers.Mail, list[tuple[str, bytes, str, str]], str]] = [
        (
            writers.Mail(
                HADDAD,
                [FADEL],
                "Tomorrow in Bahran",
                at(1, 19, 18, 5),
                "20150119180500.1@example.org",
                "Omar,\n\nThe colonel from the Southern Command will come to my office at the "
                "port tomorrow at 11:00. Come alone and bring the figures for Jabal Umran.\n\n"
                "Karim\n",
            ),
            [],
            "en",
        ),
        (
            writers.Mail(
                FADEL,
                [HADDAD],
                "First exchange",
                at(2, 10, 9, 40),
                "20150210094000.2@example.net",
                "Karim,\n\nAttached are the lots of wheat we can deliver on 16 February: 450 "
                "tonnes, all from Jabal Umran. Please confirm the diesel, 300 tonnes, to be "
                "collected at Ras Kadir.\n\nOmar\n",
            ),
            [
                (
                    "grain_lots_feb.csv",
                    writers.csv_bytes(
                        [
                            ["lot", "silo", "grain", "tonnes"],
                            ["F-01", "Jabal Umran 1", "wheat", 150],
                            ["F-02", "Jabal Umran 2", "wheat", 150],
                            ["F-03", "Jabal Umran 3", "wheat", 150],
                        ]
                    ),
                    "text/csv",
                    "csv",
                )
            ],
            "en",
        ),
        (
            writers.Mail(
                HADDAD,
                [FADEL],
                "Re: second exchange",
                at(3, 15, 20, 12),
                "20150315201200.3@example.org",
                "Omar,\n\nThe second exchange went well. The receipt is attached. The general is "
                "pleased and asks whether you can add barley next time.\n\nKarim\n",
                in_reply_to="20150312110000.9@example.net",
            ),
            [
                (
                    "receipt_2015-03-14.docx",
                    writers.docx(
                        [
                            ("h", "Amber Coast Trading Company - Receipt"),
                            "Received at Ras Kadir on 14 March 2015: 600 tonnes of wheat.",
                            "Delivered at Ras Kadir on 14 March 2015: 420 tonnes of diesel.",
                            "Commission: 24 tonnes of wheat.",
                            "Karim Haddad",
                        ],
                        title="Receipt",
                        author="Karim Haddad",
                        when=at(3, 14, 19),
                    ),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx",
                )
            ],
            "en",
        ),
        (
            writers.Mail(
                HADDAD,
                [FADEL],
                "Message from the general",
                at(5, 11, 21, 30),
                "20150511213000.4@example.org",
                f"Omar,\n\n{warning}\n\nHe says his columns will not fire on anything that is "
                "moving east. Please tell the commander tonight.\n\nKarim\n",
            ),
            [],
            "en",
        ),
        (
            writers.Mail(
                FADEL,
                [HADDAD],
                "Convoy",
                at(7, 2, 16, 0),
                "20150702160000.5@example.net",
                "Karim,\n\nThe request for the convoy will reach you tomorrow through the usual "
                "channel. 22 trucks, no heavy weapons. We need an answer by Friday.\n\nOmar\n",
            ),
            [],
            "en",
        ),
        (
            writers.Mail(
                HADDAD,
                [FADEL],
                "Bahran",
                at(9, 16, 10, 15),
                "20150916101500.6@example.org",
                "Omar,\n\nThe terms are agreed. I sent you the file yesterday; the password is "
                "the name of the port followed by the year, in small letters.\n\nThe meeting to "
                "sign is tomorrow at my office.\n\nKarim\n",
            ),
            [],
            "en",
        ),
        (
            writers.Mail(
                FADEL,
                [HADDAD],
                "The Observer",
                at(10, 14, 7, 50),
                "20151014075000.7@example.net",
                "Karim,\n\nHave you seen the Observer this morning? Someone has given them our "
                "papers, the ledgers and the order on Wadi Sirr. Say nothing to anyone.\n\n"
                "Omar\n",
            ),
            [],
            "en",
        ),
        (
            writers.Mail(
                HADDAD,
                [FADEL],
                "رد: المراقب",
                at(10, 15, 22, 40),
                "20151015224000.8@example.org",
                "عمر،\n\nالوزارة ستنفي كل شيء، والمتحدث يوسف كرم سيقول إن الوثائق مزورة.\n"
                "لا تراسلني على هذا العنوان بعد اليوم.\n\nكريم\n",
                in_reply_to="20151014075000.7@example.net",
            ),
            [],
            "ar",
        ),
    ]
    children = []
    for number, (mail, attachments, language) in enumerate(messages, start=1):
        path = member(MBOX, f"message-{number:04d}.eml")
        mail.attachments = [(name, data, mime) for name, data, mime, _ in attachments]
        kids = [Doc(member(path, name), fmt, data, mail.when) for name, data, _, fmt in attachments]
        children.append(
            Doc(
                path, "eml", writers.mbox_message(mail), mail.when, language=language, children=kids
            )
        )
    mails = [mail for mail, _, _ in messages]
    return Doc(MBOX, "mbox", writers.mbox(mails), at(10, 15, 23), language=None, children=children)


def convoy_msg() -> Doc:
    route = Doc(
        member(CONVOY_MSG, "route.txt"), "txt", legacy.ROUTE_TEXT.encode("ascii"), at(7, 3, 17, 42)
    )
    return Doc(CONVOY_MSG, "msg", legacy.convoy_msg(), at(7, 3, 17, 42), children=[route])


def fw_handover(t: Truth) -> Doc:
    # Announcing a pull-back that has not yet happened is CONCEDE in PLOVER; the pull-back
    # itself is ev_handover_bahran (RETREAT).
    leave = t.event(
        "ev_army_leaves_bahran",
        "CONCEDE",
        actor="zna",
        target="svb",
        place="bahran",
        date="2015-09-20",
        doc=FW_HANDOVER,
        status="announced",
        quote="Our last units will leave the port at 03:30 on 20 September 2015.",
    )
    body = (
        "Omar,\n\nSee below from the captain. Print the checklist and bring it to the harbour "
        "master's office on Sunday at 07:00.\n\nKarim\n\n"
        "---------- Forwarded message ----------\n"
        f"From: {AWAD}\n"
        "Date: Sat, 19 Sep 2015 08:20:00 +0000\n"
        "Subject: Bahran checklist\n"
        f"To: {HADDAD}\n\n"
        "Mr Haddad,\n\n"
        f"{leave} The checklist of equipment is attached, with the gate pass for your "
        "client's quartermaster.\n\n"
        "Captain Nizar Awad\nLiaison officer, Southern Command\n"
    )
    checklist = Doc(
        member(FW_HANDOVER, "bahran_checklist.xlsx"),
        "xlsx",
        writers.xlsx(
            {
                "Checklist": [
                    ["Item", "Location", "Count", "Checked by army", "Checked by client"],
                    ["Harbour crane", "Quay 1", 2, "yes", ""],
                    ["Harbour crane", "Quay 3", 1, "yes", ""],
                    ["Diesel tank", "Tank farm", 4, "yes", ""],
                    ["Grain silo", "Grain terminal", 6, "yes", ""],
                    ["Tug boat", "Inner basin", 1, "yes", ""],
                ]
            },
            title="Bahran checklist",
            author="Nizar Awad",
            when=at(9, 19, 8),
        ),
        at(9, 19, 8),
    )
    pass_lines = [
        "NATIONAL ARMY - SOUTHERN COMMAND",
        "GATE PASS No. 0917",
        "",
        "Port of Bahran - Gate 2",
        "Valid: 20 September 2015, 06:00 to 08:00",
        "Bearer: quartermaster, with 3 vehicles",
        "",
        "Captain N. Awad",
    ]
    gate_pass = Doc(
        member(FW_HANDOVER, "gate_pass_0917.png"),
        "png",
        writers.scan_image(pass_lines),
        at(9, 19, 8),
        flags={"image_only": True, "ocr_text": "\n".join(pass_lines)},
    )
    mail = writers.Mail(
        HADDAD,
        [FADEL],
        "Fw: Bahran checklist",
        at(9, 19, 9, 5),
        "20150919090500.10@example.org",
        body,
    )
    return _with_attachments(
        FW_HANDOVER,
        mail,
        [
            (checklist, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (gate_pass, "image/png"),
        ],
    )


def invoice_mail() -> Doc:
    invoice = Doc(
        member(INVOICE_MAIL, "invoice_ACT-2015-031.pdf"),
        "pdf",
        invoice_031(),
        at(4, 12, 11),
        flags={"duplicate_of": INVOICE_031},
    )
    mail = writers.Mail(
        HADDAD,
        [FADEL],
        "Invoice ACT-2015-031",
        at(4, 12, 11, 30),
        "20150412113000.11@example.org",
        "Omar,\n\nPlease find our invoice for April attached. Payment in cash is preferred "
        "this time.\n\nRegards,\nKarim Haddad\nDirector, Amber Coast Trading Company\n",
    )
    return _with_attachments(INVOICE_MAIL, mail, [(invoice, "application/pdf")])


def press_mail(t: Truth) -> list[Doc]:
    questions = writers.Mail(
        MANSOUR,
        [MOD_PRESS],
        "Request for comment: documents on fuel for grain",
        at(10, 13, 9, 0),
        "20151013090000.obs1@observer.example.com",
        "Dear press office,\n\n"
        "I am a reporter at the Zarqan Observer. We have seen internal documents of the "
        "Southern Valley Brigades that describe exchanges of army diesel for grain through "
        "Amber Coast Trading between February and April 2015, the withdrawal of the Brigades' "
        "armour from Wadi Sirr before the army's advance, a convoy allowed through the Qasr "
        "Hamid checkpoint in July and the handover of the Port of Bahran in September.\n\n"
        "We would like the Ministry of Defence (MoD) to comment on these documents before we "
        "publish. Our deadline is today at 18:00.\n\n"
        "Kind regards,\nLeila Mansour\nThe Zarqan Observer\n",
    )
    reply_quote = t.claim(
        "cl_karam_no_comment",
        source="karam",
        cue="wrote",
        content="The ministry does not comment on forged documents.",
        doc=PRESS_REPLY,
        quote="The ministry does not comment on forged documents.",
        about_event="ev_trade_1",
        stance="denies",
        kind="document",  # the sender's own words
    )
    court = t.event(
        "ev_karam_threatens_court",
        "THREATEN",
        actor="karam",
        target="observer",
        target_text="Any newspaper",
        place=None,
        date="2015-10-14",
        doc=PRESS_REPLY,
        quote="Any newspaper that publishes them will answer for it in court.",
    )
    reply = writers.Mail(
        KARAM,
        [MANSOUR],
        "Re: Request for comment: documents on fuel for grain",
        at(10, 14, 11, 20),
        "20151014112000.mod7@mod.example.com",
        f"Ms Mansour,\n\n{reply_quote} {court}\n\nYusuf Karam\nSpokesman\n",
        in_reply_to="20151013090000.obs1@observer.example.com",
    )
    return [
        Doc(PRESS_QUESTIONS, "eml", writers.eml(questions), questions.when),
        Doc(PRESS_REPLY, "eml", writers.eml(reply), reply.when),
    ]
