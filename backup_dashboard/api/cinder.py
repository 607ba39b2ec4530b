"""Calls to Cinder for Quick Backups of instances booted from volumes.

On the user's token and the catalog's volume URL: the project's volumes (to
name those Nova will snapshot), its limits (whether the snapshot quota
allows it), and the volume snapshots a backup's image points to.
"""

from backup_dashboard.api import sessions

# Horizon's name for Cinder's v3 API in the service catalog.
SERVICE_TYPE = "volumev3"
# Cinder's largest page (osapi_max_limit's default).
PAGE = 1000


def volumes(request, volume_ids):
    """The volumes among ``volume_ids``, as Cinder shows them, in that order
    (one GET; a volume not on its first page is left out)."""
    answer = sessions.adapter(request, SERVICE_TYPE).get(
        "/volumes/detail", params={"limit": PAGE}).json()
    by_id = {volume["id"]: volume for volume in answer.get("volumes", [])}
    return [by_id[volume_id] for volume_id in volume_ids
            if volume_id in by_id]


def snapshots_left(request):
    """How many more volume snapshots the project may make; None for no
    limit (one GET)."""
    limits = sessions.adapter(request, SERVICE_TYPE).get(
        "/limits").json()["limits"]["absolute"]
    allowed = limits.get("maxTotalSnapshots", -1)
    if allowed is None or allowed < 0:
        return None
    return max(allowed - limits.get("totalSnapshotsUsed", 0), 0)


def snapshots(request):
    """The project's volume snapshots, by id (one GET)."""
    answer = sessions.adapter(request, SERVICE_TYPE).get(
        "/snapshots/detail", params={"limit": PAGE}).json()
    return {snapshot["id"]: snapshot
            for snapshot in answer.get("snapshots", [])}


def snapshot_delete(request, snapshot_id):
    """Delete one volume snapshot (one DELETE)."""
    sessions.adapter(request, SERVICE_TYPE).delete(
        "/snapshots/%s" % snapshot_id)
