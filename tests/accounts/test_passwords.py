from django.contrib.auth.hashers import make_password
from django.test import override_settings


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2id():
    encoded = make_password("a long test password 42")
    assert encoded.startswith("argon2$argon2id$")


def test_argon2_is_the_production_hasher():
    from pmpath import settings

    # Under pytest a fast hasher is prepended; Argon2 is first everywhere else.
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS
    assert settings.PASSWORD_HASHERS.index("django.contrib.auth.hashers.Argon2PasswordHasher") <= 1
