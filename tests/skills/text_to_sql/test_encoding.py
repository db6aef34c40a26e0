from __future__ import annotations

from skills.text_to_sql.encoding import SchemaCache, encode
from skills.text_to_sql.schema import Column, Schema, Table

SEAT_GRADE = Column("bookings", "seat_grade", "text", ("좌석 등급", "석"), ("VIP", "R"))
SEATS = Column("bookings", "seats", "number", ("좌석 수", "좌석"))
SCHEMA = Schema(tables=(Table("bookings", (SEAT_GRADE, SEATS), ("예매",)),), foreign_keys=())


def _flags(question: str, column: int, implied: bool = True) -> dict[str, list[float]]:
    encoded = encode(question, SchemaCache(SCHEMA, implied))
    return {t.text: encoded.flags[column][i] for i, t in enumerate(encoded.tokens)}


def test_a_one_syllable_name_is_a_word_of_its_own_never_a_counter() -> None:
    """ "석" names the seat grade in "VIP석", not inside "좌석" nor after a number ("3000석",
    "몇 석"), where it is the unit of the seats and flags them."""
    assert _flags("VIP석은 몇 장이야?", 0)["석"][1:] == [1.0, 1.0]
    grade = _flags("좌석이 몇 석이에요?", 0)
    assert grade["좌석"][1] == 0.0 and grade["석"][1:] == [0.0, 0.0]
    assert _flags("좌석이 3000석 넘는 곳", 0)["석"][1:] == [0.0, 0.0]
    assert _flags("좌석이 몇 석이에요?", 1)["석"][2] == 1.0  # the seats' unit
    assert _flags("좌석이 몇 석이에요?", 0, implied=False)["좌석"][1] == 1.0  # WikiSQL: as before
