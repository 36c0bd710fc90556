"""The Django admin holds catalogue models only: an instance admin must never reach a
candidate's records through it."""

from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory

from pmpath.core.models import OwnedModel


def user_fks(model):
    return [
        f.name
        for f in model._meta.get_fields()
        if f.many_to_one
        and f.concrete
        and f.related_model is not None
        and f.related_model._meta.label == settings.AUTH_USER_MODEL
    ]


def test_no_user_owned_model_is_in_the_django_admin():
    owned = [
        m._meta.label
        for m in admin.site._registry
        if issubclass(m, OwnedModel) or "user" in user_fks(m)
    ]
    assert not owned, f"user-owned models must not be in the Django admin: {owned}"


def test_the_user_accounts_are_not_in_the_django_admin():
    # Accounts are managed on /instance/ and with `pmpath users`, as counts only.
    assert not any(m._meta.label == settings.AUTH_USER_MODEL for m in admin.site._registry)


def test_catalogue_models_with_an_owner_list_only_the_shared_rows(alice):
    """A model that mixes the shared catalogue with people's own rows (an `owner` link to a
    user) is registered only with a queryset that leaves every owned row out."""
    from pmpath.career.models import Resource
    from pmpath.interview.models import Question

    Question.objects.create(owner=alice, text="alice's private question", category="product")
    Resource.objects.create(owner=alice, name="alice's private resource", kind="book")
    request = RequestFactory().get("/admin/")
    mixed = [m for m in admin.site._registry if user_fks(m)]
    assert {m._meta.label for m in mixed} >= {"interview.Question", "career.Resource"}
    for model in mixed:
        rows = admin.site._registry[model].get_queryset(request)
        for name in user_fks(model):
            assert not rows.filter(**{f"{name}__isnull": False}).exists(), model._meta.label


def test_the_admin_add_form_of_a_catalogue_model_renders(db):
    """Admin widgets Jinja2 has no template for (the URL field's) fall back to Django's."""
    from django.test import Client

    from pmpath.accounts.models import User

    admin = User.objects.create_superuser("root", "root@example.test", "a long test password 42")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    response = client.get("/admin/career/resource/add/")
    assert response.status_code == 200
    assert 'type="url"' in response.content.decode()
