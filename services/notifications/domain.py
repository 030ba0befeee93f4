"""The notifications domain: deciding from events whom to tell what, by inbox, email and live push. Pure rules, no database and no broker."""
