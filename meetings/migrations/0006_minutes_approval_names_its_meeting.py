import django.db.models.deletion
from django.db import migrations, models


def name_the_approved_meeting(apps, schema_editor):
    """An approval item used to find "the previous meeting" again when it was decided; it now names the
    meeting whose minutes it approves: the council's last meeting held before its own."""
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    Meeting = apps.get_model("meetings", "Meeting")
    for item in AgendaItem.objects.filter(is_minutes_approval=True).select_related("meeting"):
        previous = (
            Meeting.objects.filter(
                council_id=item.meeting.council_id,
                starts_at__lt=item.meeting.starts_at,
                status__in=["held", "minutes_approved"],
            )
            .order_by("-starts_at")
            .first()
        )
        item.approves_minutes_of = previous
        item.save(update_fields=["approves_minutes_of"])


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0005_agenda_staff_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='agendaitem',
            name='approves_minutes_of',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting', verbose_name='approves the minutes of'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='approves_minutes_of',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting', verbose_name='approves the minutes of'),
        ),
        migrations.RunPython(name_the_approved_meeting, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name='agendaitem',
            name='is_minutes_approval',
        ),
        migrations.RemoveField(
            model_name='historicalagendaitem',
            name='is_minutes_approval',
        ),
    ]
