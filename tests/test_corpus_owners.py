"""A product or segment the talk names without its company is the company's whose documents alone print it
(seventeenth session): "Darzalex grew like a third" in a talk about Pfizer and Johnson & Johnson is J&J's,
because only J&J's 10-K prints "DARZALEX"; a name a filing mentions in passing, or that two companies'
documents print, is no one's."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from claimcheck.claims.aliases import CorpusOwners
from claimcheck.transcripts import read_transcript
from tests.factories import SETTINGS
from tests.speech_helpers import make_talk, texts_saying

_SPEECH = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "speech"

_TEXTS: list[tuple[str | None, str]] = [
    ("JOHNSON & JOHNSON", "Total Oncology\nDARZALEX\nERLEADA\nIMBRUVICA"),
    ("JOHNSON & JOHNSON", "DARZALEX (daratumumab) sales grew 32.4%. Darzalex Faspro was approved."),
    ("JOHNSON & JOHNSON", "Stelara was the largest product; DARZALEX the fastest growing."),
    ("PFIZER INC.", "Prevnar 13 and the Prevnar family declined. Prevnar 20 was approved."),
    (
        "PFIZER INC.",
        "We compete with Stelara biosimilars in the market.",
    ),  # (Stelara: two companies print it)
    ("BLOCK, INC.", "Cash App competes with PayPal's Venmo."),
    (None, "Darzalex Darzalex Darzalex Prevnar"),  # (a model card: no company's, so it counts for none)
]


def _owners() -> CorpusOwners:
    return CorpusOwners.from_texts(_TEXTS, min_mentions=3)


def test_a_name_only_one_company_prints_is_that_company_s() -> None:
    owners = _owners()
    assert owners.owner("Darzalex") == "johnson and johnson"  # (any case: a filing prints "DARZALEX")
    assert owners.owner("Prevnar") == "pfizer"


def test_a_name_two_companies_print_or_one_mentions_in_passing_is_no_one_s() -> None:
    owners = _owners()
    assert owners.owner("Stelara") is None  # printed by both
    assert owners.owner("Venmo") is None  # once, in passing
    assert owners.owner("Darza") is None  # a whole word only
    assert owners.owner("Keytruda") is None  # printed by no one


def _talk_claims(nlp: Language, owners: CorpusOwners | None) -> list[str]:
    talk = make_talk(
        "So Pfizer did eighty one billion in revenue.",
        "And Darzalex grew like a third last year.",
        title="Pfizer 2021 and J&J 2022",
        entities=["Pfizer", "Johnson & Johnson", "Darzalex"],
    )
    return texts_saying(nlp, talk, {"pfizer", "johnson and johnson"}, owners, "Darzalex")


def test_the_talk_reads_a_product_as_its_printer_s(nlp: Language) -> None:
    texts = _talk_claims(nlp, _owners())
    assert texts and all(t.startswith("[Johnson & Johnson]") for t in texts), texts


def test_without_the_corpus_the_product_rests_on_the_talk_s_focus(nlp: Language) -> None:
    # (the check above is the corpus's doing: without it, the company just said is the guess)
    texts = _talk_claims(nlp, None)
    assert texts and not any("[Johnson & Johnson]" in t for t in texts), texts


def test_an_owner_the_talk_gives_is_kept_over_the_corpus_s(nlp: Language) -> None:
    # a competitor's product that one filing prints often (Xbox in Activision Blizzard's 10-K) is still the
    # company the talk names it with
    owners = CorpusOwners.from_texts(
        [("ACTIVISION BLIZZARD, INC.", "Xbox One, Xbox Series X and Xbox Live. Our games ship on Xbox.")],
        min_mentions=3,
    )
    talk = make_talk(
        "Microsoft's Xbox is the platform here.",
        "And Xbox content grew like thirteen percent last year.",
        title="Microsoft buys Activision Blizzard",
        entities=["Microsoft", "Activision Blizzard", "Xbox"],
    )
    texts = texts_saying(nlp, talk, {"activision blizzard"}, owners, "content grew")
    assert texts and not any("[Activision Blizzard]" in t for t in texts), texts


def test_a_name_the_talk_says_unlisted_is_put_under_its_printer(nlp: Language) -> None:
    # In the labelled talk about J&J's 2022 (benchmarks/data/speech/43_…), "MedTech was twenty seven point
    # four" has spaCy's person "MedTech" for its subject and nothing before it says whose: only J&J's
    # documents print the name, so the clause is J&J's
    owners = CorpusOwners.from_texts(
        [
            ("JOHNSON & JOHNSON", "MedTech sales. MedTech franchise. MedTech segment."),
            ("PFIZER INC.", "Biopharma sales. Hospital sales. Prevnar 13."),
        ],
        min_mentions=3,
    )
    talk = read_transcript(_SPEECH / "43_jnj_fy2022_kenvue_and_pharma.txt", SETTINGS)
    corpus = {"johnson and johnson", "pfizer"}
    texts = texts_saying(nlp, talk, corpus, owners, "MedTech was twenty seven")
    assert texts == ["[Johnson & Johnson] MedTech was twenty seven point four [billion]."], texts
    # (without the corpus, nothing says whose it is)
    assert texts_saying(nlp, talk, corpus, None, "MedTech was twenty seven") == [
        "MedTech was twenty seven point four [billion]."
    ]


def test_a_speaker_an_organisation_or_a_place_is_no_one_s_part(nlp: Language) -> None:
    # only PepsiCo's filing prints "Sam's Club", "Keurig Dr Pepper" and "Japan", yet a speaker's name, a
    # company spaCy reads as an organisation and a place are nobody's segment
    owners = CorpusOwners.from_texts(
        [
            ("PepsiCo, Inc.", "Sam's Club. Keurig Dr Pepper. Japan. " * 3),
            ("WALMART INC.", "Walmart stores."),
        ],
        min_mentions=3,
    )
    talk = make_talk(
        "PepsiCo did eighty six billion last year.",
        "Sam said it was like fifteen percent.",
        "Keurig Dr Pepper grew sales like ten percent.",
        "Japan was a total disaster for them.",
        title="PepsiCo and Walmart in 2022",
        entities=["PepsiCo", "Walmart"],
        speakers=["Sam", "Ana"],
    )
    for said in ("Sam said", "Keurig", "Japan was"):
        texts = texts_saying(nlp, talk, {"pepsico", "walmart"}, owners, said)
        assert texts and not any("[PepsiCo]" in t for t in texts), texts


def test_among_the_talk_s_companies_a_name_both_print_is_the_one_named() -> None:
    # (twentieth session) "Life Sciences" is printed by both filings; in a talk that names only Corning it is
    # Corning's, in one that names both it is still no one's
    owners = CorpusOwners.from_texts(
        [
            ("CORNING INCORPORATED", "Life Sciences segment. Life Sciences sales. Life Sciences grew."),
            ("3M COMPANY", "Our life sciences customers."),
        ],
        min_mentions=3,
    )
    assert owners.owner("Life Sciences") is None
    assert owners.owner("Life Sciences", frozenset({"corning"})) == "corning"
    assert owners.owner("Life Sciences", frozenset({"corning", "3m"})) is None
    assert owners.owner("Life Sciences", frozenset({"3m"})) is None  # (once, in passing)


def _segment_texts(nlp: Language, title: str, summary: str, entities: list[str]) -> list[str]:
    owners = CorpusOwners.from_texts(
        [
            (
                "AMAZON.COM, INC.",
                "North America, International and AWS. International sales. International grew.",
            ),
            (
                "BEST BUY CO., INC.",
                "Domestic and International segments. International revenue. International.",
            ),
            ("Verizon Communications Inc.", "Consumer and Business. Business revenue. Business segment."),
        ],
        min_mentions=3,
    )
    talk = make_talk(
        "International was up too, low twenties.", title=title, summary=summary, entities=entities
    )
    corpus = {"amazon", "best buy", "verizon communications"}
    return texts_saying(nlp, talk, corpus, owners, "International")


def test_an_ordinary_word_is_the_sole_reported_company_s_part(nlp: Language) -> None:
    # (twentieth session) "International" is an ordinary word and two filings print it: in a talk that reads
    # Amazon's report alone it is Amazon's; in one that reads Amazon's and Best Buy's it is no one's
    texts = _segment_texts(nlp, "Amazon in 2017", "The hosts read Amazon's 2017 annual report.", ["Amazon"])
    assert texts == ["[Amazon] International was up too, low twenties."], texts
    both = _segment_texts(
        nlp,
        "Amazon and Best Buy",
        "The hosts read Amazon's 2017 and Best Buy's 2023 annual reports.",
        ["Amazon", "Best Buy"],
    )
    assert both and not any(t.startswith("[") for t in both), both


def test_a_company_the_talk_calls_by_its_first_words_is_the_filing_s() -> None:
    from claimcheck.claims.lexicon import _keyed

    assert _keyed("Verizon", "verizon communications")
    assert _keyed("Corning", "corning")
    assert not _keyed("Verizon", "verizons")
    assert not _keyed("American Airlines", "american express")


def test_a_filing_that_lists_a_company_does_not_own_its_name() -> None:
    # (twenty-fifth session) Amcor's 10-K lists its competitors and peers by their corporate names ("…, Berry
    # Global Group, Inc, CCL"): those mentions make neither name Amcor's, not even once; an acquired company
    # it names otherwise ("the acquisition of Bemis Company, Inc.") and a segment still count
    owners = CorpusOwners.from_texts(
        [
            (
                "AMCOR PLC",
                "Competitors include AptarGroup, Inc., Ball Corporation, Berry Global Group, Inc, CCL.",
            ),
            (
                "AMCOR PLC",
                "The Peer Group consists of Ansell Limited, Ball Corporation, Berry Global Group, Inc., "
                "Sonoco.",
            ),
            ("AMCOR PLC", "The acquisition of Bemis Company, Inc. Flexibles. Flexibles. Flexibles."),
        ],
        min_mentions=3,
    )
    assert owners.owner("Berry Global", at_least=1) is None
    assert owners.owner("Ball", at_least=1) is None
    assert owners.owner("Bemis", at_least=1) == "amcor"
    assert owners.owner("Flexibles") == "amcor"  # (a segment's name is still its printer's)


def test_a_name_said_with_a_space_is_printed_with_a_hyphen() -> None:
    owners = CorpusOwners.from_texts(
        [("PepsiCo, Inc.", "Frito-Lay North America. Frito-Lay. FRITO-LAY.")], min_mentions=3
    )
    assert owners.owner("Frito Lay") == "pepsico"
    assert owners.owner("Frito-Lay") == "pepsico"
    # (a company-operated store is no list of companies: "International company-operated stores" counts)
    stores = CorpusOwners.from_texts(
        [
            (
                "STARBUCKS CORP",
                "North America, International company-operated stores, and Channel Development.",
            )
        ],
        min_mentions=1,
    )
    assert stores.owner("International") == "starbucks"


def _amcor_talk_claims(nlp: Language, said: str) -> list[str]:
    owners = CorpusOwners.from_texts(
        [
            (
                "AMCOR PLC",
                "Flexibles segment. Flexibles sales. Flexibles volumes. Competitors include Ball "
                "Corporation, Berry Global Group, Inc, CCL.",
            )
        ]
        * 2,
        min_mentions=3,
    )
    talk = make_talk(
        "Amcor's volumes were down like three percent.",
        "Berry Global's volumes were down like high single digits too.",
        "And Sealed Air just cut its guidance again.",
        "Flexibles volumes were down four percent.",
        title="Amcor's fiscal 2023",
        summary="The hosts read Amcor's fiscal 2023 annual report and compare Berry Global and Sealed Air.",
        entities=["Amcor", "Flexibles", "Berry Global", "Sealed Air"],
    )
    return texts_saying(nlp, talk, {"amcor"}, owners, said)


def test_a_listed_name_the_talk_s_filings_never_print_is_its_own_subject(nlp: Language) -> None:
    # (twenty-fifth session; from the labelled talk 27_amcor_…) the front matter lists Berry Global and Sealed
    # Air beside Amcor, yet Amcor's documents never print them as anything of Amcor's: a clause about them
    # is not put under [Amcor], and so no Amcor figure is read as theirs
    for said in ("Berry Global's volumes", "Sealed Air just cut"):
        texts = _amcor_talk_claims(nlp, said)
        assert texts and not any("[Amcor]" in t for t in texts), texts
    # (a segment Amcor's documents print is still Amcor's)
    assert _amcor_talk_claims(nlp, "Flexibles volumes") == [
        "[Amcor] Flexibles volumes were down four percent."
    ]


def test_the_name_a_clause_is_about_decides_not_another_it_says(nlp: Language) -> None:
    # (twenty-fifth session; from 07_boeing_corning_…) Corning's documents print Gorilla Glass, not the
    # iPhone 15 the clause is about: no [Corning] in front of it; "Gorilla Glass" alone is still Corning's
    owners = CorpusOwners.from_texts([("CORNING INCORPORATED", "Gorilla Glass. " * 4)], min_mentions=3)
    talk = make_talk(
        "Corning did like fourteen billion in sales.",
        "And every iPhone 15 uses Gorilla Glass.",
        "Gorilla Glass grew like eight percent.",
        title="Corning in 2022",
        summary="The hosts read Corning's 2022 annual report.",
        entities=["Corning", "Gorilla Glass", "iPhone 15"],
    )
    iphone = texts_saying(nlp, talk, {"corning"}, owners, "iPhone")
    assert iphone and not any("[Corning]" in t for t in iphone), iphone
    assert texts_saying(nlp, talk, {"corning"}, owners, "grew like") == [
        "[Corning] Gorilla Glass grew like eight percent."
    ]


def test_a_company_spacy_finds_that_the_talk_s_filings_never_print_is_its_own_subject(nlp: Language) -> None:
    # (from 07_boeing_corning_… and 16_amex_…, dev) a name of two words or more that spaCy reads, that the
    # front matter does not list and no document of the talk's companies prints, is not Boeing's part
    owners = CorpusOwners.from_texts(
        [("THE BOEING COMPANY", "737 deliveries. 787 program. 737 MAX.")], min_mentions=3
    )
    talk = make_talk(
        "Boeing delivered four hundred and eighty airplanes.",
        "Spirit AeroSystems builds like seventy percent of the 737 anyway.",
        title="Boeing in 2022",
        summary="The hosts read Boeing's 2022 annual report.",
        entities=["Boeing"],
    )
    texts = texts_saying(nlp, talk, {"boeing"}, owners, "Spirit")
    assert texts and not any("[Boeing]" in t for t in texts), texts


def _corning_claims(nlp: Language, owners: CorpusOwners, corpus: set[str]) -> list[str]:
    talk = make_talk(
        "Corning did like fourteen billion in sales.",
        "Valor did like a hundred million in sales.",
        title="Corning in 2022",
        summary="The hosts read Corning's 2022 annual report.",
        entities=["Corning", "Valor"],
    )
    return texts_saying(nlp, talk, corpus, owners, "Valor")


def test_a_name_the_talk_s_filing_prints_even_once_is_still_its_company_s(nlp: Language) -> None:
    # (from a review of the rule above) Corning's 10-K prints "Valor" once: too few to make it Corning's from
    # the corpus alone, enough to keep the talk's company in front of it, as before
    once = CorpusOwners.from_texts([("CORNING INCORPORATED", "Valor Glass. Gorilla Glass.")], min_mentions=3)
    assert _corning_claims(nlp, once, {"corning"}) == ["[Corning] Valor did a hundred million in sales."]
    # (a corpus with no document of the talk's companies cannot tell either way)
    other = CorpusOwners.from_texts([("FORD MOTOR CO", "F-150. Mustang. Bronco.")], min_mentions=3)
    assert _corning_claims(nlp, other, {"ford motor"}) == ["[Corning] Valor did a hundred million in sales."]
    # (and one that never prints it is another's: no [Corning])
    never = CorpusOwners.from_texts(
        [("CORNING INCORPORATED", "Gorilla Glass. Optical fiber.")], min_mentions=3
    )
    assert _corning_claims(nlp, never, {"corning"}) == ["Valor did a hundred million in sales."]


def _segment_talk(nlp: Language, owners: CorpusOwners | None, said: str) -> list[str]:
    # In the labelled talk about 3M's 2018 (benchmarks/data/speech/15_…), Corning is named just before "And
    # Electronics and Energy sales dropped like ten percent": spaCy reads the segment's name as two names
    # (or "Energy" alone), so the company just said took it
    talk = make_talk(
        "So the segment table is up, 3M's five segments.",
        "Electronics and Energy was higher, but only because they sold the telecom business to Corning.",
        "And Electronics and Energy sales dropped like ten percent.",
        "And March and April were slow months for everyone.",
        title="3M's 2018",
        entities=["3M", "Corning"],
    )
    return texts_saying(nlp, talk, {"3m", "corning"}, owners, said)


def _segment_owners() -> CorpusOwners:
    return CorpusOwners.from_texts(
        [
            ("3M COMPANY", "Electronics and Energy sales. Electronics and Energy segment. " * 2),
            ("3M COMPANY", "Sales in March and April. March and April. March and April."),
            ("CORNING INCORPORATED", "Optical Communications sales. Display Technologies."),
        ],
        min_mentions=3,
    )


def test_a_part_named_with_and_is_its_printer_s(nlp: Language) -> None:
    texts = _segment_talk(nlp, _segment_owners(), "sales dropped")
    assert texts == ["[3M] Electronics and Energy sales dropped like ten percent."], texts
    # (without the corpus, the company just said is the guess)
    assert _segment_talk(nlp, None, "sales dropped") == [
        "[Corning] Electronics and Energy sales dropped like ten percent."
    ]


def test_two_months_are_no_part(nlp: Language) -> None:
    texts = _segment_talk(nlp, _segment_owners(), "slow months")
    assert texts and not any("[3M]" in t for t in texts), texts


def test_a_pair_of_companies_is_no_part(nlp: Language) -> None:
    owners = CorpusOwners.from_texts(
        [
            ("3M COMPANY", "Apple and Google. Electronics and Energy. " * 3),
            ("CORNING INCORPORATED", "Optical Communications."),
        ],
        min_mentions=3,
    )
    talk = make_talk(
        "So the segment table is up, 3M's five segments.",
        "Apple and Google both grew like ten percent last year.",
        "And Electronics and Energy sales dropped like ten percent.",
        title="3M's 2018",
        entities=["3M", "Corning"],
    )
    google = texts_saying(nlp, talk, {"3m", "corning"}, owners, "Google")
    assert google and not any(t.startswith("[3M]") for t in google), google
    assert texts_saying(nlp, talk, {"3m", "corning"}, owners, "sales dropped") == [
        "[3M] Electronics and Energy sales dropped like ten percent."
    ]
