"""Demo data of the publications app: the magazine every quarter from December 2016, 30 news posts.

Rows are written directly (not through the workflow services) so that seeding sends no email;
each article still gets the steps a real one would have gone through.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from wsco.accounts.models import Role, RoleGrant, User
from wsco.core.models import Theme
from wsco.members.models import Profile
from wsco.publications import services
from wsco.publications.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Byline,
    Issue,
    Post,
    Recommendation,
    Review,
)

EDITOR_EMAIL = "editor@demo.wsco.example"
FIRST_ISSUE = datetime.date(2016, 12, 1)
# The cities later articles tell their topic through, so that no two articles share a title.
CASE_CITIES = ["Cluj-Napoca", "Vienna", "Eindhoven", "Iași", "Gdańsk", "Barcelona", "Timișoara"]
# The lead stories of the latest issues with a lead picture.
LEAD_PICTURES = 8
# Posts with a lead picture (by their index in POST_TITLES).
POSTS_WITH_PICTURES = {0, 2, 3, 6, 14, 19, 24, 29}


def quarterly_issues(today: datetime.date) -> list[tuple[int, int, int, int]]:
    """Return (year, month, volume, number) of every issue from December 2016 to `today`'s quarter.

    One issue a quarter, dated the first day of the quarter's last month (March, June, September,
    December); the volume is the year's (2016 is volume 1) and the number counts within it.
    """
    issues = []
    year, month = FIRST_ISSUE.year, FIRST_ISSUE.month
    last = (today.year, (today.month - 1) // 3 * 3 + 3)
    while (year, month) <= last:
        volume = year - FIRST_ISSUE.year + 1
        number = 1 if year == FIRST_ISSUE.year else month // 3
        issues.append((year, month, volume, number))
        year, month = (year + 1, 3) if month == 12 else (year, month + 3)
    return issues


ISSUE_TITLES = [
    "Cities that measure",
    "Moving people, not cars",
    "Water in the smart city",
    "Energy at the scale of a district",
    "The data a city owns",
    "Standards into law",
    "Schools, health and the connected city",
    "From vision to implementation",
]
ARTICLE_TOPICS = [
    ("What ISO 37120 taught a mid-sized city", ["governance", "finance"]),
    ("Open data portals that people use", ["governance", "telecommunication"]),
    ("Bus priority lanes: a before and after", ["transportation"]),
    ("Bike sharing beyond the city centre", ["transportation", "recreation"]),
    ("Leak detection in old water networks", ["water", "wastewater"]),
    ("Rainwater and the sponge city", ["water", "environment"]),
    ("District heating with waste heat", ["energy", "environment"]),
    ("Public lighting that pays for itself", ["energy", "safety"]),
    ("Who owns a city's sensor data", ["telecommunication", "governance"]),
    ("Procurement rules for smart-city pilots", ["finance", "governance"]),
    ("Putting the standards into legislation", ["governance", "urban-planning"]),
    ("The indicator catalogue as a shared language", ["governance"]),
    ("Connected schools in rural municipalities", ["education", "telecommunication"]),
    ("Telemedicine after the pilot", ["health", "telecommunication"]),
    ("Air quality sensors near schools", ["health", "environment"]),
    ("Waste collection routes from fill-level data", ["solid-waste", "transportation"]),
    ("Urban farms on rooftops", ["agriculture", "urban-planning"]),
    ("Affordable housing and building data", ["housing", "urban-planning"]),
    ("Safer streets through better design", ["safety", "urban-planning"]),
    ("Sport facilities as community hubs", ["sport-culture", "recreation"]),
    ("A city's digital twin, one layer at a time", ["urban-planning", "telecommunication"]),
    ("Economic indicators a mayor can act on", ["economy", "finance"]),
    ("Population data and service planning", ["population"]),
    ("Financing a smart-city project from vision to delivery", ["finance", "economy"]),
]
POST_TITLES = [
    "WSCO welcomes new members from five countries",
    "Call for articles: the next issue of the Smart City Magazine",
    "Smart City Urban Projects: the programme is out",
    "Smart City Industry Awards: nominations are open",
    "A new working group on urban mobility",
    "Course: reading the ISO 37120 indicators",
    "Audit results published for three cities",
    "Ministerial working group meets in Bucharest",
    "Members' survey: what the network should do next",
    "New guidance on open data licences",
    "The magazine's archive is now online",
    "Webinar: financing smart-city projects",
    "Standards adoption: a country-by-country register",
    "Experts' working group reports on water losses",
    "Urban Projects event: speakers announced",
    "Awards jury announced",
    "Partnership with a network of universities",
    "How to nominate a project for the awards",
    "Energy efficiency in public buildings: a case study",
    "Members meet at the spring conference",
    "A new course on smart-city procurement",
    "The network's introductions, one year on",
    "City officials share their audit experience",
    "Call for reviewers for the Smart City Magazine",
    "Urban Projects event: registration opens",
    "Working groups take problems to decision makers",
    "Annual report of the secretariat",
    "Results of the public vote",
    "A guide to the themes of ISO 37120:2018",
    "Looking back on the Urban Projects event",
]
# Romanian versions of some titles: the others show in English, marked as such, to Romanian readers.
POST_TITLES_RO = {
    "WSCO welcomes new members from five countries": "WSCO primește membri noi din cinci țări",
    "Call for articles: the next issue of the Smart City Magazine": (
        "Apel pentru articole: următorul număr al Smart City Magazine"
    ),
    "Smart City Urban Projects: the programme is out": (
        "Smart City Urban Projects: programul a fost publicat"
    ),
    "Smart City Industry Awards: nominations are open": (
        "Smart City Industry Awards: nominalizările sunt deschise"
    ),
    "A new working group on urban mobility": "Un nou grup de lucru pentru mobilitatea urbană",
    "Ministerial working group meets in Bucharest": (
        "Grupul de lucru ministerial se reunește la București"
    ),
    "Webinar: financing smart-city projects": "Webinar: finanțarea proiectelor de oraș inteligent",
    "Annual report of the secretariat": "Raportul anual al secretariatului",
}
ARTICLE_TITLES_RO = {
    "What ISO 37120 taught a mid-sized city": "Ce a învățat un oraș mijlociu de la ISO 37120",
    "Open data portals that people use": "Portaluri de date deschise pe care oamenii le folosesc",
    "Bus priority lanes: a before and after": "Benzi dedicate autobuzelor: înainte și după",
    "Leak detection in old water networks": "Detectarea pierderilor în rețelele vechi de apă",
    "District heating with waste heat": "Termoficare cu căldură reziduală",
    "Public lighting that pays for itself": "Iluminat public care se plătește singur",
}
GUESTS = [
    ("Ana Ionescu", "Urban planner and researcher in mobility."),
    ("Thomas Becker", "Engineer working on water networks in Central Europe."),
    ("Sofia Marino", "Economist; advises cities on the financing of public projects."),
    ("Jonas Lindqvist", "Writes on energy transition and district heating."),
]
COVER_COLOURS = [
    "#0b5c74",
    "#1d7d6f",
    "#5c3d74",
    "#74500b",
    "#0b7450",
    "#743d0b",
    "#2d4a8a",
    "#8a2d4a",
]


def seed(context) -> None:
    """Create the magazine's issues with articles, some open submissions, and 30 posts."""
    editor = _editor(context)
    # By when they joined, not by name: authors by name would all be called Adriana.
    profiles = sorted(
        context.shared.get("profiles") or Profile.objects.order_by("pk")[:80],
        key=lambda profile: profile.pk,
    )
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    member_authors = [services.ensure_author_for_profile(profile=p) for p in profiles[:16]]
    guests = [services.create_guest_author(name=name, bio=bio) for name, bio in GUESTS]
    authors = member_authors + guests or guests
    reviewers = [p.user for p in profiles[16:40] if p.is_member] or [editor]
    rng = context.random

    today = timezone.localdate()
    issues = quarterly_issues(today)
    article_count = 0
    for index, (year, month, volume, number) in enumerate(issues):
        date = datetime.date(year, month, 1)
        published_at = timezone.make_aware(datetime.datetime(year, month, 1, 9, 0))
        lead_title = _article_title(article_count)
        issue = Issue.objects.create(
            volume=volume,
            number=number,
            year=year,
            quarter=(month - 1) // 3 + 1,
            date=date,
            title=ISSUE_TITLES[index] if index < len(ISSUE_TITLES) else lead_title,
            cover_alt=f"Cover of the Smart City Magazine, {date:%B %Y}",
            editorial=_editorial(ISSUE_TITLES[index] if index < len(ISSUE_TITLES) else lead_title),
            # The current quarter's issue is in preparation until its day comes.
            published_at=published_at if date <= today else None,
        )
        if index < len(
            ISSUE_TITLES
        ):  # the archive's scanned covers; later issues get the drawn one
            issue.cover.save(
                f"cover-{volume}-{number}.png", _cover(index, volume, number), save=True
            )
        # The first issues had three articles; later ones a lead story and one more.
        for position in range(1, (3 if index < len(ISSUE_TITLES) else 2) + 1):
            _title, slugs = ARTICLE_TOPICS[article_count % len(ARTICLE_TOPICS)]
            article = _article(
                title=_article_title(article_count),
                themes=[themes[s] for s in slugs if s in themes],
                authors=rng.sample(authors, k=min(len(authors), rng.choice([1, 1, 2]))),
                editor=editor,
                reviewer=rng.choice(reviewers),
                submitted_at=published_at - datetime.timedelta(days=60),
            )
            article_count += 1
            if position == 1 and index >= len(issues) - LEAD_PICTURES:
                picture = _picture(article_count)
                picture.name = f"lead-{article_count}.jpg"
                services.add_article_image(
                    article=article,
                    image=picture,
                    caption="",
                    alt_text=f"A drawing of a city skyline at dusk, for “{article.title}”",
                    by=editor,
                    is_lead=True,
                )
            if issue.published_at is None:
                _place(article=article, issue=issue, position=position, by=editor)
            else:
                _publish(
                    article=article, issue=issue, position=position, at=published_at, by=editor
                )
    reviewer = _open_submissions(
        editor=editor, authors=member_authors or guests, reviewers=reviewers, themes=themes
    )
    if reviewer is not None:
        context.add_account(
            "reviewer",
            reviewer.email,
            "a member asked to review an article: accept or decline, review",
        )
    _posts(authors=authors, themes=list(themes.values()), editor=editor, rng=rng)
    services.generate_issue_pdf(issue=Issue.objects.published().order_by("-date").first())
    context.say(
        f"Publications: {len(issues)} magazine issues, quarterly from December 2016, with "
        f"{article_count} articles, 3 open submissions, {len(POST_TITLES)} posts."
    )


def _editor(context) -> User:
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    if editor is None:
        editor = User.objects.create_user(EDITOR_EMAIL, context.password)
        context.add_account("editor", EDITOR_EMAIL)
    RoleGrant.objects.get_or_create(user=editor, role=Role.EDITOR)
    return editor


def _cover(index: int, volume: int, number: int) -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), COVER_COLOURS[index % len(COVER_COLOURS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 560, 760), outline="white", width=6)
    draw.text((70, 80), "SMART CITY MAGAZINE", fill="white", font_size=36)
    draw.text((70, 660), f"Vol. {volume} / No. {number}", fill="white", font_size=44)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _article_title(index: int) -> str:
    """Return the title of the `index`th article: a topic, told through a city the second time."""
    title = ARTICLE_TOPICS[index % len(ARTICLE_TOPICS)][0]
    round_ = index // len(ARTICLE_TOPICS)
    return title if round_ == 0 else f"{title}: the case of {CASE_CITIES[round_ - 1]}"


def _picture(seed: int, *, size=(640, 360)) -> ContentFile:
    """Return a small JPEG picture drawn for the demo: a skyline on a sky of two colours."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = size
    sky = COVER_COLOURS[seed % len(COVER_COLOURS)]
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width - 140, 30, width - 60, 110), fill="#f4d58d")
    x = 0
    while x < width:
        building = rng.randint(30, 80)
        top = rng.randint(height // 3, height - 60)
        draw.rectangle((x, top, x + building - 4, height), fill="#1b2a33")
        for row in range(top + 10, height - 10, 18):
            for column in range(x + 6, x + building - 10, 12):
                if rng.random() < 0.4:
                    draw.rectangle((column, row, column + 5, row + 8), fill="#f4d58d")
        x += building
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue())


def _editorial(title: str) -> str:
    return (
        f"This issue, *{title}*, brings together people from different areas who work on the "
        "same problems: city halls, companies, universities and civil society.\n\n"
        "Each article went through our review: two readers from the network, a decision, "
        "and a copy-edit. We thank the authors and the reviewers.\n\n"
        "— The editors"
    )


def _body(title: str) -> str:
    return (
        f"## Why it matters\n\n{title} is a question many cities ask. This article follows one "
        "project from its vision to its implementation, with the indicators that measured it.\n\n"
        "## What was done\n\n"
        "- a baseline measured with the ISO 37120 indicators;\n"
        "- a pilot in one district, with its costs and its partners;\n"
        "- a decision to extend it, taken with the data on the table.\n\n"
        "## What we learned\n\n"
        "> Start with the data the city already has, and publish it.\n\n"
        "The full figures are in the [WSCO audit reports](https://wsco.example/audits/).\n"
    )


def _article(*, title, themes, authors, editor, reviewer, submitted_at) -> Article:
    title_ro = ARTICLE_TITLES_RO.get(title, "")
    article = Article.objects.create(
        title=title,
        title_ro=title_ro,
        slug=services.unique_slug(Article, title),
        abstract=(
            f"{title}: what a city did, what it cost, what the indicators showed, and what "
            "other cities can take from it."
        ),
        abstract_ro=(
            f"{title_ro}: ce a făcut un oraș, cât a costat, ce au arătat indicatorii și ce pot "
            "prelua alte orașe."
            if title_ro
            else ""
        ),
        body=_body(title),
        submitted_by=authors[0].profile.user if authors[0].profile else editor,
        submitted_at=submitted_at,
    )
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=i) for i, author in enumerate(authors)
    )
    article.themes.set(themes)
    _step(article, ArticleEvent.Action.SUBMITTED, article.submitted_by, submitted_at)
    if not article.bylines.filter(author__profile__user=reviewer).exists():
        Review.objects.create(
            article=article,
            reviewer=reviewer,
            assigned_by=editor,
            assigned_at=submitted_at + datetime.timedelta(days=2),
            due_on=(submitted_at + datetime.timedelta(days=23)).date(),
            recommendation=Recommendation.ACCEPT,
            comments_for_author="Clear and useful. A table of the indicators would help.",
            submitted_at=submitted_at + datetime.timedelta(days=20),
        )
        _step(article, ArticleEvent.Action.REVIEWER_ASSIGNED, editor, submitted_at, days=2)
        _step(article, ArticleEvent.Action.REVIEWED, reviewer, submitted_at, days=20)
    _step(article, ArticleEvent.Action.ACCEPTED, editor, submitted_at, days=25)
    _step(article, ArticleEvent.Action.COPY_EDITED, editor, submitted_at, days=40)
    return article


def _step(article, action, by, start, days=0, message=""):
    ArticleEvent.objects.create(
        article=article,
        action=action,
        by=by,
        message=message,
        at=start + datetime.timedelta(days=days),
    )


def _publish(*, article, issue, position, at, by) -> None:
    article.issue, article.position = issue, position
    article.status = ArticleStatus.PUBLISHED
    article.published_at = at
    article.save()
    _step(article, ArticleEvent.Action.SCHEDULED, by, at, days=-10, message=str(issue))
    _step(article, ArticleEvent.Action.PUBLISHED, by, at)
    services.index_article(article=article)


def _place(*, article, issue, position, by) -> None:
    """Place an article in the issue still in preparation, as `place_article` would."""
    article.issue, article.position = issue, position
    article.status = ArticleStatus.SCHEDULED
    article.save()
    _step(article, ArticleEvent.Action.SCHEDULED, by, timezone.now(), message=str(issue))


def _open_submissions(*, editor, authors, reviewers, themes) -> User | None:
    """One submission waiting for a reviewer, one in review (a first reviewer declined), one
    asked to revise; return the reviewer whose review is awaited."""
    now = timezone.now()
    awaited = None
    states = [
        ("Parking data and the price of curb space", ArticleStatus.SUBMITTED, ["transportation"]),
        ("Flood warnings from low-cost sensors", ArticleStatus.IN_REVIEW, ["water"]),
        (
            "A citizens' dashboard for the city budget",
            ArticleStatus.REVISION_REQUESTED,
            ["finance"],
        ),
    ]
    for index, (title, status, slugs) in enumerate(states):
        author = authors[index % len(authors)]
        submitted_by = author.profile.user if author.profile else editor
        article = Article.objects.create(
            title=title,
            slug=services.unique_slug(Article, title),
            abstract=f"{title}: a proposal for the next issue.",
            body=_body(title),
            submitted_by=submitted_by,
            status=status,
            submitted_at=now - datetime.timedelta(days=10 - index),
        )
        Byline.objects.create(article=article, author=author)
        article.themes.set([themes[s] for s in slugs if s in themes])
        _step(article, ArticleEvent.Action.SUBMITTED, submitted_by, article.submitted_at)
        if status == ArticleStatus.SUBMITTED:
            continue
        others = [r for r in reviewers if r != submitted_by] or [editor]
        reviewer = others[0]
        if status == ArticleStatus.IN_REVIEW:
            awaited = reviewer
            if len(others) > 1:
                _declined_review(article=article, reviewer=others[1], editor=editor)
        Review.objects.create(
            article=article,
            reviewer=reviewer,
            assigned_by=editor,
            due_on=timezone.localdate() + datetime.timedelta(days=2),
        )
        _step(article, ArticleEvent.Action.REVIEWER_ASSIGNED, editor, article.submitted_at, 1)
        if status == ArticleStatus.REVISION_REQUESTED:
            _step(
                article,
                ArticleEvent.Action.REVISION_REQUESTED,
                editor,
                article.submitted_at,
                days=3,
                message="Please add the figures for the last two budget years.",
            )
    return awaited


def _declined_review(*, article, reviewer, editor) -> None:
    """A first reviewer who declined, with a reason the editors see on the article's page."""
    start = article.submitted_at
    Review.objects.create(
        article=article,
        reviewer=reviewer,
        assigned_by=editor,
        assigned_at=start,
        due_on=(start + datetime.timedelta(days=21)).date(),
        declined_at=start + datetime.timedelta(hours=20),
        decline_reason="I advise the city whose sensors the article describes.",
    )
    _step(article, ArticleEvent.Action.REVIEWER_ASSIGNED, editor, start)
    # As `decline_review` records it: a step the authors do not see.
    ArticleEvent.objects.create(
        article=article,
        action=ArticleEvent.Action.REVIEWER_DECLINED,
        by=reviewer,
        at=start + datetime.timedelta(hours=20),
        visible_to_author=False,
    )


def _posts(*, authors, themes, editor, rng) -> None:
    start = timezone.now() - datetime.timedelta(days=30 * 10)
    for index, title in enumerate(POST_TITLES):
        post = Post.objects.create(
            title=title,
            title_ro=POST_TITLES_RO.get(title, ""),
            slug=services.unique_slug(Post, title),
            author=authors[index % len(authors)],
            summary=f"{title}: what happens, when, and how to take part.",
            body=(
                f"{title}.\n\nMembers can find the details on the platform. "
                "Write to the secretariat with any question.\n\n"
                "- **When:** see the calendar\n- **Who:** members and guests\n"
            ),
            published_at=start + datetime.timedelta(days=10 * index, hours=rng.randint(8, 17)),
            created_by=editor,
        )
        if index in POSTS_WITH_PICTURES:
            post.cover_alt = f"A drawing of a city skyline at dusk, for “{title}”"
            post.cover.save(f"post-{index}.jpg", _picture(index), save=True)
        post.themes.set(rng.sample(themes, k=2) if themes else [])
        services.index_post(post=post)
