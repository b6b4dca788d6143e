"""Plain-Python reference implementations the classification tests compare against.

Deliberately slow and obvious: no automaton, no regex, no numpy, no pyarrow. They share only
data with the package (the vocabulary's terms and targets, the NBS rows), never its logic.
"""

from __future__ import annotations

EXCLUSION_MARKERS = ("不含", "不包括", "不得从事", "不从事", "（除", "(除")
CLAUSE_ENDS = "）)；;。，,"


def leftmost_longest(text: str, terms: set[str]) -> list[tuple[int, str]]:
    """(start, term) pairs: at each position take the longest term starting there, then jump."""
    longest = max(map(len, terms), default=0)
    found = []
    position = 0
    while position < len(text):
        for length in range(min(longest, len(text) - position), 0, -1):
            piece = text[position : position + length]
            if piece in terms:
                found.append((position, piece))
                position += length
                break
        else:
            position += 1
    return found


def excluded_positions(text: str) -> set[int]:
    """Character positions inside an exclusion clause (after a marker, up to the clause end)."""
    excluded: set[int] = set()
    for marker in EXCLUSION_MARKERS:
        start = text.find(marker)
        while start >= 0:
            position = start + len(marker)
            while position < len(text) and text[position] not in CLAUSE_ENDS:
                excluded.add(position)
                position += 1
            start = text.find(marker, start + 1)
    return excluded


def matched_terms(text: str, terms: set[str]) -> list[str]:
    """Distinct terms found outside exclusions, in order of first appearance."""
    excluded = excluded_positions(text)
    ordered: list[str] = []
    for start, term in leftmost_longest(text, terms):
        if start not in excluded and term not in ordered:
            ordered.append(term)
    return ordered


def classify_rows(codes, scopes, edition, vocabulary):
    """The de_* columns of docs/architecture.md, one row at a time."""
    targets = {
        term: set(vocabulary.categories[index]) for index, term in enumerate(vocabulary.terms)
    }
    efficiency_terms = {
        term
        for term, codes_of_term in targets.items()
        if any(len(code) == 6 and code.startswith("05") for code in codes_of_term)
    }
    output = {name: [] for name in ("de_sub", "de_medium", "de_major", "de_status")}
    for raw_code, scope in zip(codes, scopes, strict=True):
        code = raw_code.strip()[-4:]
        rows = [row for row in edition.rows if row.gbt4754_code == code]
        full = [row for row in rows if not row.partial]
        partial = [row for row in rows if row.partial]
        text = scope if isinstance(scope, str) else ""
        result = (None, None, None, "none")
        if full:
            row = full[0]
            result = (row.sub_code, row.medium_code, row.major_code, "full")
        elif partial:
            result = (None, None, None, "partial_unresolved")
            best = None
            terms = matched_terms(text, set(targets))
            for row in partial:
                hits = [t for t in terms if targets[t] & {row.sub_code, row.medium_code}]
                score = sum(len(t) for t in hits)
                if hits and (best is None or score > best[0]):
                    best = (score, row)
            if best is not None:
                row = best[1]
                result = (row.sub_code, row.medium_code, row.major_code, "partial_resolved")
        else:
            scores: dict[str, int] = {}
            for term in matched_terms(text, efficiency_terms):
                for sub in targets[term]:
                    if len(sub) == 6 and sub.startswith("05"):
                        scores[sub] = scores.get(sub, 0) + len(term)
            if scores:
                sub = sorted(scores, key=lambda s: (-scores[s], s))[0]
                row = edition.subs[sub]
                result = (sub, row.medium_code, row.major_code, "text")
        for name, value in zip(output, result, strict=True):
            output[name].append(value)
    return output


# The reference itself, on examples checked by hand.


def test_the_reference_takes_the_longest_term_at_the_leftmost_position():
    terms = {"云计算", "计算机", "云计算机房", "数据", "大数据"}
    assert leftmost_longest("提供云计算机房和大数据", terms) == [(2, "云计算机房"), (8, "大数据")]


def test_the_reference_falls_back_to_a_shorter_term_when_a_longer_one_breaks_off():
    assert leftmost_longest("abce", {"abcd", "ab", "ce"}) == [(0, "ab"), (2, "ce")]


def test_the_reference_ignores_terms_inside_an_exclusion_clause():
    text = "软件开发（不含网络借贷、网络游戏），网络借贷"
    assert matched_terms(text, {"软件开发", "网络借贷", "网络游戏"}) == ["软件开发", "网络借贷"]
    assert matched_terms("软件开发（不含网络借贷）", {"软件开发", "网络借贷"}) == ["软件开发"]
