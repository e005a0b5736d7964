"""One JSON error shape for the API — ``{"ok": false, "error": "...", "status": N}`` — and an HTML page
for a browser.

Bad parameters are 4xx with a sentence that says what was wrong, never a 500 with a traceback. A
request for a page (not under ``/api``) whose ``Accept`` names ``text/html`` gets the same sentence
as a page with the site's navigation; an unknown URL is a real 404 page. Whether something is
missing (404) or unusable (400) is the error's type (``NotFoundError`` / ``QueryError``), not its wording.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment
from starlette.exceptions import HTTPException

from ..errors import DuidingError, NotFoundError, QueryError, StoreError

TITLES = {400: "That cannot be used", 401: "Token needed", 403: "Not allowed", 404: "Not found",
          405: "Method not allowed", 413: "Too large", 422: "A value of the wrong kind", 503: "Store unavailable"}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)


def wants_html(request: Request | None) -> bool:
    """A browser asking for a page: not the API, and HTML among what it accepts."""
    if request is None:
        return False
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path.endswith(".json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def install(app: FastAPI, pages: Environment) -> None:
    def answer(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if wants_html(request):
            html = pages.get_template("error.html.j2").render(status=status, title=TITLES.get(status, "Error"),
                                                              message=message, path=request.url.path)
            return HTMLResponse(html, status_code=status, headers=headers)
        return error_response(status, message, headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is no page at {request.url.path[:200]}"
        return answer(request, exc.status_code, message, getattr(exc, "headers", None))  # keeps Allow on 405

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "path"))
        return answer(request, 422, f"bad parameter {where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return answer(request, 404, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return answer(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return answer(request, 503, str(exc))

    @app.exception_handler(DuidingError)
    async def other_error(request: Request, exc: DuidingError) -> Response:
        return answer(request, 400, str(exc))
