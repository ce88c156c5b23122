"""Who made a claim, as schema.org sees it: a Person or an Organization."""

from __future__ import annotations

from service.services.claimreview import claim_author


def test_people_and_bodies() -> None:
    assert claim_author("Volodymyr Zelensky", "person", "Volodymyr Zelensky", "X") == {
        "@type": "Person",
        "name": "Volodymyr Zelensky",
    }
    spokesperson = claim_author("John Kirby", "organization", "US National Security Council", "X")
    assert spokesperson["@type"] == "Person"
    assert spokesperson["affiliation"]["name"] == "US National Security Council"
    assert claim_author("U.S. Department of Defense", "organization", None, "X")["@type"] == (
        "Organization"
    )
    assert claim_author("South Korean intelligence", "organization", "NIS", "X")["@type"] == (
        "Organization"
    )
    assert claim_author("Regional Health Ministry", None, None, "X")["@type"] == "Organization"
    assert claim_author("a senior Ukrainian official", None, None, "X")["@type"] == "Person"
    assert claim_author("Marta Kowalski", None, None, "X")["@type"] == "Person"
    assert claim_author("Ukraine", "country", "Ukraine", "X") == {
        "@type": "Organization",
        "name": "Ukraine",
    }


def test_no_attribution_means_the_outlet() -> None:
    assert claim_author(None, None, None, "Harbour Gazette") == {
        "@type": "Organization",
        "name": "Harbour Gazette",
    }
