"""The quartermaster's accounts: ledgers, shipments, invoices, the contract."""

from __future__ import annotations

from . import writers
from .docs_command import MEMO_FUEL
from .model import Doc, Truth, at, member

LEDGER = "finance/fuel_for_grain_ledger_2015.xlsx"
SHIPMENTS = "finance/shipments_2015.csv"
PAYMENTS = "finance/payments_2015_q1.xls"
INVOICES = "finance/invoices_2015.ods"
CONTRACT = "finance/contract_amber_coast_2015.rtf"
INVOICE_031 = "finance/invoice_ACT-2015-031.pdf"
MEMO_COPY = "finance/archive/2015-02-02_memo_fuel_for_grain.pdf"
LEDGER_BACKUP = "finance/ledger_backup_2015-06.docx"
RECEIPTS_GZ = "finance/grain_receipts_2015-04.csv.gz"
SUMMARY_JSON = "finance/exchange_summary_2015.json"


def invoice_031() -> bytes:
    """Amber Coast's invoice for its commission (also attached to an e-mail)."""
    return writers.pdf(
        [
            ("h", "AMBER COAST TRADING COMPANY"),
            "General trading - import and export - Port of Bahran",
            "INVOICE No. ACT-2015-031",
            "Date: 12 April 2015",
            "To: The quartermaster, account 'Valley'",
            (
                "table",
                [
                    ["Description", "Quantity", "Amount (USD)"],
                    ["Commission, exchange of 11 April 2015 (4%)", "1", "23,600"],
                    ["Transport Jabal Umran - Sadiya, 13 trips", "13", "6,500"],
                    ["Arrangement fee, Ras Kadir", "1", "5,000"],
                    ["Total", "", "35,100"],
                ],
            ),
            "Payment in cash or in wheat at the Jabal Umran silos, at the Sadiya market price.",
            "Karim Haddad, Director",
        ],
        title="Invoice ACT-2015-031",
        author="Karim Haddad",
        when=at(4, 12, 11),
    )


def build(t: Truth, memo_fuel: Doc) -> list[Doc]:
    docs = []

    trade2 = t.event(
        "ev_trade_2",
        "COOPERATE",
        actor="zna",
        target="svb",
        place="ras_kadir",
        date="2015-03-14",
        doc=LEDGER,
        via="act",
        quote=(
            "Second exchange of fuel for grain: 420 tonnes of diesel from army stocks against "
            "600 tonnes of wheat, handed over at Ras Kadir."
        ),
    )
    ledger = {
        "Exchanges": [
            [
                "Date",
                "Place",
                "Fuel received",
                "Tonnes",
                "Grain delivered",
                "Tonnes",
                "Broker",
                "Remarks",
            ],
            [
                "2015-02-16",
                "Ras Kadir",
                "diesel",
                300,
                "wheat",
                450,
                "Amber Coast Trading",
                "First exchange. Army guard did not check the trucks.",
            ],
            ["2015-03-14", "Ras Kadir", "diesel", 420, "wheat", 600, "Amber Coast Trading", trade2],
            [
                "2015-04-11",
                "Ras Kadir",
                "diesel + petrol",
                540,
                "wheat + barley",
                700,
                "Amber Coast Trading",
                "Third exchange. See shipment list.",
            ],
            ["Total", "", "", 1260, "", 1750, "", ""],
        ],
        "Commission": [
            ["Exchange", "Rate", "Paid in", "Amount", "Status"],
            ["2015-02-16", "4%", "wheat (tonnes)", 18, "paid"],
            ["2015-03-14", "4%", "wheat (tonnes)", 24, "paid"],
            ["2015-04-11", "4%", "cash (USD)", 23600, "invoiced ACT-2015-031"],
        ],
        "ملاحظات": [
            ["ملاحظة"],
            ["مقايضة الوقود بالحبوب عبر شركة الساحل العنبري للتجارة."],
        ],
    }
    docs.append(
        Doc(
            LEDGER,
            "xlsx",
            writers.xlsx(
                ledger, title="Fuel for grain 2015", author="Omar Fadel", when=at(4, 30, 17)
            ),
            at(4, 30, 17),
        )
    )

    trade3 = t.event(
        "ev_trade_3",
        "COOPERATE",
        actor="zna",
        target="svb",
        place="ras_kadir",
        date="2015-04-11",
        doc=SHIPMENTS,
        via="act",
        quote=(
            "Third exchange of fuel for grain at Ras Kadir: 500 tonnes of diesel and 40 tonnes "
            "of petrol against 700 tonnes of wheat and barley."
        ),
    )
    shipments = [
        ["shipment_id", "date", "from", "to", "cargo", "tonnes", "trucks", "note"],
        [
            "S-2015-001",
            "2015-02-16",
            "Ras Kadir refinery",
            "Tell Hamra",
            "diesel",
            300,
            10,
            "first exchange",
        ],
        [
            "S-2015-002",
            "2015-02-16",
            "Jabal Umran silos",
            "Sadiya",
            "wheat",
            450,
            15,
            "carried by Amber Coast",
        ],
        [
            "S-2015-003",
            "2015-03-14",
            "Ras Kadir refinery",
            "Tell Hamra",
            "diesel",
            420,
            14,
            "second exchange",
        ],
        [
            "S-2015-004",
            "2015-03-14",
            "Jabal Umran silos",
            "Sadiya",
            "wheat",
            600,
            20,
            "carried by Amber Coast",
        ],
        ["S-2015-005", "2015-04-11", "Ras Kadir refinery", "Tell Hamra", "diesel", 500, 17, trade3],
        [
            "S-2015-006",
            "2015-04-11",
            "Ras Kadir refinery",
            "Tell Hamra",
            "petrol",
            40,
            2,
            "third exchange",
        ],
        [
            "S-2015-007",
            "2015-04-11",
            "Jabal Umran silos",
            "Sadiya",
            "wheat and barley",
            700,
            23,
            "carried by ACT",
        ],
        [
            "S-2015-008",
            "2015-07-05",
            "Jabal Umran silos",
            "Port of Bahran",
            "wheat, flour, spare parts",
            260,
            22,
            "convoy via Al-Rashid road",
        ],
    ]
    docs.append(Doc(SHIPMENTS, "csv", writers.csv_bytes(shipments), at(7, 6, 9)))

    payments = {
        "Q1 2015": [
            ["Date", "Payee", "Purpose", "Amount (USD)", "Method"],
            ["2015-01-20", "Karim Haddad", "Expenses, meeting in Bahran", 1500, "cash"],
            ["2015-02-17", "Amber Coast Trading", "Commission, first exchange", 12600, "wheat"],
            ["2015-03-15", "Amber Coast Trading", "Commission, second exchange", 18400, "wheat"],
            ["2015-03-20", "Drivers (15)", "Bonus, Ras Kadir trips", 3000, "cash"],
        ],
        "Notes": [
            ["Note"],
            ["Wheat valued at the Sadiya market price on the day of the exchange."],
            ["All payments approved by the commander."],
        ],
    }
    docs.append(Doc(PAYMENTS, "xls", writers.xls(payments), at(3, 31, 18)))

    invoices = {
        "Invoices": [
            ["Invoice", "Date", "From", "Description", "Amount (USD)", "Paid"],
            [
                "ACT-2015-011",
                "2015-02-17",
                "Amber Coast Trading",
                "Commission, exchange 1",
                12600,
                "yes",
            ],
            [
                "ACT-2015-019",
                "2015-03-15",
                "Amber Coast Trading",
                "Commission, exchange 2",
                18400,
                "yes",
            ],
            [
                "ACT-2015-031",
                "2015-04-12",
                "Amber Coast Trading",
                "Commission, exchange 3, transport, fee",
                35100,
                "no",
            ],
            [
                "ACT-2015-058",
                "2015-07-06",
                "Amber Coast Trading",
                "Arrangements for the convoy of 5 July",
                9000,
                "no",
            ],
        ]
    }
    docs.append(
        Doc(
            INVOICES,
            "ods",
            writers.ods(invoices, title="Invoices 2015", author="Omar Fadel", when=at(7, 8, 10)),
            at(7, 8, 10),
        )
    )

    contract = [
        ("h", "Contract for the exchange of goods"),
        "Made at Bahran on 25 January 2015 between Amber Coast Trading Company, represented by "
        "its director Karim Haddad, and the client known in this contract as 'Valley'.",
        "Article 1. Amber Coast Trading supplies diesel and petrol at Ras Kadir in the "
        "quantities agreed each month.",
        "Article 2. The client delivers wheat and barley from Jabal Umran to Amber Coast "
        "Trading, which carries it to Sadiya at its own risk.",
        "Article 3. Amber Coast Trading receives a commission of four per cent of the value of "
        "each exchange.",
        "Article 4. The parties keep this contract secret. It is governed by the custom of the "
        "port.",
        "عقد مقايضة بين شركة الساحل العنبري للتجارة والعميل المعروف باسم «الوادي».",
        "المادة 1: تورد الشركة الديزل والبنزين في رأس كادر.",
        "المادة 2: يسلم العميل القمح والشعير من جبل عمران.",
        "Signed: Karim Haddad - for the client: O. F.",
    ]
    docs.append(
        Doc(
            CONTRACT,
            "rtf",
            writers.rtf(contract, title="Contract", author="Karim Haddad", when=at(1, 25, 12)),
            at(1, 25, 12),
        )
    )

    docs.append(Doc(INVOICE_031, "pdf", invoice_031(), at(4, 12, 11)))

    # The same memo saved twice: once by the commander's office, once in the accounts.
    docs.append(
        Doc(MEMO_COPY, "pdf", memo_fuel.data, memo_fuel.when, flags={"duplicate_of": MEMO_FUEL})
    )

    backup = writers.docx(
        [
            ("h", "Ledger backup - June 2015"),
            "Copy of the fuel for grain ledger made before the quartermaster's laptop was "
            "replaced.",
            *[
                f"Line {n}: exchange of {d}, {q} tonnes of diesel, broker Amber Coast Trading."
                for n, (d, q) in enumerate(
                    [("16 February", 300), ("14 March", 420), ("11 April", 500)] * 12, start=1
                )
            ],
        ],
        title="Ledger backup",
        author="Omar Fadel",
        when=at(6, 2, 9),
    )
    docs.append(
        Doc(
            LEDGER_BACKUP,
            "docx",
            writers.truncate(backup, 0.5),
            at(6, 2, 9),
            flags={"corrupt": True},
        )
    )

    receipts_name = "grain_receipts_2015-04.csv"
    receipts = writers.csv_bytes(
        [
            ["receipt", "date", "silo", "grain", "tonnes", "received_by"],
            ["R-0412-01", "2015-04-11", "Jabal Umran 1", "wheat", 250, "Amber Coast Trading"],
            ["R-0412-02", "2015-04-11", "Jabal Umran 2", "wheat", 250, "Amber Coast Trading"],
            ["R-0412-03", "2015-04-11", "Jabal Umran 3", "barley", 200, "Amber Coast Trading"],
        ]
    )
    receipts_doc = Doc(member(RECEIPTS_GZ, receipts_name), "csv", receipts, at(4, 12, 8))
    docs.append(
        Doc(
            RECEIPTS_GZ,
            "gz",
            writers.gzip_bytes(receipts, receipts_name, at(4, 12, 8)),
            at(4, 12, 8),
            language=None,
            children=[receipts_doc],
        )
    )

    summary = {
        "account": "fuel for grain",
        "year": 2015,
        "broker": "Amber Coast Trading",
        "exchanges": [
            {
                "date": "2015-02-16",
                "place": "Ras Kadir",
                "diesel_t": 300,
                "petrol_t": 0,
                "grain_t": 450,
            },
            {
                "date": "2015-03-14",
                "place": "Ras Kadir",
                "diesel_t": 420,
                "petrol_t": 0,
                "grain_t": 600,
            },
            {
                "date": "2015-04-11",
                "place": "Ras Kadir",
                "diesel_t": 500,
                "petrol_t": 40,
                "grain_t": 700,
            },
        ],
        "notes": [
            "Exported from the quartermaster's laptop on 30 September 2015.",
            "مقايضة الوقود بالحبوب - ثلاث عمليات في رأس كادر.",
        ],
    }
    docs.append(Doc(SUMMARY_JSON, "json", writers.json_bytes(summary), at(9, 30, 20)))
    return docs
