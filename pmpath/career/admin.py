from typing import Any

from django.contrib import admin

from pmpath.career.models import Background, Behaviour, Competency, Guide, Level, Resource


class BehaviourInline(admin.TabularInline):
    model = Behaviour
    extra = 0


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ("name", "short", "order", "typical_years")
    inlines = [BehaviourInline]


admin.site.register(Competency)
admin.site.register(Background)
admin.site.register(Guide)


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """The shared catalogue only: a person's own resources are theirs alone."""

    list_display = ("name", "provider", "kind", "key")
    list_filter = ("kind",)
    search_fields = ("name", "provider", "key")
    exclude = ("owner",)

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).filter(owner__isnull=True)
