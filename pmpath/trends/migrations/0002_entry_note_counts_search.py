"""The reader's note on an entry; two indexes for the river's counts; and, on SQLite, a
full-text index over entries (FTS5, kept in step by triggers), so a search that matches little
does not read every entry's text. PostgreSQL searches with ILIKE (pmpath/trends/search.py);
nothing full-text is created there.

Django rebuilds a SQLite table for some schema changes, and a rebuilt table loses its triggers:
a later migration that alters trends_entry must run DROP then CREATE again
(tests/trends/test_search.py checks the triggers are there)."""

from django.conf import settings
from django.db import migrations, models

CREATE = [
    """CREATE VIRTUAL TABLE trends_entry_fts USING fts5(
        title, summary_text, note,
        content='trends_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER trends_entry_fts_insert AFTER INSERT ON trends_entry BEGIN
        INSERT INTO trends_entry_fts(rowid, title, summary_text, note)
        VALUES (new.id, new.title, new.summary_text, new.note);
    END""",
    """CREATE TRIGGER trends_entry_fts_delete AFTER DELETE ON trends_entry BEGIN
        INSERT INTO trends_entry_fts(trends_entry_fts, rowid, title, summary_text, note)
        VALUES ('delete', old.id, old.title, old.summary_text, old.note);
    END""",
    """CREATE TRIGGER trends_entry_fts_update AFTER UPDATE OF title, summary_text, note
        ON trends_entry BEGIN
        INSERT INTO trends_entry_fts(trends_entry_fts, rowid, title, summary_text, note)
        VALUES ('delete', old.id, old.title, old.summary_text, old.note);
        INSERT INTO trends_entry_fts(rowid, title, summary_text, note)
        VALUES (new.id, new.title, new.summary_text, new.note);
    END""",
    "INSERT INTO trends_entry_fts(trends_entry_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS trends_entry_fts_insert",
    "DROP TRIGGER IF EXISTS trends_entry_fts_delete",
    "DROP TRIGGER IF EXISTS trends_entry_fts_update",
    "DROP TABLE IF EXISTS trends_entry_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("trends", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="note",
            field=models.TextField(blank=True),
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(fields=["user", "feed", "read_at"], name="entry_feed_read"),
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(fields=["user", "tags"], name="entry_tags"),
        ),
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
