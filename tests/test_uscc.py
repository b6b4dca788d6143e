"""GB 32100-2015 unified social credit codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hzdigital.lib.uscc import (
    USCC_CHARSET,
    USCC_WEIGHTS,
    is_valid_uscc,
    make_uscc,
    parse_uscc,
)

# Codes printed on real business licences (public company registrations).
PUBLISHED_CODES = ["91350100M000100Y43", "91110108551385082Q"]

bodies = st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", PUBLISHED_CODES)
def test_it_accepts_published_codes(code):
    assert is_valid_uscc(code)


def test_the_weights_are_powers_of_three_mod_31():
    # Independent of the table in the module: the standard's weights are 3**i mod 31.
    assert USCC_WEIGHTS == tuple(pow(3, i, 31) for i in range(17))


def test_the_charset_leaves_out_i_o_s_v_z():
    assert len(USCC_CHARSET) == 31
    assert not set("IOSVZ") & set(USCC_CHARSET)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "91350100I000100Y43",  # I is not in the set
        "91350100O000100Y43",  # O is not in the set
        "",
        None,
        913501001,
    ],
)
def test_it_rejects_an_invalid_uscc(code):
    assert not is_valid_uscc(code)


def test_it_normalises_lowercase_and_spaces():
    assert is_valid_uscc(" 91110108551385082q ")


@given(bodies)
def test_make_uscc_always_yields_a_valid_code(body):
    code = make_uscc(body)
    assert code[:17] == body
    assert is_valid_uscc(code)


@given(bodies, st.integers(min_value=0, max_value=16), st.sampled_from(USCC_CHARSET))
def test_a_single_character_change_is_detected(body, position, replacement):
    # Weights are nonzero mod a prime, so any single substitution changes the check sum.
    code = make_uscc(body)
    if code[position] == replacement:
        return
    altered = code[:position] + replacement + code[position + 1 :]
    assert not is_valid_uscc(altered)


def test_make_uscc_refuses_a_bad_body():
    with pytest.raises(ValueError):
        make_uscc("9135010OM000100Y4")


def test_it_names_the_authority_and_type_of_a_company():
    parts = parse_uscc("91350100M000100Y43")
    assert (parts.authority_name, parts.type_name) == ("工商", "企业")
    assert parts.division_code == "350100"
    assert parts.subject_id == "M000100Y4"


# Near-misses as well as valid codes: other lengths, letters outside the set, lowercase.
candidate_codes = st.one_of(
    bodies.map(make_uscc),
    st.text(alphabet=USCC_CHARSET + "IOSVZa统", min_size=16, max_size=19),
)


@given(st.lists(candidate_codes, min_size=1, max_size=40))
def test_the_vectorised_check_agrees_with_the_reference(codes):
    import pyarrow as pa

    from hzdigital.lib.uscc import uscc_checks

    _, vectorised = uscc_checks(pa.array(codes))
    # The importer uppercases before checking, so compare with the uppercase reference.
    assert vectorised.tolist() == [is_valid_uscc(code) and code == code.upper() for code in codes]
