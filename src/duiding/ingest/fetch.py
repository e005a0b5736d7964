"""Download a URL for the readers: bounded in time and size, with one clear error on failure."""

from __future__ import annotations

import urllib.error
import urllib.request

from ..errors import FetchError

USER_AGENT = "duiding/0.1 (+news analysis; respects robots by fetching only what the user names)"


def fetch_bytes(url: str, *, timeout: float = 15.0, max_bytes: int = 20_000_000) -> tuple[bytes, str]:
    """Return ``(body, content_type)``; raise FetchError with the reason (offline, 404, too large)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Language": "nl,en;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from e
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise FetchError(f"{url}: could not download ({reason}); offline? save the page and pass the file") from e
    if len(data) > max_bytes:
        raise FetchError(f"{url}: larger than {max_bytes:,} bytes; not an article page")
    return data, content_type
