"""Video links a lesson may embed: only from the hosts the Content Security Policy allows.

A lesson keeps the address its author pasted ("https://youtu.be/abc", "https://vimeo.com/123");
the page embeds the host's player address made from it, and nothing else. No Django import: the
settings read `FRAME_SOURCES` for the policy's `frame-src`.
"""

import re
from urllib.parse import parse_qs, urlsplit

# The players' origins, as the CSP's frame-src lists them.
FRAME_SOURCES = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


def _youtube(host: str, path: str, query: str) -> str | None:
    if host == "youtu.be":
        video = path.strip("/")
    elif host in ("youtube.com", "www.youtube.com", "m.youtube.com", "www.youtube-nocookie.com"):
        if path == "/watch":
            video = parse_qs(query).get("v", [""])[0]
        elif path.startswith(("/embed/", "/shorts/")):
            video = path.split("/")[2]
        else:
            return None
    else:
        return None
    if not _YOUTUBE_ID.match(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def _vimeo(host: str, path: str, query: str) -> str | None:
    if host in ("vimeo.com", "www.vimeo.com"):
        video = path.strip("/")
    elif host == "player.vimeo.com" and path.startswith("/video/"):
        video = path.split("/")[2]
    else:
        return None
    if not _VIMEO_ID.match(video):
        return None
    return f"https://player.vimeo.com/video/{video}"


def embed_url(address: str) -> str | None:
    """Return the player address to embed for the video at `address`, or None if not allowed.

    Only https addresses of YouTube (played from youtube-nocookie.com) and Vimeo are read.
    """
    parts = urlsplit(address.strip())
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    host = (parts.hostname or "").lower()
    return _youtube(host, parts.path, parts.query) or _vimeo(host, parts.path, parts.query)
