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

"""The client's build: pyproject.toml has its metadata; this adds the
compilation of its translation catalogues (the openstack command's
words) to build_py."""

import pathlib
import sys

import setuptools

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from quick_backup_client import catalogues  # noqa: E402 (not installed yet)

setuptools.setup(
    cmdclass={"build_py": catalogues.build_py_command("quick_backup_client")})
