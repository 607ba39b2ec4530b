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

"""Sphinx configuration of backup_dashboard's documentation (tox -e docs)."""

import os
import sys

# The repository root, for tools.series (the supported series, defined
# once), and this directory's _extensions.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.abspath(os.path.join(HERE, "..", "..")))
sys.path.insert(0, os.path.join(HERE, "_extensions"))

extensions = [
    "openstackdocstheme",
    "series_table",
]

# openstackdocstheme options
openstackdocs_repo_name = "openstack/backup-dashboard"
openstackdocs_bug_project = "backup-dashboard"
openstackdocs_bug_tag = "docs"
openstackdocs_auto_name = False
# No version from git (pbr would make one up from the commit count).
openstackdocs_auto_version = False
version = release = ""

project = "backup-dashboard"
copyright = "2026, backup_dashboard developers"
master_doc = "index"
source_suffix = ".rst"
exclude_patterns = ["_build"]
pygments_style = "native"

html_theme = "openstackdocs"
html_static_path = ["_static"]
htmlhelp_basename = "backup-dashboard-doc"

# No analytics: the theme would add OpenStack's tracking code to every page.
html_theme_options = {"analytics_tracking_code": ""}
