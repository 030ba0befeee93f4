"""The auth domain: accounts, passwords, tokens, roles, profiles and personal data. Pure rules, no database and no broker."""
