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


EXPIRY_CHOICES = [("", "Until I revoke it"), ("7", "1 week"), ("30", "30 days"), ("90", "90 days")]


class ShareForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    object_id = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    email = forms.EmailField(
        label="Reviewer's e-mail",
        required=False,
        help_text="Optional: pmpath e-mails the link. Or copy it and send it yourself.",
    )
    note = forms.CharField(
        label="What would you like feedback on?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expires_in_days = forms.TypedChoiceField(
        label="Access lasts",
        choices=EXPIRY_CHOICES,
        required=False,
        coerce=int,
        empty_value=None,
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your feedback",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The candidate sees it on their own page, with your username.",
    )


class InvitationForm(forms.Form):
    note = forms.CharField(
        label="Who it is for", required=False, max_length=200, help_text="Only admins see this."
    )
    days = forms.TypedChoiceField(
        label="Valid for",
        choices=[("7", "7 days"), ("14", "14 days"), ("30", "30 days"), ("90", "90 days")],
        coerce=int,
        initial="14",
    )
