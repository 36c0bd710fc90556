from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm

from pmpath.accounts.models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional. Used only for password resets and digests."
    )

    class Meta:
        model = User
        fields = ("username", "email")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Try another.")
        return username


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What the token is for, e.g. 'bookmarklet' or 'laptop script'."
    )
