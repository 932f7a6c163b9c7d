"""Trigram indexes for the rest of the directory's searched columns (PostgreSQL only).

0003 indexed institutions' names only; a search also matches their English name, region,
representative and registration number, and people's names, titles and e-mail addresses, and each
of those was read row by row (50 ms over 10,000 people).
"""

from django.db import migrations

from council.operations import CreateSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("members", "0008_difficulty_recent_index")]

    operations = [
        CreateSearchIndexes(
            [
                ("members_institution", "name_en", "institution_name_en"),
                ("members_institution", "region", "institution_region"),
                ("members_institution", "representative", "institution_representative"),
                ("members_institution", "business_registration_number", "institution_brn"),
                ("members_person", "name", "person_name"),
                ("members_person", "name_en", "person_name_en"),
                ("members_person", "title", "person_title"),
                ("members_person", "email", "person_email"),
            ]
        ),
    ]
