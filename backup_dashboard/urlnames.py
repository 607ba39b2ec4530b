"""The URL names the plugin links to, defined once."""

INSTANCES = "horizon:project:instances:index"
INSTANCE_DETAIL = "horizon:project:instances:detail"
IMAGES = "horizon:project:images:index"
BACKUPS = "horizon:project:quick_backups:index"
BACKUP_DETAIL = "horizon:project:quick_backups:detail"
QUICK_BACKUP = "horizon:project:quick_backups:create"
RESTORE = "horizon:project:quick_backups:restore"
