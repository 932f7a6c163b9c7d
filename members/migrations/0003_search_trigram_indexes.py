"""Trigram indexes for the portal-wide search of members and their submissions (PostgreSQL only)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from council.operations import CreateSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("members", "0002_submissions")]

    operations = [
        TrigramExtension(),
        CreateSearchIndexes(
            [
                ("members_institution", "name", "institution_name"),
                ("members_bestpractice", "title", "best_practice_title"),
                ("members_bestpractice", "summary", "best_practice_summary"),
                ("members_difficulty", "title", "difficulty_title"),
                ("members_difficulty", "description", "difficulty_description"),
                ("members_agreement", "title", "agreement_title"),
                ("members_agreement", "summary", "agreement_summary"),
            ]
        ),
    ]
