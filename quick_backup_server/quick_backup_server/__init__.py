"""The server side of Quick Backup: a paste filter for nova-api."""
