# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""Sphinx configuration of backup_dashboard's release notes (reno)."""

extensions = [
    "reno.sphinxext",
    "openstackdocstheme",
]

# openstackdocstheme options
openstackdocs_repo_name = "openstack/backup-dashboard"
openstackdocs_auto_name = False
openstackdocs_bug_project = "backup-dashboard"
openstackdocs_bug_tag = "release notes"

templates_path = ["_templates"]
source_suffix = ".rst"
master_doc = "index"
project = "backup-dashboard Release Notes"
copyright = "2026, backup_dashboard developers"
# The release notes have no version of their own.
release = ""
version = ""
exclude_patterns = []
pygments_style = "native"

html_theme = "openstackdocs"
html_static_path = ["_static"]
htmlhelp_basename = "BackupDashboardReleaseNotesdoc"

# No analytics: the theme would add OpenStack's tracking code to every page.
html_theme_options = {"analytics_tracking_code": ""}
