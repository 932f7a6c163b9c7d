"""Council meetings: agendas, invitations and attendance, decisions, follow-up actions, minutes."""
