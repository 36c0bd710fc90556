import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from pmpath.accounts.models import APIToken
from pmpath.accounts.services import create_token
from pmpath.core.models import get_owned_or_404


def test_owned_by_returns_only_the_owners_rows(alice, bob):
    mine, _ = create_token(alice, name="mine")
    create_token(bob, name="theirs")
    assert list(APIToken.objects.owned_by(alice)) == [mine]


def test_an_anonymous_user_owns_nothing(alice):
    create_token(alice, name="mine")
    assert APIToken.objects.owned_by(AnonymousUser()).count() == 0
    assert APIToken.objects.owned_by(None).count() == 0


def test_get_owned_or_404_hides_another_users_object(alice, bob):
    token, _ = create_token(alice, name="mine")
    assert get_owned_or_404(APIToken, alice, pk=token.pk) == token
    with pytest.raises(Http404):
        get_owned_or_404(APIToken, bob, pk=token.pk)
    with pytest.raises(Http404):
        get_owned_or_404(APIToken, AnonymousUser(), pk=token.pk)


def test_get_owned_or_404_treats_a_malformed_id_as_missing(alice):
    with pytest.raises(Http404):
        get_owned_or_404(APIToken, alice, pk="not-a-number")
