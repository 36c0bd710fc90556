"""The settings page's "your data": download everything, or delete the account. Thin views
over pmpath/core/account_data.py, which the CLI uses too."""

from __future__ import annotations

import tempfile

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from pmpath.core import account_data, pagecache

SPOOL_BYTES = 16 * 1024 * 1024  # larger exports spill to a temporary file, not memory


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that everything is deleted for good, with no way back",
    )

    def __init__(self, user: object, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):  # type: ignore[attr-defined]
            raise forms.ValidationError("That is not your password.")
        return password


@login_required
def export_download(request: HttpRequest) -> FileResponse:
    # FileResponse closes it once sent.
    buffer = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    account_data.write_export_zip(request.user, buffer)
    buffer.seek(0)
    day = timezone.localdate().isoformat()
    name = f"pmpath-{request.user.get_username()}-{day}.zip"
    return FileResponse(buffer, as_attachment=True, filename=name)


@pagecache.own_data
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = request.user.get_username()
        account_data.delete_account(request.user)
        logout(request)
        messages.success(request, f"The account {username} and all its data have been deleted.")
        return redirect("core:home")
    return render(request, "core/account_delete.html", {"form": form})
