"""Trigram indexes for the portal-wide search of meetings, agenda items and minutes (PostgreSQL only)."""

from django.db import migrations

from council.operations import CreateSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_agenda_links"), ("members", "0003_search_trigram_indexes")]

    operations = [
        CreateSearchIndexes(
            [
                ("meetings_meeting", "title", "meeting_title"),
                ("meetings_meeting", "venue", "meeting_venue"),
                ("meetings_agendaitem", "title", "agenda_item_title"),
                ("meetings_minutes", "body", "minutes_body"),
            ]
        ),
    ]
