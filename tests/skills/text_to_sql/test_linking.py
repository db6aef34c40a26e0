from __future__ import annotations

from skills.text_to_sql.linking import ValueIndex
from skills.text_to_sql.schema import Column

TITLES = Column("movies", "title", "text", (), ("시", "기생충", "살인의 추억"))
YEARS = Column("movies", "year", "number", (), ("2010", "10"))


def test_values_link_by_their_compact_form_and_numbers_as_whole_numbers() -> None:
    index = ValueIndex((TITLES, YEARS))
    links = index.link("살인의추억은 2010년에 나왔어?")
    assert links["movies.title"].value == "살인의 추억"
    assert links["movies.year"].value == "2010"  # not "10" inside it


def test_a_one_syllable_value_links_only_as_a_word_of_its_own() -> None:
    index = ValueIndex((TITLES,))
    assert "movies.title" not in index.link("상영 시간이 가장 긴 영화는?")
    link = index.link("시의 관람료는?")["movies.title"]
    assert (link.value, link.start, link.end) == ("시", 0, 1)
