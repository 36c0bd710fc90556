from django.contrib import admin

from pmpath.career.models import Background, Behaviour, Competency, Guide, Level


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
