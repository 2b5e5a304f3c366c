"""Event coding on parsed sentences: categories, actors, flags and evidence offsets."""

from __future__ import annotations

import pytest

from casegraph.nlp.events import find_events, lexicon
from casegraph.nlp.plover import CATEGORIES
from casegraph.nlp.recognize import load_pipeline
from casegraph.settings import Settings

MODEL = Settings().nlp_model


def _events(text: str, offset: int = 0):
    return find_events(load_pipeline(MODEL)(text), "d1", 1, offset)


def _only(text: str):
    (event,) = _events(text)
    return event, _roles(event)


def _one(text: str, category: str):
    """The event of a category among a sentence's events, and its roles."""
    event = next(e for e in _events(text) if e.category == category)
    return event, _roles(event)


def _roles(event) -> dict[str, list[str]]:
    roles = {}
    for role in event.roles:
        roles.setdefault(role.role, []).append(role.text)
    return roles


def test_every_lexicon_row_codes_to_a_plover_category_and_mode() -> None:
    rows = [row for found in lexicon().values() for row in found]
    assert len(rows) > 300
    assert {row.category for row in rows} == set(CATEGORIES)
    for row in rows:
        assert not row.mode or row.mode in CATEGORIES[row.category].modes, row


def test_a_verb_gives_category_source_target_place_and_time() -> None:
    event, roles = _only("The militia attacked the army base in Homs on Tuesday.")
    assert (event.category, event.quad) == ("ASSAULT", "material_conflict")
    assert roles["source"] == ["The militia"] and roles["target"] == ["the army base"]
    assert roles["location"] == ["Homs"] and roles["date"] == ["Tuesday"]
    assert event.intensity == CATEGORIES["ASSAULT"].intensity < 0
    assert not event.negated and not event.hypothetical


def test_offsets_point_into_the_page_text() -> None:
    text = "The rebels released twelve prisoners."
    offset = 500
    (event,) = _events(text, offset)
    page = "x" * offset + text
    assert page[event.trigger_start : event.trigger_end] == "released"
    assert page[event.start : event.end] == text
    assert all(page[r.start : r.end] == r.text for r in event.roles)


@pytest.mark.parametrize(
    ("text", "category", "mode"),
    [
        ("The militia pulled its heavy guns out of the district.", "RETREAT", "withdraw"),
        ("The army let the convoy through the checkpoint.", "RETREAT", "access"),
        ("The two sides swapped fuel for grain.", "COOPERATE", ""),
        ("Both sides exchanged prisoners on Friday.", "RETREAT", "release"),
        ("Government jets bombed the market.", "ASSAULT", "aerial"),
        ("The ministry imposed a curfew on the city.", "COERCE", "curfew"),
    ],
)
def test_phrasal_and_object_rows_win_over_the_bare_verb(text: str, category: str, mode: str):
    event, _ = _only(text)
    assert (event.category, event.mode) == (category, mode)


def test_a_noun_with_its_actors_is_an_event_and_joint_actors_are_kept() -> None:
    event, roles = _only("A deal between the army and the Brigades was found in the files.")
    assert event.category == "AGREE"
    assert roles["source"] == ["the army", "the Brigades"]


def test_negation_and_hypotheticals_are_flagged_not_dropped() -> None:
    negated, _ = _only("The army did not shell the village.")
    assert negated.negated and not negated.hypothetical
    future, _ = _only("Turkey will send troops to Libya.")
    assert future.hypothetical and future.category == "MOBILIZE"
    generic, _ = _only("The garrison is to answer any rebel attack on the bridge.")
    assert generic.category == "ASSAULT" and generic.hypothetical  # a kind of act, not one
    done, _ = _only("The rebels launched an attack on the bridge on Monday.")
    assert done.category == "ASSAULT" and not done.hypothetical


def test_an_act_under_a_threat_is_the_threat_only() -> None:
    event, roles = _only("The government threatened to bomb rebel positions.")
    assert event.category == "THREATEN" and roles["target"] == ["rebel positions"]


def test_an_order_without_a_subject_is_issued_by_the_document() -> None:
    event, roles = _only("Move all armour out of the district by Friday.")
    assert (event.category, event.mode) == ("RETREAT", "withdraw")
    assert "issuer" in roles and "source" not in roles
    assert event.hypothetical  # an order is not yet the act


def test_an_ordered_act_is_written_at_the_order_with_its_giver_as_source() -> None:
    text = "The commander ordered his battalions to pull their guns out of the town."
    event, roles = _only(text)
    assert text[event.trigger_start : event.trigger_end] == "ordered"
    assert event.category == "RETREAT"
    assert roles["source"] == ["The commander"] and roles["target"] == ["his battalions"]


def test_background_sentences_have_no_events() -> None:
    assert _events("The city lies on the river and its market opens at dawn.") == []


def test_a_force_leaving_ground_is_a_withdrawal_from_the_side_that_comes_in() -> None:
    text = "The rebels left the town hours before government forces entered it."
    event, roles = _one(text, "RETREAT")
    assert event.mode == "withdraw" and not event.hypothetical
    assert roles["source"] == ["The rebels"] and roles["target"] == ["government forces"]
    event, roles = _only(
        "All tanks and heavy guns of the Southern Valley Brigades are to leave the district "
        "by midnight, before the army's advance."
    )
    assert roles["source"] == ["the Southern Valley Brigades"] and roles["target"] == ["the army"]
    assert event.hypothetical  # "are to leave": not yet done
    trip = _events("The minister left Baghdad for talks in Paris.")
    assert [e.category for e in trip] == ["CONSULT"]  # the talks, not a withdrawal


def test_a_hand_over_is_aimed_at_the_side_the_other_clause_names() -> None:
    text = "Our units entered the port and the army handed over the gates without a shot."
    _, roles = _one(text, "RETREAT")
    assert roles["source"] == ["the army"] and roles["target"] == ["Our units"]
    event, roles = _only("The army agreed to sell fuel to us.")
    assert event.category == "AGREE" and roles["target"] == ["us"]
    joint, roles = _only("Israel and Hamas agreed to a truce after talks in Cairo.")
    assert "target" not in roles
    # the writer of "we have seen papers that describe exchanges" is no party to them
    described = _events("We have seen papers that describe exchanges of army diesel for grain.")
    assert described and all("target" not in _roles(e) for e in described)


def test_goods_given_in_exchange_are_a_trade_between_their_owners() -> None:
    event, roles = _only(
        "Smugglers handed 300 tonnes of army diesel to the militia in exchange for wheat."
    )
    assert event.category == "COOPERATE"
    assert roles["source"] == ["Smugglers", "army"] and roles["target"] == ["the militia"]


def test_an_act_in_return_answers_the_act_before_it() -> None:
    text = (
        "The army sent medicine to the clinic of the Brigades. "
        "In return, the quartermaster kept the mortar teams away from the road."
    )
    kept, roles = _one(text, "RETREAT")
    assert kept.mode == "withdraw" and roles["target"] == ["The army"]


def test_aid_arriving_is_aid_and_a_negated_subject_negates() -> None:
    event, roles = _only("Two trucks of medicine from army stores reached the clinic.")
    assert event.category == "AID" and not event.negated
    assert roles["source"] == ["army stores"] and roles["target"] == ["the clinic"]
    refused, _ = _only("Not a single aid truck has reached the clinic in three weeks.")
    assert refused.negated
    assert _events("Food prices reached a record high in May.") == []


def test_telling_someone_of_a_coming_operation_is_sharing_intelligence() -> None:
    event, roles = _one(
        "The general asks me to tell you that the advance on Wadi Sirr will begin on 18 May.",
        "COOPERATE",
    )
    assert roles["source"] == ["The general"] and roles["target"] == ["you"]
    assert not event.negated
    # announcing an operation to the press shares nothing with a party
    told = _events("The spokesman told reporters that the offensive will begin on Monday.")
    assert "COOPERATE" not in {e.category for e in told}


def test_a_withdrawal_takes_its_other_side_from_the_next_sentence() -> None:
    event, roles = _one(
        "1. Move all armour out of the district by Friday. "
        "2. Do not fire on army columns entering Wadi Sirr.",
        "RETREAT",
    )
    assert roles["target"] == ["army columns"] and event.hypothetical
    # a sentence with another actor word of its own ("their") does not look further
    _, alone = _one("The rebels pulled their guns out of the town. The army shelled it.", "RETREAT")
    assert "target" not in alone


def test_crossing_a_checkpoint_unsearched_is_passage_its_holder_allowed() -> None:
    text = "The convoy crossed the army checkpoint at Qasr Hamid and was not searched."
    event, roles = _one(text, "RETREAT")
    assert event.mode == "access" and not event.negated
    assert roles["source"] == ["army"] and roles["target"] == ["The convoy"]
    assert not [e for e in _events("The convoy crossed the army checkpoint at dawn.")]


def test_a_ledger_row_naming_one_side_leaves_the_other_to_its_keeper() -> None:
    header = "Date\tPlace\tBroker\tRemarks\n"
    row = "2015-03-14\tRas Kadir\tACT\tSecond exchange of fuel for grain: 420 tonnes of "
    row += "diesel from army stocks against 600 tonnes of wheat.\n"
    event, roles = _one(header + row, "COOPERATE")
    assert roles["source"] == ["army stocks"] and roles["target"] == [""]
    prose = "The exchange of 420 tonnes of diesel from army stocks went ahead."
    assert _roles(next(e for e in _events(prose) if e.category == "COOPERATE")).get("target") != [
        ""
    ]


def test_an_act_takes_the_writer_of_the_sentence_before_as_its_other_side() -> None:
    text = "I asked for the convoy to pass. Haddad says the general will agree."
    _, roles = _one(text, "AGREE")
    assert roles["source"] == ["the general"] and roles["target"] == ["I"]


def test_forces_moving_off_ahead_of_an_advance_are_a_withdrawal() -> None:
    text = "The tanks and heavy guns reached the hills two days before the army entered the town."
    event, roles = _one(text, "RETREAT")
    assert event.mode == "withdraw" and not event.hypothetical
    assert roles["source"] == ["The tanks", "heavy guns"] and roles["target"] == ["the army"]
    assert not [e for e in _events("The tanks reached the hills before the rain.")]
    # two named sides are a joint act, not one side's weapons
    joint = _roles(_only("The army and the rebels swapped fuel for grain.")[0])
    assert "target" not in joint


def test_a_pull_back_announced_at_a_meeting_is_the_speaker_s_towards_the_other_party() -> None:
    text = (
        "Colonel Hadi met the quartermaster at the port. "
        "The colonel said that the battery will be pulled back to the city."
    )
    event, roles = _one(text, "RETREAT")
    assert roles["source"] == ["The colonel"] and roles["target"] == ["the quartermaster"]
    # a witness telling of some tanks leaving does not own them
    _, witness = _one("Residents said the tanks would withdraw from the town.", "RETREAT")
    assert witness["source"] == ["the tanks"]


def test_an_act_in_a_table_row_is_dated_by_the_row_s_date_cell() -> None:
    rows = "id,date,from,to,cargo,note\n"
    rows += "S-2,2015-03-14,Ras Kadir refinery,Tell Hamra,diesel,second exchange of fuel\n"
    rows += "S-3,2015-04-11,Ras Kadir refinery,Tell Hamra,diesel,third exchange of fuel\n"
    dates = [_roles(e).get("date") for e in _events(rows) if e.category == "COOPERATE"]
    assert dates == [["2015-03-14"], ["2015-04-11"]]


def test_an_arabic_sentence_next_to_an_english_one_gives_it_no_side() -> None:
    _, roles = _one("The army handed over the port. وانسحب الجيش من الميناء.", "RETREAT")
    assert all(text.isascii() for texts in roles.values() for text in texts), roles


@pytest.mark.parametrize(
    ("text", "category", "role", "actor"),
    [
        (
            "The Harbour Trust closed the beach for a week. It has apologised to swimmers.",
            "CONCEDE",
            "source",
            "The Harbour Trust",
        ),
        (
            "Two officers stopped the courier at the bridge. They arrested him an hour later.",
            "COERCE",
            "source",
            "Two officers",
        ),
        (
            "The gunman walked into the hall, and witnesses said he shot the mayor twice.",
            "ASSAULT",
            "source",
            "The gunman",
        ),
    ],
)
def test_a_pronoun_takes_the_actor_it_stands_for(
    text: str, category: str, role: str, actor: str
) -> None:
    _, roles = _one(text, category)
    assert roles[role] == [actor]


def test_a_pronoun_is_not_a_word_of_its_own_clause() -> None:
    _, roles = _one("Maria Lenz met the envoy. The premier praised her on Monday.", "SUPPORT")
    assert roles["target"] == ["Maria Lenz"]


def test_a_judgement_is_aimed_at_the_deed_it_judges() -> None:
    _, roles = _one("The council condemned the bombing of the market.", "ACCUSE")
    assert roles["target"] == ["the bombing"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Moscow banned imports of Georgian wine and mineral water.", "SANCTION"),
        ("The ministry restricted exports of rare metals to Japan.", "SANCTION"),
        ("The police blocked the road to the airport.", "COERCE"),
        ("The governor withdrew his nomination of the judge.", "CONCEDE"),
        ("The rebels withdrew their fighters from the town.", "RETREAT"),
        ("Prosecutors dropped the charges against the editor.", "CONCEDE"),
    ],
)
def test_what_an_act_is_done_to_can_change_its_category(text: str, category: str) -> None:
    assert [e.category for e in _events(text)] == [category]


def test_a_noun_that_undergoes_an_act_is_its_target_beside_the_agent() -> None:
    _, roles = _one("Aid reached the villagers besieged by the militia.", "COERCE")
    assert roles == {"source": ["the militia"], "target": ["the villagers"]}


def test_a_coordinated_act_shares_the_subject_its_first_act_inherits() -> None:
    text = "The mayor thanked the governor for visiting the town and releasing the prisoners."
    _, roles = _one(text, "RETREAT")
    assert roles["source"] == ["the governor"]


def test_an_act_received_is_aimed_at_the_subject_and_given_by_its_giver() -> None:
    _, roles = _one("The dissident obtained political asylum in Norway in 1990.", "AID")
    assert roles["source"] == ["Norway"] and roles["target"] == ["The dissident"]


def test_a_joint_act_setting_the_scene_takes_the_subject_as_a_party() -> None:
    text = "Jordan, in coordination with Egypt, opened a corridor for refugees."
    _, roles = _one(text, "COOPERATE")
    assert roles["source"] == ["Jordan"] and roles["target"] == ["Egypt"]


def test_a_date_that_bounds_a_period_is_not_the_day_of_the_act() -> None:
    events = _events("The Brigades and the army have fought each other since 2013.")
    assert events and all("date" not in _roles(event) for event in events)
    dated = _one("The army shelled Khirbet Nasr on 2 August 2015.", "ASSAULT")[1]
    assert dated["date"] == ["2 August 2015"]


def test_goods_received_from_a_side_are_its_supply_to_the_receiver() -> None:
    event, roles = _one(
        "On 5 March we received 400 tonnes of diesel from the government side at Harl Bridge.",
        "AID",
    )
    assert roles["source"] == ["the government side"] and roles["target"] == ["we"]
    # what is received from no one named is no act between sides
    assert not [e for e in _events("We received 400 tonnes of diesel.") if e.category == "AID"]


def test_goods_sent_to_a_side_aim_at_it_wherever_the_parse_hangs_the_to() -> None:
    _, roles = _one(
        "The Ministry has sent 2,750 tonnes of diesel and 20 tonnes of lubricating oil "
        "to the rebels through a trading company.",
        "AID",
    )
    assert roles["target"] == ["the rebels"]


def test_fighting_on_the_same_side_is_cooperation_not_a_fight() -> None:
    event, roles = _one("The two groups have never fought on the same side.", "COOPERATE")
    assert event.negated and "target" not in roles
    assert not [
        e
        for e in _events("The two groups have never fought on the same side.")
        if e.category == "ASSAULT"
    ]
    assert _one("Rebels fought alongside the army.", "COOPERATE")[1]["target"] == ["the army"]


def test_forces_leaving_before_the_other_side_arrives_withdrew_for_it() -> None:
    event, roles = _one(
        "Residents said that the army's tanks had left days before the Legion arrived.", "RETREAT"
    )
    assert event.mode == "withdraw" and roles["target"] == ["the Legion"]
    assert not [
        e for e in _events("He left hours before the police arrived.") if e.category == "RETREAT"
    ]


def test_goods_are_no_target_whoever_s_name_they_bear_and_contacts_are_talks() -> None:
    _, roles = _one("State fuel is being sold to the rebels.", "COOPERATE")
    assert roles["target"] == ["the rebels"]
    event, roles = _one("The army had no contacts with the rebels.", "CONSULT")
    assert event.negated and roles["source"] == ["The army"]
    assert roles["target"] == ["the rebels"]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # a verdict and a plea, and the charges they are on are no new accusation
        ("The former mayor was found guilty of 12 charges.", [("SANCTION", "found")]),
        ("The contractor pleaded guilty to two charges of fraud.", [("CONCEDE", "pleaded")]),
        (
            "The court sentenced her to ten years and fined her $2 million.",
            [("COERCE", "sentenced"), ("COERCE", "fined")],
        ),
        # a hyphenated trigger is found whole, and a tried act is the act
        ("The cleric declared a cease-fire in the south.", [("RETREAT", "cease-fire")]),
        (
            "He accused the officers of staging a coup attempt.",
            [("ACCUSE", "accused"), ("ASSAULT", "coup")],
        ),
        # the noun a number stands for decides the row: diplomats expelled are a sanction
        ("Each country expelled 23 of the other's diplomats.", [("SANCTION", "expelled")]),
        # only forces enter as a mobilisation; naming a thing is judging it
        ("The ban stops Muslims entering the country.", [("COERCE", "ban")]),
        ("Russian troops entered the town at dawn.", [("MOBILIZE", "entered")]),
        (
            'The senator called the tariffs "the dumbest possible way" forward.',
            [("ACCUSE", "called")],
        ),
        ("The minister called the envoy a true friend.", [("SUPPORT", "called")]),
        ("Iran rejected the demand, calling it politically motivated.", [("REJECT", "rejected")]),
        # signing is agreeing only to an agreement; an arms deal is trade
        ("The president signed a proclamation on Wednesday.", []),
        ("The two sides signed a treaty in Geneva.", [("AGREE", "signed")]),
        ("Zuma faces charges over the arms deal.", [("ACCUSE", "charges"), ("COOPERATE", "deal")]),
        ("Hundreds rallied in support of the prisoners.", [("PROTEST", "rallied")]),
        # an acquittal, a plea of not guilty, the active verdict, a fine on charges
        ("He was found not guilty of murder.", []),
        ("The defendants pleaded not guilty on Monday.", []),
        ("A jury found Smith guilty of murder.", [("SANCTION", "found")]),
        ("The court fined him $500 on two charges of theft.", [("COERCE", "fined")]),
        # naming without judging is no act; nor is entering talks, but a siege by forces is
        ("A group calling itself the Islamic State claimed the attack.", [("ASSAULT", "attack")]),
        ("They called their son John.", []),
        ("The president called the election result legitimate.", []),
        ("He called the decision a historic mistake.", [("ACCUSE", "called")]),
        ("Apple entered talks with the regulator.", [("CONSULT", "talks")]),
        ("The city was surrounded by government forces.", [("MOBILIZE", "surrounded")]),
        ("They signed a memorandum of understanding.", [("AGREE", "signed")]),
        # giving is aid when what is given is money or help, not a speech
        ("The foundation gave $5,000 to the shelter.", [("AID", "gave")]),
        ("The minister gave a speech on Monday.", []),
    ],
)
def test_the_wording_of_real_news_decides_what_is_coded(
    text: str, coded: list[tuple[str, str]]
) -> None:
    found = _events(text)
    assert [(e.category, text[e.trigger_start : e.trigger_end]) for e in found] == coded
