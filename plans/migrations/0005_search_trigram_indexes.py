"""Trigram indexes for the portal-wide search of plans and projects (PostgreSQL only)."""

from django.db import migrations

from council.operations import CreateSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_figures_revision"), ("members", "0003_search_trigram_indexes")]

    operations = [
        CreateSearchIndexes(
            [
                ("plans_plan", "title", "plan_title"),
                ("plans_strategy", "title", "strategy_title"),
                ("plans_plantask", "title", "plan_task_title"),
                ("plans_project", "title", "project_title"),
                ("plans_project", "code", "project_code"),
            ]
        ),
    ]
