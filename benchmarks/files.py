"""Time the checked file view beside the health check.

    DEBUG=true .venv/bin/python benchmarks/files.py [--requests R]

In a temporary SQLite database and media folder it stores a published article's image and a
hidden profile's photo, then times R requests of each, in-process through Django's test client
and the whole middleware stack, with DEBUG off:

- `health`: /health/ (one SELECT 1: what a request that touches the database costs),
- `file_public`: /files/… for the published article's image, as a visitor (looked up by its
  indexed name, its reader asked twice: for the visitor and for the cache headers),
- `file_private`: the hidden photo as its owner.

It prints p50/p99 in milliseconds and requests per second, then one line of JSON.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    requests = parser.parse_args().requests
    folder = Path(tempfile.mkdtemp(prefix="wsco-files-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    public, private, owner = seed()
    client, owner_client = Client(), Client()
    owner_client.force_login(owner)
    cases = {
        "health": (client, "/health/"),
        "file_public": (client, public),
        "file_private": (owner_client, private),
    }
    results = {name: measure(*case, requests=requests) for name, case in cases.items()}
    for name, figures in results.items():
        print(f"{name:14} p50 {figures['p50_ms']:6.2f} ms  p99 {figures['p99_ms']:6.2f} ms  "
              f"{figures['per_second']:7.0f}/s")  # fmt: skip
    print(json.dumps(results))


def seed():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from wsco.accounts.models import User
    from wsco.members.models import Profile, Visibility
    from wsco.publications import services
    from wsco.publications.models import Article, ArticleStatus, Author, Byline, Issue

    def picture():
        import io

        buffer = io.BytesIO()
        Image.new("RGB", (1200, 800), "teal").save(buffer, format="JPEG")
        return SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")

    import datetime

    from django.utils import timezone

    yesterday = timezone.now() - datetime.timedelta(days=1)
    issue = Issue.objects.create(
        volume=1, number=1, year=2017, quarter=1, date=datetime.date(2017, 3, 1),
        published_at=yesterday,
    )  # fmt: skip
    article = Article.objects.create(
        title="A", slug="a", abstract="A", body="A", status=ArticleStatus.PUBLISHED,
        issue=issue, published_at=yesterday,
    )  # fmt: skip
    Byline.objects.create(article=article, author=Author.objects.create(name="B", slug="b"))
    image = services.add_article_image(
        article=article, image=picture(), caption="", alt_text="x", by=None
    )
    owner = User.objects.create_user(email="owner@example.org", password="x")
    profile = Profile.objects.create(
        user=owner, name="Owner", country="RO", visibility=Visibility.HIDDEN
    )
    profile.photo.save("me.jpg", picture())
    return image.image.url, profile.photo.url, owner


def measure(client, url: str, *, requests: int) -> dict:
    for _ in range(50):
        consume(client.get(url))
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        consume(response)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times) * 1000, 3),
        "p99_ms": round(times[int(len(times) * 0.99) - 1] * 1000, 3),
        "per_second": round(len(times) / sum(times)),
    }


def consume(response) -> None:
    if response.streaming:
        b"".join(response.streaming_content)
        response.close()


if __name__ == "__main__":
    main()
