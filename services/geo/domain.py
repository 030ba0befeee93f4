"""The geo domain: locating points in municipalities and filling in addresses. Pure rules, no database and no broker."""
