"""The shared question bank in the Django admin, for the instance admin. Candidates' own
questions (owner set) are theirs alone and never listed or reachable here."""

from typing import Any

from django.contrib import admin

from pmpath.interview.models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "category", "difficulty", "key")
    list_filter = ("category", "difficulty")
    search_fields = ("text", "key", "company")
    exclude = ("owner",)

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).filter(owner__isnull=True)
