from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_unread(apps, schema_editor):
    """Start every account's counter from its unread notices."""
    User = apps.get_model("council", "User")
    Notice = apps.get_model("council", "Notice")
    unread = (
        Notice.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(count=Count("id"))
        .values("count")
    )
    User.objects.update(unread_notices=Coalesce(Subquery(unread), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0007_notices_reached_by_phone"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="unread_notices",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="unread notices"),
        ),
        migrations.RunPython(count_unread, migrations.RunPython.noop),
    ]
