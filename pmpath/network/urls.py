from django.urls import path

from pmpath.network import (
    contact_views,
    event_views,
    group_views,
    import_views,
    outreach_views,
    views,
)

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    # Contacts in and out: LinkedIn export, vCard, CSV (import_views.py).
    path("import/", import_views.import_page, name="import"),
    path("import/template.csv", import_views.import_template, name="import_template"),
    path("export.csv", import_views.export_csv, name="export_csv"),
    path("export.vcf", import_views.export_vcf, name="export_vcf"),
    # Contacts, interactions, tags, merging, "who do I know here?" (contact_views.py).
    path("contacts/", contact_views.contact_list, name="contacts"),
    path("contacts/new/", contact_views.contact_new, name="contact_new"),
    path("contacts/duplicates/", contact_views.duplicate_list, name="duplicates"),
    path("contacts/merge/", contact_views.merge, name="merge"),
    path("contacts/<int:pk>/", contact_views.contact_detail, name="contact"),
    path("contacts/<int:pk>/edit/", contact_views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", contact_views.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/log/", contact_views.contact_log, name="contact_log"),
    path("contacts/<int:pk>/touch/", contact_views.contact_touch, name="contact_touch"),
    path("contacts/<int:pk>/merge/", contact_views.contact_merge, name="contact_merge"),
    path("contacts/<int:pk>/positions/", contact_views.position_add, name="position_add"),
    path("positions/<int:pk>/delete/", contact_views.position_delete, name="position_delete"),
    path(
        "interactions/<int:pk>/delete/",
        contact_views.interaction_delete,
        name="interaction_delete",
    ),
    path(
        "interactions/<int:pk>/replied/",
        contact_views.interaction_replied,
        name="interaction_replied",
    ),
    path("tags/", contact_views.tag_list, name="tags"),
    path("tags/<int:pk>/", contact_views.tag_edit, name="tag_edit"),
    path("tags/<int:pk>/delete/", contact_views.tag_delete, name="tag_delete"),
    # Outreach templates and drafts (outreach_views.py).
    path("contacts/<int:pk>/outreach/", outreach_views.draft, name="outreach"),
    path("contacts/<int:pk>/outreach/sent/", outreach_views.draft_sent, name="outreach_sent"),
    path("templates/", outreach_views.template_list, name="templates"),
    path("templates/new/", outreach_views.template_new, name="template_new"),
    path("templates/<int:pk>/", outreach_views.template_edit, name="template"),
    path("templates/<int:pk>/delete/", outreach_views.template_delete, name="template_delete"),
    # Events and groups (event_views.py, group_views.py).
    path("events/", event_views.event_list, name="events"),
    path("events/new/", event_views.event_new, name="event_new"),
    path("events/import/", event_views.event_import, name="event_import"),
    path("events/calendar.ics", event_views.event_calendar, name="event_calendar"),
    path("events/<int:pk>/", event_views.event_detail, name="event"),
    path("events/<int:pk>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", event_views.event_delete, name="event_delete"),
    path("events/<int:pk>/status/", event_views.event_status, name="event_status"),
    path("events/<int:pk>/contacts/add/", event_views.event_contact_add, name="event_contact_add"),
    path(
        "events/<int:pk>/contacts/link/", event_views.event_contact_link, name="event_contact_link"
    ),
    path(
        "events/<int:pk>/contacts/<int:contact_id>/unlink/",
        event_views.event_contact_unlink,
        name="event_contact_unlink",
    ),
    path("events/<int:pk>/follow-ups/", event_views.event_follow_ups, name="event_follow_ups"),
    path("groups/", group_views.group_list, name="groups"),
    path("groups/new/", group_views.group_new, name="group_new"),
    path("groups/join/", group_views.group_join, name="group_join"),
    path("groups/<int:pk>/", group_views.group_detail, name="group"),
    path("groups/<int:pk>/delete/", group_views.group_delete, name="group_delete"),
    path("groups/<int:pk>/activity/", group_views.group_activity_add, name="group_activity_add"),
    path(
        "group-activity/<int:pk>/delete/",
        group_views.group_activity_delete,
        name="group_activity_delete",
    ),
    path("groups/<int:pk>/contacts/add/", group_views.group_contact_add, name="group_contact_add"),
    path(
        "groups/<int:pk>/contacts/link/", group_views.group_contact_link, name="group_contact_link"
    ),
    path(
        "groups/<int:pk>/contacts/<int:contact_id>/unlink/",
        group_views.group_contact_unlink,
        name="group_contact_unlink",
    ),
]
