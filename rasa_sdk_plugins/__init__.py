"""rasa-sdk's plugin hook (rasa_sdk.plugin imports this package by name):
the action server answers only callers holding the action token.

The Rasa server sends it as `?token=` on every call (endpoints.yml's
`action_endpoint.token`, filled from HEADACHE_ACTION_TOKEN). Without the
token every route but /health answers 401, and with no token configured
every such call is refused: the action server never runs an action (erase a
conversation, store a booking) for whoever can reach its port.
"""
from __future__ import annotations

import hmac
import logging
import os
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})
SETTING = "HEADACHE_ACTION_TOKEN"


def token_accepted(given: Optional[str], expected: Optional[str]) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


async def require_action_token(request: Request) -> Optional[HTTPResponse]:
    if request.path in OPEN_PATHS:
        return None
    if token_accepted(request.args.get("token"), os.environ.get(SETTING)):
        return None
    logger.warning("action server call refused: missing or wrong action token")
    return response.json({"error": "unauthorised"}, status=401)


class ActionTokenPlugin:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        if not os.environ.get(SETTING):
            logger.warning("%s is not set: every action call will be refused", SETTING)
        app.register_middleware(require_action_token, "request")


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(ActionTokenPlugin())
