"""The media domain: photo upload, processing, privacy and serving. Pure rules, no database and no broker."""
