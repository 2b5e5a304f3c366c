"""Sources of the committed legacy assets: sample.doc, sample.ppt and sample.msg.

No Python library writes .doc or .ppt, so scripts/make_legacy_assets.sh runs
``python -m casegraph.demo.legacy OUTDIR`` to write a DOCX and a PPTX from the
blocks below, converts them with LibreOffice into assets/sample.doc and
assets/sample.ppt, and writes assets/sample.msg with the MSG writer. The trove
copies the committed assets in, so building it needs no LibreOffice.

Each of the three contains the sentence in ``CONVOY_SENTENCE``.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from . import writers
from .model import at
from .msg import Attachment, Recipient, build_msg

CONVOY_SENTENCE = "The convoy will pass the northern checkpoint at dawn."
REQUEST_SENTENCE = (
    "We ask that the army lift its roadblocks on the Al-Rashid road for our convoy "
    "on the night of 4 to 5 July 2015."
)
ROUTE_TEXT = "Route: Al-Rashid road to the port."

CONVOY_REQUEST_BLOCKS: list[writers.Block] = [
    ("h", "Southern Valley Brigades - Office of the Quartermaster"),
    "Ref: QM/118/2015",
    "Date: 3 July 2015",
    "To: Mr. Karim Haddad, Amber Coast Trading Company, for the Southern Command of the "
    "National Army",
    "Subject: Request for passage of a convoy",
    REQUEST_SENTENCE,
    "The convoy is made up of 22 trucks carrying wheat, flour and spare parts, with four "
    "escort vehicles. No heavy weapons will travel with it.",
    CONVOY_SENTENCE,
    "We ask that the soldiers at the Qasr Hamid checkpoint are told in advance and that "
    "the trucks are not searched.",
    "As agreed, Amber Coast will receive its usual commission on the fuel for grain account.",
    "Omar Fadel",
    "Quartermaster, Southern Valley Brigades",
]

CONVOY_PLAN_TITLE = "Convoy plan, 5 July 2015"
CONVOY_PLAN_SLIDES: dict[str, list[str]] = {
    "Route": [
        "Jabal Umran silos - Al-Rashid road - Qasr Hamid checkpoint - Port of Bahran",
        CONVOY_SENTENCE,
        "Army roadblocks on the Al-Rashid road lifted for the night of 4 to 5 July",
    ],
    "Vehicles": [
        "22 trucks: wheat, flour, spare parts",
        "4 escort vehicles, light weapons only",
        "No heavy weapons with the convoy",
    ],
    "Contacts": [
        "Amber Coast Trading: Karim Haddad",
        "Quartermaster: Omar Fadel",
        "Radio silence until the trucks reach Bahran",
    ],
}

CONVOY_MSG_BODY = (
    "Omar,\r\n\r\n"
    "I spoke to the general's office this afternoon. Everything is arranged for the "
    "night of 4 to 5 July.\r\n\r\n"
    f"{CONVOY_SENTENCE} The soldiers at Qasr Hamid have their instructions and will not "
    "search the trucks.\r\n\r\n"
    "The route is attached. Please make sure the drivers keep to it and do not stop "
    "before the port.\r\n\r\n"
    "Karim\r\n"
)


def convoy_msg() -> bytes:
    """The Outlook message 'Convoy timing' (the trove's copy and assets/sample.msg)."""
    return build_msg(
        subject="Convoy timing",
        sender_name="Karim Haddad",
        sender_email="k.haddad@example.org",
        recipients=[Recipient("Omar Fadel", "o.fadel@example.net")],
        body=CONVOY_MSG_BODY,
        date=at(7, 3, 17, 42),
        message_id="20150703174200.QM118@example.org",
        attachments=[Attachment("route.txt", ROUTE_TEXT.encode("ascii"), "text/plain")],
    )


def asset(name: str) -> bytes:
    """A committed asset (sample.doc, sample.ppt, sample.msg)."""
    path = resources.files("casegraph.demo") / "assets" / name
    if not path.is_file():
        raise FileNotFoundError(
            f"demo asset {name} is missing: run scripts/make_legacy_assets.sh to create it"
        )
    return path.read_bytes()


def write_sources(out: Path) -> None:
    """Write the DOCX and PPTX that LibreOffice turns into sample.doc and sample.ppt."""
    out.mkdir(parents=True, exist_ok=True)
    when = at(7, 3, 11, 0)
    (out / "sample.docx").write_bytes(
        writers.docx(
            CONVOY_REQUEST_BLOCKS,
            title="Request for passage of a convoy",
            author="Omar Fadel",
            when=when,
        )
    )
    (out / "sample.pptx").write_bytes(
        writers.pptx(CONVOY_PLAN_SLIDES, title=CONVOY_PLAN_TITLE, author="Omar Fadel", when=when)
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m casegraph.demo.legacy SOURCES_DIR ASSETS_DIR", file=sys.stderr)
        return 2
    write_sources(Path(argv[0]))
    assets = Path(argv[1])
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "sample.msg").write_bytes(convoy_msg())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
