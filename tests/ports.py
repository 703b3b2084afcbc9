"""Every port a test server listens on, from one base.

Other people run servers on the same machine: set HEADACHE_TEST_PORT_BASE to
move every test server out of their way (the default keeps 5105-5169). Each
test module that starts servers takes a slot; the Rasa server listens on
base + slot and the action server on base + 50 + slot.
"""
from __future__ import annotations

import os

BASE = int(os.environ.get("HEADACHE_TEST_PORT_BASE", "5100"))

CONVERSE = 5
INTERRUPTIONS = 6
BENCH = 7
SMS = 8
ACTION_SERVER_DOWN = 9
BROWSER = 10
SMS_RESTART = 11
ACCESS = 12
FUZZ = 13
PRIVACY = 14
FAULTS = 15
FAULTS_RESTART = 16
POSTGRES_SERVERS = 17
LOGS = 18
SMS_US = 19
BENCH_STOCK = 20      # the stock `rasa init` bot of `make bench`
SCALE_1 = 21          # the several-servers test: its first Rasa and action server
SCALE_2 = 22          # ... and its second
# Not servers of ours, but still out of the others' way:
CLINIC_SITE = 40      # the browser tests' "clinic website" (a widget origin)
POSTGRES = 41         # a throwaway PostgreSQL for the PostgreSQL tests
OTHER_SITE = 42       # a web site that is not a configured widget origin
SUPERVISED_STUB = 43  # the stand-in server of the supervisor's give-up test
REDIS = 44            # a throwaway Redis (the several-servers test's lock store)
NGINX = 45            # a throwaway nginx in front of them: public paths
NGINX_API = 46        # ... its trusted-integrations listener (REST, HTTP API)
NGINX_ACTIONS = 47    # ... its action servers' listener
POSTGRES_SCALE = 48   # the several-servers test's own PostgreSQL
BENCH_REDIS = 49      # the Redis lock store of `make bench` with several Rasa processes
# The several-servers test's second nginx, whose first action server dies mid-call
# (slots a Rasa server of ours never takes: 23-39 are free):
RETRY_NGINX = 23
RETRY_NGINX_API = 24
RETRY_NGINX_ACTIONS = 25
DYING_ACTION_SERVER = 26
IN_PROCESS = 27       # the Rasa server that runs the custom actions itself (no action server)


def rasa(slot: int) -> int:
    return BASE + slot


def action(slot: int) -> int:
    return BASE + 50 + slot


def other(slot: int) -> int:
    return BASE + slot
