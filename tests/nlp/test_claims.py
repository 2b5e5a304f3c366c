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


def test_hedges_mark_a_claim_wherever_they_sit_in_the_sentence() -> None:
    for text in (
        "The general supposedly told his officers that the bridge would be blown up.",
        "Supposedly, the general told his officers that the bridge would be blown up.",
        "The general told his officers that the bridge would be blown up, supposedly.",
        "Rebels reportedly seized the airport, the ministry said.",
        "The ministry said the rebels had seized the airport, allegedly with help from the army.",
        "It is claimed that the rebels seized the airport.",
        "According to unverified reports, the rebels seized the airport.",
        '"We seized the airport," a rebel commander reportedly said.',
        "Abu Sayyaf, a senior official, supposedly said the convoy had crossed the border.",
    ):
        assert _one(text)[4], text
    assert not _one("The ministry said the rebels had seized the airport.")[4]


def test_arabic_hedges_mark_a_claim() -> None:
    kind, speaker, _, _, hedged = _one("مصادر: القوات انسحبت على ما يبدو من المدينة")
    assert (kind, speaker, hedged) == ("headline", "مصادر", True)
    assert _one("الجيش: القوات المزعومة انسحبت من المدينة")[4]
    assert not _one("الجيش: القوات انسحبت من المدينة")[4]


def test_a_quotation_going_on_after_its_cue_is_one_claim() -> None:
    text = '"We will not give up on this state," the senator said. "Our voters deserve better."'
    kind, speaker, cue, content, _ = _one(text)
    assert (kind, speaker, cue) == ("direct", "the senator", "said")
    assert content.startswith("We will not") and content.endswith("deserve better.")


def test_a_parenthetical_cue_reports_the_clause_around_it() -> None:
    kind, speaker, cue, content, _ = _one(
        "The two campaigns, a spokeswoman said, had agreed to a third debate in October."
    )
    assert (kind, speaker, cue) == ("indirect", "a spokeswoman", "said")
    assert content.startswith("The two campaigns") and content.endswith("in October")


def test_stances_participles_and_nouns_attribute() -> None:
    found = {
        (c.kind, c.speaker.text if c.speaker else None, c.cue.text, c.content.text)
        for c in _claims(
            "The governor criticized the new tax plan on Tuesday, saying it would hurt farmers."
        )
    }
    assert found == {
        ("stance", "The governor", "criticized", "the new tax plan"),
        ("indirect", "The governor", "saying", "it would hurt farmers"),
    }
    assert _one("The mayor vowed to rebuild the flooded neighborhoods.")[:2] == (
        "stance",
        "The mayor",
    )
    kind, speaker, cue, content, _ = _one(
        "The candidate's claim that the vote was rigged drew fire."
    )
    assert (kind, speaker, cue, content) == (
        "indirect",
        "The candidate",
        "claim",
        "the vote was rigged",
    )


def test_a_claim_told_inside_another_belongs_to_the_outer_speaker() -> None:
    (claim,) = _claims("The aide said the senator had denied that he knew the donor.")
    assert (claim.speaker.text, claim.cue.text) == ("The aide", "said")


def test_a_poll_shows_an_object_as_well_as_a_clause() -> None:
    kind, speaker, cue, content, _ = _one("A new poll shows the senator ahead by six points.")
    assert (kind, speaker, cue, content) == (
        "document",
        "A new poll",
        "shows",
        "the senator ahead by six points",
    )
    claims = _claims("The council published results showing the mayor in second place.")
    assert [(c.kind, c.speaker.text, c.content.text) for c in claims if c.kind == "document"] == [
        ("document", "results", "the mayor in second place")
    ]


def test_reportedly_hands_on_a_claim_without_a_source_unless_someone_reports_it() -> None:
    kind, speaker, cue, content, hedged = _one("The two ministers reportedly met in Vienna.")
    assert (kind, speaker, cue, content, hedged) == (
        "stance",
        None,
        "reportedly",
        "The two ministers reportedly met in Vienna",
        True,
    )
    text = "The rebels have reportedly left the town, a local official told reporters."
    assert [(c.speaker.text, c.cue.text) for c in _claims(text)] == [("a local official", "told")]


def test_a_quotation_ending_in_he_continued_is_a_claim_of_its_own() -> None:
    text = (
        '"We will not stop the work now," he said. '
        '"We have a plan for the city and the state," Mr. Graham continued.'
    )
    claims = _claims(text)
    assert [(c.speaker.text, c.cue.text, c.content.text) for c in claims] == [
        ("he", "said", "We will not stop the work now"),
        ("Mr. Graham", "continued", "We have a plan for the city and the state"),
    ]


def test_seeing_someone_as_something_is_a_view_and_seeing_alone_is_not() -> None:
    kind, speaker, cue, content, _ = _one("Most farmers see the new dam as a threat to the valley.")
    assert (kind, speaker, cue, content) == (
        "stance",
        "Most farmers",
        "see",
        "the new dam as a threat to the valley",
    )
    assert _claims("The farmers will see the new dam next week.") == []
