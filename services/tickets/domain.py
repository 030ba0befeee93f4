"""The tickets domain: the ticket lifecycle: report, triage, assign, work, resolve, confirm. Pure rules, no database and no broker."""
