"""Builds the starter assistant's demo database, data/sql/league.db (deterministic).

    .venv/bin/python scripts/build_sql_demo.py

Eight teams, forty players and two seasons of home-and-away results, small enough to commit.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from pathlib import Path

TEAMS = [
    ("서울 FC", "서울", "서울월드컵경기장", 1983),
    ("부산 유나이티드", "부산", "부산아시아드", 1979),
    ("대구 레인저스", "대구", "대구스타디움", 2002),
    ("인천 시티", "인천", "인천축구전용경기장", 2003),
    ("광주 스타즈", "광주", "광주월드컵경기장", 2010),
    ("대전 타이거즈", "대전", "대전월드컵경기장", 1997),
    ("울산 웨이브", "울산", "문수경기장", 1983),
    ("수원 블루윙즈", "수원", "수원빅버드", 1995),
]
FAMILY = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민준",
    "서준",
    "도윤",
    "예준",
    "시우",
    "주원",
    "하준",
    "지호",
    "지후",
    "준서",
    "건우",
    "현우",
    "우진",
    "선우",
    "연우",
    "유준",
    "정우",
    "승우",
    "승현",
    "시윤",
]
POSITIONS = ["공격수", "공격수", "미드필더", "수비수", "골키퍼"]


def build(path: Path) -> None:
    rng = random.Random(2024)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT,
                            stadium TEXT, founded INTEGER);
        CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                              team_id INTEGER REFERENCES teams(id), position TEXT,
                              goals INTEGER, assists INTEGER, age INTEGER);
        CREATE TABLE matches (id INTEGER PRIMARY KEY, season INTEGER, round INTEGER,
                              home_team TEXT, away_team TEXT, home_goals INTEGER,
                              away_goals INTEGER, attendance INTEGER);
        """
    )
    conn.executemany(
        "INSERT INTO teams VALUES (?, ?, ?, ?, ?)", [(i + 1, *t) for i, t in enumerate(TEAMS)]
    )
    names = [f + g for f, g in itertools.product(FAMILY, GIVEN)]
    rng.shuffle(names)
    players = []
    for i in range(40):
        position = POSITIONS[i % 5]
        goals = rng.randint(0, 6) if position in ("수비수", "골키퍼") else rng.randint(2, 22)
        players.append(
            (i + 1, names[i], i // 5 + 1, position, goals, rng.randint(0, 12), rng.randint(19, 36))
        )
    conn.executemany("INSERT INTO players VALUES (?, ?, ?, ?, ?, ?, ?)", players)
    matches, number = [], 0
    for season in (2023, 2024):
        pairs = list(itertools.permutations(range(len(TEAMS)), 2))
        rng.shuffle(pairs)
        for index, (home, away) in enumerate(pairs):
            number += 1
            matches.append(
                (
                    number,
                    season,
                    index // 4 + 1,
                    TEAMS[home][0],
                    TEAMS[away][0],
                    rng.randint(0, 4),
                    rng.randint(0, 3),
                    rng.randint(3000, 40000),
                )
            )
    conn.executemany("INSERT INTO matches VALUES (?, ?, ?, ?, ?, ?, ?, ?)", matches)
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    build(Path(__file__).resolve().parents[1] / "data" / "sql" / "league.db")
