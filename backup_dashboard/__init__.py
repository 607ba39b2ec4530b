"""Quick Backup for OpenStack Dashboard (Horizon)."""
