"""Notices: the outbox that announces changes after commit, mail delivery, daily reminders, panels."""
