"""The bookmarklet's code: one javascript: address carrying pmpath's origin and the token."""

import json

import pytest

from pmpath.jobs.bookmarklet import bookmarklet_code


def test_the_code_posts_only_to_pmpaths_own_origin():
    code = bookmarklet_code(
        origin="https://pm.example.test/ignored/path",
        save_path="/jobs/bookmarklet/save/",
        token="pmp_abc-DEF_123",
    )
    assert code.startswith("javascript:(function(){")
    assert 'var o="https://pm.example.test"' in code
    assert "w.postMessage(d,o)" in code and "e.origin===o" in code and "e.source===w" in code
    assert 'token:"pmp_abc-DEF_123"' in code
    assert "%" not in code  # a javascript: address is percent-decoded before it runs


def test_odd_characters_cannot_break_out_of_the_strings():
    code = bookmarklet_code(
        origin="http://127.0.0.1:8000", save_path='/a"b/', token='x";alert(1);"'
    )
    assert json.dumps('x";alert(1);"') in code and ';alert(1);"' not in code.replace(
        json.dumps('x";alert(1);"'), ""
    )


@pytest.mark.parametrize("origin", ["javascript:alert(1)", "file:///tmp", "pm.example.test"])
def test_only_http_origins_make_a_bookmarklet(origin):
    with pytest.raises(ValueError):
        bookmarklet_code(origin=origin, save_path="/x/", token="pmp_x")
