"""The `openstack server quick-backup` commands: an OpenStackClient plugin."""
