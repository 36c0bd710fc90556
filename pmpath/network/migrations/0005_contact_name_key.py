"""A contact's folded name and lower-cased email (`name_key`, `email_key`), kept on save and
filled for existing contacts in batches, and the indexes the duplicates page groups from:
(user, name_key, company_key) and (user, email_key)."""

import unicodedata

from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def _fold(first: str, last: str) -> str:
    # pmpath.network.models.fold_name as of this migration (frozen here on purpose).
    text = unicodedata.normalize("NFKD", f"{first or ''} {last or ''}")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())[:250]


def fill_keys(apps, schema_editor):
    Contact = apps.get_model("network", "Contact")
    table = schema_editor.connection.ops.quote_name(Contact._meta.db_table)
    sql = f"UPDATE {table} SET name_key = %s, email_key = %s WHERE id = %s"
    last = 0
    while True:
        rows = list(
            Contact.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "first_name", "last_name", "email")[:BATCH]
        )
        if not rows:
            return
        last = rows[-1][0]
        keys = [
            (_fold(first, last_name), (email or "").lower(), pk)
            for pk, first, last_name, email in rows
        ]
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(sql, [row for row in keys if row[0] or row[1]])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_contact_company_strength"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="name_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=250),
        ),
        migrations.AddField(
            model_name="contact",
            name="email_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=254),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["user", "name_key", "company_key"], name="contact_name_key"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["user", "email_key"], name="contact_email_key"),
        ),
    ]
