"""A stand-in for MyID on loopback: MyID's paths and answer shapes, and its failure modes.

Test code only: the product never imports it. `StandIn.mode` picks a failure for the next
login; `StandIn.seen` records what the product sent, so tests can check the wire.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

CLIENT_ID = "uzpnc-test-client"
CLIENT_SECRET = "standin-client-secret-not-real"
PINFL = "31234567890123"


def profile(pinfl: str = PINFL, *, contacts: bool = True, common: bool = True) -> dict[str, Any]:
    """A users/me answer shaped like MyID's (doc_data and address left out: not requested)."""
    sections: dict[str, Any] = {"authentication_method": "strong"}
    if common:
        sections["common_data"] = {
            "first_name": "ALISHER",
            "middle_name": "BAXTIYOROVICH",
            "last_name": "KARIMOV",
            "first_name_en": "ALISHER",
            "last_name_en": "KARIMOV",
            "pinfl": pinfl,
            "inn": "123456789",
            "gender": "1",
            "birth_date": "30.12.2002",
            "nationality": "UZBEK",
            "citizenship": "UZBEKISTAN",
            "doc_type": "ID_CARD",
        }
    if contacts:
        sections["contacts"] = {"phone": "998901234567", "email": "alisher@example.uz"}
    return {"profile": sections, "result_code": 1, "result_note": "Success", "reuid": "x"}


@dataclass
class StandIn:
    # "" | consent_denied | token_text_error | userinfo_403 | no_common_data | timeout
    mode: str = ""
    person: dict[str, Any] = field(default_factory=profile)
    codes: dict[str, bool] = field(default_factory=dict)  # code -> used
    tokens: set[str] = field(default_factory=set)
    seen: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/api/v1/oauth2/authorization")
        async def authorization(request: Request) -> Response:
            query = dict(request.query_params)
            self.seen.append({"path": "authorization", **query})
            back = query["redirect_uri"]
            if self.mode == "consent_denied":
                answer = {"error": "access_denied", "state": query.get("state", "")}
                return RedirectResponse(f"{back}?{urlencode(answer)}", 302)
            code = secrets.token_urlsafe(16)
            self.codes[code] = False
            answer = {"code": code, "state": query.get("state", "")}
            return RedirectResponse(f"{back}?{urlencode(answer)}", 302)

        @app.post("/api/v1/oauth2/access-token")
        async def access_token(request: Request) -> Response:
            form = dict(await request.form())
            self.seen.append(
                {
                    "path": "access-token",
                    "authorization": request.headers.get("authorization"),
                    **form,
                }
            )
            if self.mode == "token_text_error":
                return PlainTextResponse("Internal error, try later", 500)
            if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
                return JSONResponse({"error": "invalid_client"}, 400)
            code = str(form.get("code", ""))
            if form.get("grant_type") != "authorization_code" or code not in self.codes:
                return JSONResponse({"error": "invalid_grant"}, 400)
            if self.codes[code]:
                return JSONResponse({"error": "invalid_grant", "error_description": "used"}, 400)
            self.codes[code] = True
            token = secrets.token_urlsafe(24)
            self.tokens.add(token)
            return JSONResponse(
                {
                    "access_token": token,
                    "expires_in": 3600,
                    "token_type": "Bearer",
                    "scope": "common_data,contacts",
                    "refresh_token": secrets.token_urlsafe(24),
                }
            )

        @app.get("/api/v1/users/me")
        async def users_me(request: Request) -> Response:
            header = request.headers.get("authorization", "")
            self.seen.append({"path": "users/me", "authorization": header})
            if self.mode == "timeout":
                await asyncio.sleep(3)
            token = header.removeprefix("Bearer ")
            if self.mode == "userinfo_403" or token not in self.tokens:
                return PlainTextResponse("Could not validate credentials", 403)
            if self.mode == "no_common_data":
                return JSONResponse(profile(common=False))
            return JSONResponse(self.person)

        return app
