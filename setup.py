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

"""Packaging of backup-dashboard, the Horizon plugin alone.

The other two distributions live beside it: quick_backup_client/ (the
library it uses, the novaclient extension and the openstack commands) and
quick_backup_server/ (the nova-api filter and the API's facts).

Its build compiles the dashboard's translation catalogues with the same
code as the client's build (quick_backup_client/catalogues.py, Babel
only), loaded from the checkout, since the client is not installed in an
isolated build environment; MANIFEST.in puts that file in the sdist too.
"""

import pathlib
import sys

import setuptools

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "quick_backup_client"))
from quick_backup_client import catalogues  # noqa: E402 (not installed yet)

setuptools.setup(
    name="backup-dashboard",
    version="0.1.0",
    description="Quick Backup of Nova instances for OpenStack Dashboard "
                "(Horizon)",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.9",
    # The client library and the server side are distributions of their
    # own (quick_backup_client/, quick_backup_server/), never shipped here.
    packages=setuptools.find_packages(
        include=["backup_dashboard", "backup_dashboard.*"]),
    include_package_data=True,
    package_data={"backup_dashboard": ["templates/*/*.html",
                                       "static/*/*.js",
                                       "locale/*/LC_MESSAGES/*.po",
                                       "enabled/*.py",
                                       "local_settings.d/*.py"]},
    cmdclass={"build_py": catalogues.build_py_command("backup_dashboard")},
    install_requires=[
        "horizon>=24.0.0,<28",
        "python-novaclient>=18.0.0",
        "keystoneauth1>=5.0.0",
        # Never the [cli] extra: Horizon's environment gets no
        # OpenStackClient, osc-lib, openstacksdk or cliff from here.
        "quick-backup-client",
        "quick-backup-server",
    ],
    classifiers=[
        "Environment :: OpenStack",
        "Framework :: Django",
        "Programming Language :: Python :: 3",
    ],
)
