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

"""Backup plans: Quick Backups on a schedule with retention, run by Mistral.

Plain Python, no Django, shared by the dashboard and the command line:
``spec`` (what a plan is and how it is stored), ``schedule`` (presets, cron,
words, time zones), ``retention`` (which backups a run keeps), ``workflow``
(the Mistral workflow that runs a plan, versioned), ``store`` (plans in the
user's project on Mistral), ``scope`` (every page of a listing, the
project's own), ``executions`` (a plan's runs in Mistral) and ``runs``
(what each run did, and why it failed).
"""
