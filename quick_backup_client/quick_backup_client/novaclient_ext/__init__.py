"""The novaclient extension for the Quick Backup API (backup_instance)."""
