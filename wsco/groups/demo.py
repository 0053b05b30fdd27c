"""Demo data of the working groups: a ministerial, an experts' and a regional group.

Their problems are in every state of the register, from a signal to a resolution (one
dismissed, one merged into another); the group accepted a solution to each problem it took to
decision makers, and one of them is published as a position paper; each group met decision
makers (minutes, decisions, action items and answers), and the ministerial group meets again
in three weeks. Everything goes through the services, as it would on the pages; then a clock
dates each step in the past, in the order the story happened.

Runs after the members demo and uses its current members (`context.shared["profiles"]`, or
the current members in the database). The demo member account chairs the experts' group, so
that signing in as that member shows what a chair does. What people write in a group is stored
as they wrote it, in one language (English here): only the platform's own words are translated.
"""

import datetime

from django.utils import timezone

from wsco.accounts.models import User
from wsco.groups.models import (
    ActionItem,
    Answer,
    Comment,
    Decision,
    Evidence,
    GroupMembership,
    Meeting,
    MemberRole,
    Problem,
    ProblemEndorsement,
    ProblemEvent,
    Solution,
    SolutionEndorsement,
    WorkingGroup,
)
from wsco.groups.papers import publish_paper
from wsco.groups.services import groups, meetings, problems
from wsco.members.models import Profile, Visibility

# Every timestamp a step writes: the clock moves those written since its last move.
STAMPED = [
    (WorkingGroup, "created_at"),
    (GroupMembership, "created_at"),
    (GroupMembership, "decided_at"),
    (Problem, "created_at"),
    (Problem, "updated_at"),
    (ProblemEvent, "at"),
    (ProblemEndorsement, "at"),
    (Evidence, "added_at"),
    (Comment, "created_at"),
    (Solution, "created_at"),
    (Solution, "accepted_at"),
    (Solution, "paper_published_at"),
    (SolutionEndorsement, "at"),
    (Meeting, "minutes_published_at"),
    (Decision, "created_at"),
    (ActionItem, "created_at"),
    (ActionItem, "done_at"),
    (Answer, "at"),
]
MEMBERS_PER_GROUP = 9  # the chair and a co-chair among them


class Clock:
    """Dates what the services just wrote at a moment in the past."""

    def __init__(self) -> None:
        self.started = timezone.now()

    def days_ago(self, days: float) -> datetime.datetime:
        return self.started - datetime.timedelta(days=days)

    def date(self, days_ago: float) -> None:
        """Date every stamp written since the last call `days_ago` days before the seeding."""
        moment = self.days_ago(days_ago)
        for model, field in STAMPED:
            model.objects.filter(**{f"{field}__gte": self.started}).update(**{field: moment})


GROUPS = {
    "ministerial": {
        "name": "Ministerial Working Group on Smart City Legislation",
        "type": "ministerial",
        "themes": ["governance", "urban-planning", "telecommunication"],
        "mandate": (
            "Brings WSCO's members together with the ministries in charge of urban development "
            "and digitalisation, to turn the industry's problems into proposals for law:\n\n"
            "- public procurement of smart-city solutions;\n"
            "- open and interoperable municipal data;\n"
            "- the adoption of the ISO 37120 family of standards into national legislation.\n\n"
            "The group meets the ministries at least twice a year and publishes its positions."
        ),
    },
    "experts": {
        "name": "Experts' Group on Urban Mobility Data",
        "type": "experts",
        "themes": ["transportation", "telecommunication", "environment"],
        "mandate": (
            "Engineers, data scientists and transport planners who find what keeps mobility data "
            "from being shared and compared between operators, vendors and cities, and agree on "
            "the technical rules that would fix it."
        ),
    },
    "regional": {
        "name": "North-West Regional Working Group",
        "type": "regional",
        "themes": ["water", "energy", "finance"],
        "mandate": (
            "City halls, utilities and companies of the North-West development region (Bihor, "
            "Bistrița-Năsăud, Cluj, Maramureș, Satu Mare and Sălaj) working on the problems small "
            "and mid-sized towns share: water losses, energy in public buildings and lighting, and "
            "the money to fix them."
        ),
    },
}

# (key, group, title, affected, severity, description)
PROBLEMS = [
    ("procurement", "ministerial", "Procurement rules keep successful pilots from scaling up",
     "City halls and the companies that run smart-city pilots", "high",
     "A city that tests a solution in a pilot must run a new open tender to roll it out, and the "
     "company that built the pilot often cannot take part. Successful pilots stop after a year; "
     "the city starts again from nothing."),
    ("open-data", "ministerial", "No national standard for open municipal data",
     "Cities, researchers and the companies that build on public data", "high",
     "Each city publishes its data sets in its own format, with its own licence and metadata, "
     "when it publishes them at all. A service built on one city's data has to be rebuilt for "
     "the next."),
    ("co-financing", "ministerial", "Towns cannot pay their share of EU-funded projects",
     "Towns under 50,000 inhabitants", "critical",
     "EU programmes fund up to 85 % of a project; the town pays the rest from its own budget, "
     "before it is reimbursed. Small towns cannot carry that share for two years, and give up "
     "projects they had won."),
    ("permits", "ministerial", "Building permits are not issued online in most towns",
     "Citizens, architects and builders", "medium",
     "Outside the largest cities a building permit still means paper files, stamps and several "
     "visits to the city hall; the national e-government portal does not reach the local "
     "planning departments."),
    ("permits-paper", "ministerial", "Planning certificates need paper files and visits",
     "Citizens and architects", "medium",
     "A planning certificate, the first step to a building permit, is still asked for and "
     "issued on paper."),
    ("realtime", "experts", "Transport operators do not share real-time data",
     "Passengers, journey planners and city transport departments", "high",
     "Bus and tram operators track their vehicles, but few publish the positions and delays in "
     "an open feed. Journey planners show the timetable, not where the bus is."),
    ("sensors", "experts", "Traffic counters from different vendors cannot be compared",
     "Traffic engineers and city mobility departments", "medium",
     "Loop detectors, cameras and radar counters count vehicles differently and export different "
     "formats; a city with three vendors has three numbers for the same junction."),
    ("parking-apps", "experts", "Every city has its own parking app",
     "Drivers who park in several cities", "low",
     "Drivers install a different app in each city to pay for parking."),
    ("air-quality", "experts", "Low-cost air-quality sensors are not calibrated",
     "Residents, and the cities that publish the readings", "high",
     "Cities install low-cost sensors but rarely compare them with the reference stations; "
     "readings drift by 30 % or more within a year, and the public maps are wrong."),
    ("water-losses", "regional", "Small towns lose a third of their drinking water to leaks",
     "The utilities and residents of the region's small towns", "critical",
     "Old networks and no district metering: the utilities of the region's small towns bill "
     "about two thirds of the water they treat. Leaks are found when the street floods."),
    ("energy-contracts", "regional", "Energy performance contracts are unknown in small towns",
     "Small municipalities and energy service companies", "medium",
     "Energy service companies would renovate lighting and public buildings and be paid from the "
     "savings, but small town halls have never signed such a contract and their auditors "
     "question it."),
]  # fmt: skip

# (problem, title, body, accepted: (for, against, abstentions, note) or None)
SOLUTIONS = [
    ("procurement", "Let an innovation partnership continue into a framework contract",
     "Use the **innovation partnership** procedure of Directive 2014/24/EU for pilots, and allow "
     "the partnership to continue into a framework contract of up to four years when the pilot "
     "meets the performance targets set in its tender.\n\n"
     "- the targets are published with the tender;\n"
     "- an independent evaluation decides whether they were met;\n"
     "- other cities may join the framework contract.",
     (14, 1, 2, "Voted at the group's plenary session.")),
    ("procurement", "A national sandbox for smart-city pilots",
     "A regulatory sandbox run by the ministry, in which cities test solutions for up to two "
     "years under lighter procurement rules.", None),
    ("open-data", "A national open-data profile for cities, based on DCAT-AP",
     "Adopt DCAT-AP as the metadata profile of every municipal data set, with a short list of "
     "high-value data sets (transport stops, budgets, permits, air quality) each city publishes "
     "under an open licence, and a national catalogue that harvests them.",
     (11, 0, 1, "")),
    ("co-financing", "A revolving fund for the local share of EU projects",
     "A national revolving fund lends small towns their share of an EU-funded project, at no "
     "interest, and is repaid from the reimbursements.",
     (None, None, None, "Agreed by consensus.")),
    ("co-financing", "Count the local share as eligible development spending",
     "Let the towns borrow for their local share above today's debt ceiling.", None),
    ("realtime", "Make GTFS-Realtime feeds a condition of public service contracts",
     "Every public service contract for buses and trams requires the operator to publish "
     "vehicle positions and trip updates as an open GTFS-Realtime feed, updated at least every "
     "30 seconds.", (9, 2, 0, "")),
    ("sensors", "A common test protocol for traffic counters",
     "A one-week test at a reference junction, counted by hand, that every vendor's counter "
     "passes within 5 % before a city buys it.", None),
    ("water-losses", "District metering and acoustic leak detection",
     "Divide each network into metered districts, monitor the night flow, and locate leaks with "
     "acoustic loggers; financed from the regional programme's water priority.",
     (7, 0, 0, "")),
]  # fmt: skip

COMMENTS = {
    "procurement": [
        "In Oradea the same happened with adaptive street lighting: a good pilot, then 18 months "
        "of tendering.",
        "The directive allows it already; what is missing is national guidance that auditors "
        "accept.",
    ],
    "realtime": ["Operators fear the data shows their delays. The contract is the only lever."],
    "water-losses": ["Night-flow monitoring found 40 % of our losses in two districts."],
}

EVIDENCE = {
    "procurement": ("Directive 2014/24/EU on public procurement, article 31",
                    "https://eur-lex.europa.eu/eli/dir/2014/24/oj"),
    "open-data": ("DCAT-AP, the European metadata profile",
                  "https://interoperable-europe.ec.europa.eu/collection/semic-support-centre/dcat-ap"),
    "realtime": ("The GTFS-Realtime reference", "https://gtfs.org/documentation/realtime/reference/"),
}  # fmt: skip

PROCUREMENT_RESOLVED = (
    "The amended rules are published: an innovation partnership may now continue into a "
    "framework contract."
)
PARKING_DISMISSED = (
    "Outside the group's mandate: a market matter, which the competition authority already "
    "examines."
)

DECISION_MAKERS = {
    "ministerial": [
        ("Irina Munteanu", "Secretary of State",
         "Ministerul Dezvoltării, Lucrărilor Publice și Administrației",
         "irina.munteanu@mdlpa.example", "+40 21 000 0101"),
        ("Victor Stan", "Director for Digital Public Services",
         "Autoritatea pentru Digitalizarea României", "victor.stan@adr.example", ""),
    ],
    "experts": [
        ("Raluca Pavel", "Head of the Mobility Department",
         "Primăria Municipiului Cluj-Napoca", "raluca.pavel@primariaclujnapoca.example", ""),
    ],
    "regional": [
        ("Mihai Roman", "Director General",
         "Agenția pentru Dezvoltare Regională Nord-Vest", "mihai.roman@nord-vest.example",
         "+40 264 000 202"),
    ],
}  # fmt: skip


def _members(context) -> list[Profile]:
    profiles = context.shared.get("profiles")
    if profiles is None:
        profiles = Profile.objects.filter(is_member=True).select_related("user")
    return sorted(
        (
            profile
            for profile in profiles
            if profile.is_member
            and profile.visibility != Visibility.HIDDEN
            and not profile.user.is_staff
        ),
        key=lambda profile: profile.pk,
    )


def _people_for(slugs: list[str], members: list[Profile], taken: set[int]) -> list[User]:
    """Return members whose expertise is in the group's themes, not in another group yet."""
    expertise = dict(
        Profile.themes_of_expertise.through.objects.filter(
            profile__in=members, theme__slug__in=slugs
        ).values_list("profile_id", "theme__slug")
    )
    chosen = [p for p in members if p.pk in expertise and p.user_id not in taken]
    chosen += [p for p in members if p.pk not in expertise and p.user_id not in taken]
    people = [profile.user for profile in chosen[:MEMBERS_PER_GROUP]]
    taken.update(user.pk for user in people)
    return people


def _open_group(key: str, chair: User, people: list[User], staff: User, clock: Clock):
    """Create a group, a year ago, with its co-chair and members (by request or invitation)."""
    facts = GROUPS[key]
    group = groups.create_group(
        name=facts["name"],
        type=facts["type"],
        mandate=facts["mandate"],
        chair=chair,
        themes=facts["themes"],
        by=staff,
    )
    clock.date(400)
    co_chair, *others = [person for person in people if person.pk != chair.pk]
    invitation = groups.invite_member(
        group=group, user=co_chair, role=MemberRole.CO_CHAIR, by=chair
    )
    groups.answer_invitation(membership=invitation, accept=True, by=co_chair)
    for index, person in enumerate(others[:-2]):
        if index % 2:
            membership = groups.invite_member(group=group, user=person, by=chair)
            groups.answer_invitation(membership=membership, accept=True, by=person)
        else:
            membership = groups.request_to_join(group=group, user=person, message="")
            groups.decide_request(membership=membership, approve=True, by=co_chair)
    clock.date(380)
    # One request waiting for the chair, and one invitation not answered yet.
    groups.request_to_join(
        group=group, user=others[-2], message="I would like to bring my city's experience."
    )
    groups.invite_member(group=group, user=others[-1], by=chair)
    clock.date(6)
    group.key, group.chair, group.co_chair = key, chair, co_chair
    group.people = [chair, co_chair, *others[:-2]]
    return group


def _signal(group, key: str, clock: Clock, days_ago: float, rng) -> Problem:
    """Signal a problem of `PROBLEMS` in `group`, with endorsements, evidence and comments."""
    _key, _group, title, affected, severity, description = next(
        row for row in PROBLEMS if row[0] == key
    )
    author = group.people[2 + len(title) % (len(group.people) - 2)]
    problem = problems.signal_problem(
        group=group,
        title=title,
        description=description,
        affected=affected,
        severity=severity,
        by=author,
    )
    clock.date(days_ago)
    for person in rng.sample(group.people, k=rng.randint(3, len(group.people) - 1)):
        if person.pk != author.pk:
            problems.endorse_problem(problem=problem, by=person)
    if key in EVIDENCE:
        evidence_title, url = EVIDENCE[key]
        problems.add_evidence(problem=problem, title=evidence_title, url=url, by=author)
    for body, person in zip(COMMENTS.get(key, []), reversed(group.people), strict=False):
        problems.add_comment(problem=problem, body=body, by=person)
    clock.date(days_ago - 3)
    return problem


def _propose(group, problem: Problem, key: str, clock: Clock, days_ago: float):
    """Propose the solutions of `SOLUTIONS` to `problem`; the chair records the one accepted."""
    accepted = None
    for index, (_key, title, body, vote) in enumerate(row for row in SOLUTIONS if row[0] == key):
        author = group.people[2 + index]
        solution = problems.propose_solution(
            problem=problem, title=title, body=body, by=author, authors=[group.co_chair]
        )
        for person in group.people[3 + index : 7 + index]:
            problems.endorse_solution(solution=solution, by=person)
        clock.date(days_ago)
        if vote is not None:
            votes_for, votes_against, abstentions, note = vote
            accepted = problems.accept_solution(
                solution=solution,
                votes_for=votes_for,
                votes_against=votes_against,
                abstentions=abstentions,
                note=note,
                by=group.chair,
            )
            clock.date(days_ago - 14)
    return accepted


def _step(group, problem: Problem, step: str, clock: Clock, days_ago: int, reason: str = ""):
    """Take a step on `problem` by hand, as its group's chair, `days_ago`."""
    problems.change_problem_state(problem=problem, step=step, reason=reason, by=group.chair)
    clock.date(days_ago)


def _meet(group, title: str, agenda: list[Problem], clock: Clock, days_ago: int, place: str):
    """Hold a meeting with the group's decision makers `days_ago`, on `agenda`."""
    local = clock.days_ago(days_ago).replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = meetings.schedule_meeting(
        group=group,
        title=title,
        local_start=local.replace(tzinfo=None),
        time_zone="Europe/Bucharest",
        place=place,
        problems=agenda,
        by=group.chair,
    )
    for person in group.people[:4]:
        meetings.add_attendee(meeting=meeting, user=person, by=group.chair)
    meeting.decision_makers = [
        meetings.add_attendee(
            meeting=meeting,
            name=name,
            office=office,
            institution=institution,
            email=email,
            phone=phone,
            is_decision_maker=True,
            by=group.chair,
        )
        for name, office, institution, email, phone in DECISION_MAKERS[group.key]
    ]
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    clock.date(days_ago)
    return meeting


def _answer(
    group, meeting, problem, clock: Clock, days_ago: int, text: str, commitment: str, follow
):
    meetings.record_answer(
        problem=problem,
        meeting=meeting,
        decision_maker=meeting.decision_makers[0],
        given_by="",
        text=text,
        commitment=commitment,
        follow_up_on=clock.days_ago(-follow).date() if follow is not None else None,
        by=group.chair,
    )
    clock.date(days_ago)


def _minutes(group, meeting, text: str, clock: Clock, days_ago: int, publish: bool = True) -> None:
    meetings.save_minutes(meeting=meeting, minutes=text, publish=publish, by=group.chair)
    clock.date(days_ago)


def _ministerial(group, clock: Clock, rng) -> None:
    procurement = _signal(group, "procurement", clock, 330, rng)
    open_data = _signal(group, "open-data", clock, 300, rng)
    co_financing = _signal(group, "co-financing", clock, 120, rng)
    permits = _signal(group, "permits", clock, 60, rng)
    permits_paper = _signal(group, "permits-paper", clock, 45, rng)
    for problem in (procurement, open_data):
        _step(group, problem, "analyse", clock, 280)
    paper = _propose(group, procurement, "procurement", clock, 260)
    _propose(group, open_data, "open-data", clock, 240)
    meeting = _meet(
        group,
        "Procurement and open data: meeting with the Ministry of Development",
        [procurement, open_data],
        clock,
        200,
        "Ministry of Development, Public Works and Administration, Bucharest",
    )
    _minutes(
        group,
        meeting,
        "## Procurement of smart-city pilots\n\n"
        "The group presented its position. The Secretary of State agreed that pilots stop for "
        "want of a follow-on procedure and asked for the group's text of the amendment.\n\n"
        "## Open municipal data\n\n"
        "The Authority for the Digitalisation of Romania supports a national profile and will "
        "consult the large cities first.",
        clock,
        198,
    )
    meetings.record_decision(
        meeting=meeting,
        problem=procurement,
        text="The group sends its draft amendment to the ministry within a month.",
        by=group.chair,
    )
    sent = meetings.add_action_item(
        meeting=meeting,
        title="Send the draft amendment on innovation partnerships to the ministry",
        owner=group.co_chair,
        due_on=clock.days_ago(170).date(),
        by=group.chair,
    )
    meetings.complete_action_item(item=sent, by=group.co_chair)
    clock.date(175)
    _answer(
        group,
        meeting,
        procurement,
        clock,
        199,
        "The ministry will put the group's amendment into its draft changes to the public "
        "procurement law.",
        "A draft for public consultation before the end of the year.",
        follow=None,
    )
    meetings.record_answer(
        problem=open_data,
        meeting=meeting,
        decision_maker=meeting.decision_makers[1],
        given_by="",
        text="The Authority will publish a national open-data profile for municipalities, based "
        "on DCAT-AP, after a consultation with the ten largest cities.",
        commitment="The profile in the national data catalogue by spring.",
        follow_up_on=clock.days_ago(-45).date(),
        by=group.chair,
    )
    clock.date(199)
    _step(group, procurement, "resolve", clock, 30, PROCUREMENT_RESOLVED)
    publish_paper(solution=paper, by=group.chair)
    clock.date(230)
    _propose(group, co_financing, "co-financing", clock, 90)
    withdrawn = co_financing.solutions.get(status="proposed")
    problems.withdraw_solution(solution=withdrawn, by=withdrawn.proposed_by)
    clock.date(80)
    problems.merge_problems(duplicate=permits_paper, into=permits, by=group.chair)
    clock.date(40)
    meetings.schedule_meeting(
        group=group,
        title="Co-financing of EU projects: meeting with the Ministry of Investments",
        local_start=clock.days_ago(-21).replace(
            hour=11, minute=0, second=0, microsecond=0, tzinfo=None
        ),
        time_zone="Europe/Bucharest",
        place="Ministry of Investments and European Projects, Bucharest",
        link="https://meet.wsco.example/ministerial-co-financing",
        problems=[co_financing],
        by=group.chair,
    )


def _experts(group, clock: Clock, rng) -> None:
    realtime = _signal(group, "realtime", clock, 210, rng)
    sensors = _signal(group, "sensors", clock, 150, rng)
    parking = _signal(group, "parking-apps", clock, 140, rng)
    _signal(group, "air-quality", clock, 12, rng)
    _propose(group, realtime, "realtime", clock, 120)
    _step(group, sensors, "analyse", clock, 100)
    _propose(group, sensors, "sensors", clock, 20)
    _step(group, parking, "dismiss", clock, 130, PARKING_DISMISSED)
    meeting = _meet(
        group,
        "Real-time transport data: meeting with Cluj-Napoca's mobility department",
        [realtime],
        clock,
        40,
        "Cluj-Napoca City Hall, Moților Street 3",
    )
    _minutes(
        group,
        meeting,
        "The department welcomed the proposal and will check it against its contract with the "
        "operator before it answers.",
        clock,
        38,
        publish=False,
    )
    meetings.add_action_item(
        meeting=meeting,
        title="Send the department a model clause for the public service contract",
        owner=group.people[2],
        due_on=clock.days_ago(-2).date(),
        by=group.chair,
    )
    clock.date(38)


def _regional(group, clock: Clock, rng) -> None:
    losses = _signal(group, "water-losses", clock, 180, rng)
    _signal(group, "energy-contracts", clock, 25, rng)
    _propose(group, losses, "water-losses", clock, 150)
    meeting = _meet(
        group,
        "Water losses: meeting with the North-West Regional Development Agency",
        [losses],
        clock,
        70,
        "North-West Regional Development Agency, Cluj-Napoca",
    )
    _minutes(
        group,
        meeting,
        "The agency presented the water priority of the regional programme. The group showed "
        "the night-flow figures of two towns; the agency will make district metering eligible.",
        clock,
        68,
    )
    meetings.record_decision(
        meeting=meeting,
        text="The group's utilities prepare a joint application for the first call.",
        by=group.chair,
    )
    _answer(
        group,
        meeting,
        losses,
        clock,
        69,
        "District metering and acoustic leak detection will be eligible in the regional "
        "programme's next call for water projects.",
        "The call opens in the autumn, with a budget set aside for towns under 20,000 inhabitants.",
        follow=20,
    )


def seed(context) -> None:
    """Create the three groups, their problems, solutions and meetings."""
    members = _members(context)
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    if len(members) < 3 * MEMBERS_PER_GROUP or staff is None:
        context.say("Working groups demo: too few members, no group created.")
        return
    clock = Clock()
    rng = context.random
    demo_member = User.objects.filter(email=context.accounts.get("member", "")).first()
    taken = {demo_member.pk} if demo_member else set()
    made = {}
    for key, facts in GROUPS.items():
        people = _people_for(facts["themes"], members, taken)
        chair = demo_member if key == "experts" and demo_member else people[0]
        made[key] = _open_group(key, chair, people, staff, clock)
    _ministerial(made["ministerial"], clock, rng)
    _experts(made["experts"], clock, rng)
    _regional(made["regional"], clock, rng)
    if demo_member is not None and "member" in context.abilities:
        context.abilities["member"] += f"; chairs the {GROUPS['experts']['name']}"
    context.say(
        f"Working groups: {len(made)} groups, {Problem.objects.count()} problems, "
        f"{Meeting.objects.count()} meetings with decision makers."
    )
