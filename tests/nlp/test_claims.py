"""Claims on parsed text: kinds, speakers, cues, contents and hedging."""

from __future__ import annotations

from casegraph.nlp.claims import find_claims, speakers_for_pronouns
from casegraph.nlp.events import find_events
from casegraph.nlp.recognize import load_pipeline
from casegraph.settings import Settings

MODEL = Settings().nlp_model


def _claims(text: str):
    return find_claims(load_pipeline(MODEL)(text), "d1", 1)


def _one(text: str):
    (claim,) = _claims(text)
    speaker = claim.speaker.text if claim.speaker else None
    return claim.kind, speaker, claim.cue.text, claim.content.text, claim.hedged


def test_indirect_speech_after_and_before_the_reporting_verb() -> None:
    assert _one("The analyst said the arrangement shows how weak the government is.") == (
        "indirect",
        "The analyst",
        "said",
        "the arrangement shows how weak the government is",
        False,
    )
    kind, speaker, cue, content, _ = _one("The army withdrew from the town, officials said.")
    assert (kind, speaker, cue, content) == (
        "indirect",
        "officials",
        "said",
        "The army withdrew from the town",
    )


def test_a_quotation_takes_the_speaker_of_its_reporting_verb() -> None:
    text = '"We never cooperated with the Brigades," the spokesman told reporters.'
    assert _one(text) == (
        "direct",
        "the spokesman",
        "told",
        "We never cooperated with the Brigades",
        False,
    )


def test_according_to_headlines_and_documents() -> None:
    kind, speaker, cue, content, _ = _one("According to the newspaper, the port was handed over.")
    assert (kind, speaker, cue, content) == (
        "according_to",
        "the newspaper",
        "According to",
        "the port was handed over",
    )
    kind, speaker, cue, content, _ = _one("Army says militia withdrew from the valley")
    assert (kind, speaker, cue) == ("headline", "Army", "says")
    kind, speaker, *_ = _one("Files obtained by the Observer show that the army let a convoy pass.")
    assert kind == "document" and speaker == "Files obtained by the Observer"


def test_distancing_words_and_verbs_hedge_a_claim() -> None:
    assert _one("The ministry claimed that the rebels had left.")[4]
    assert _one("Officials said the rebels had reportedly left.")[4]
    assert not _one("Officials said the rebels had left.")[4]


def test_form_fields_are_not_headlines() -> None:
    assert _claims("Subject: fuel for grain, second delivery") == []


def test_we_in_a_quotation_is_its_speaker() -> None:
    doc = load_pipeline(MODEL)('"We will not withdraw a single soldier," General Marchuk said.')
    events, claims = find_events(doc, "d1", 1), find_claims(doc, "d1", 1)
    speakers_for_pronouns(events, claims)
    (event,) = events
    assert [r.text for r in event.roles if r.role == "source"] == ["General Marchuk"]
