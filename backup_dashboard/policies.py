"""The policy rules the plugin checks, defined once: the rules the services
themselves check for the calls each action makes."""

# Taking a backup (our filter takes it with createImage).
CREATE_IMAGE = ("compute", "os_compute_api:servers:create_image")
CREATE_IMAGE_VOLUME_BACKED = (
    "compute", "os_compute_api:servers:create_image:allow_volume_backed")
CREATE_BACKUP = ("compute", "os_compute_api:os-create-backup")
# Using and removing one.
LAUNCH = ("compute", "os_compute_api:servers:create")
REBUILD = ("compute", "os_compute_api:servers:rebuild")
DELETE_IMAGE = ("image", "delete_image")
DELETE_VOLUME_SNAPSHOT = ("volume", "volume:delete_snapshot")
