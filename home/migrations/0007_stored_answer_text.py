"""Stored answers keep their content as text. They are rendered again on demand, so the rows are
dropped rather than converted (PostgreSQL would cast bytea to its hex spelling)."""

from django.db import migrations, models


def forget_stored_answers(apps, schema_editor):
    answers = apps.get_model("home", "StoredAnswer")._meta.db_table
    tags = apps.get_model("home", "StoredAnswerTag")._meta.db_table
    if schema_editor.connection.vendor == "postgresql":
        # TRUNCATE queues no foreign-key checks, which would keep the table from being altered
        # in this transaction.
        schema_editor.execute(f"TRUNCATE {tags}, {answers}")
    else:
        schema_editor.execute(f"DELETE FROM {tags}")
        schema_editor.execute(f"DELETE FROM {answers}")


class Migration(migrations.Migration):
    dependencies = [("home", "0006_stored_answer_content_version")]

    operations = [
        migrations.RunPython(forget_stored_answers, migrations.RunPython.noop),
        migrations.RemoveField(model_name="storedanswer", name="content"),
        migrations.AddField(model_name="storedanswer", name="content", field=models.TextField(default="")),
        migrations.AlterField(model_name="storedanswer", name="content", field=models.TextField()),
    ]
