"""Demo data of the courses: six courses, in English and in Romanian, and their learners.

One course teaches ISO 37120 audits, one a project's gates, one runs in two cohorts of 20
seats (one under way, the next starting in six weeks), one is paid and asks for another course
first. Each course has modules, lessons and a quiz, and learners at every stage: enrolled, part
way through, failed the quiz once, completed with a certificate (and, on the paid course,
awaiting payment). Everything goes through the services, as it would on the pages; enrolments
are then dated in the past.

Runs after the members demo and uses its current members (`context.shared["profiles"]`). The
demo member account completed the ISO 37120 course (its certificate shows on the learner's
page) and is half way through the cohort, so that signing in shows both.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from wsco.accounts.models import User
from wsco.core.models import Theme
from wsco.courses import services
from wsco.courses.models import (
    Choice,
    Cohort,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    Mode,
    Module,
    Question,
    Quiz,
)
from wsco.members.models import Profile, Visibility

# The learners of each course, by stage: how many of each.
STAGES = {"enrolled": 2, "learning": 3, "failed": 2, "completed": 3}
PAID_STAGES = {"awaiting_payment": 1, "learning": 1, "completed": 1}


def _quiz(title, questions, pass_mark=70, max_attempts=3):
    return {
        "title": title,
        "pass_mark": pass_mark,
        "max_attempts": max_attempts,
        "questions": questions,
    }


# Each question: its text, then its answers with a mark on the right ones ("+").
COURSES = [
    {
        "slug": "iso-37120-audits-in-practice",
        "title": "ISO 37120 audits in practice",
        "title_ro": "Audituri ISO 37120 în practică",
        "summary": "How a city gathers its base values, computes the ISO 37120 indicators and "
        "goes through an audit from draft to verification.",
        "summary_ro": "Cum își adună un oraș valorile de bază, calculează indicatorii ISO 37120 "
        "și parcurge un audit de la ciornă la verificare.",
        "themes": ["governance", "population"],
        "level": "intermediate",
        "language": "en",
        "cpd_hours": "8.0",
        "standards": ["ISO 37120:2018"],
        "certificate_valid_months": 36,
        "renewal_cpd_hours": "6.0",
        "modules": [
            (
                "The standard and its indicators",
                [
                    ("What ISO 37120 measures", "ISO 37120 defines **indicators** for city "
                     "services and quality of life, grouped in 19 themes."),
                    ("Core, supporting and profile indicators", "Core indicators are required; "
                     "supporting ones raise the level a city reaches; profile indicators "
                     "describe the city and never count."),
                ],
                None,
            ),
            (
                "Running an audit",
                [
                    ("Base values and their sources", "Each indicator is computed from base "
                     "values: a numerator, a denominator and a *source* for each."),
                    ("From draft to verification", "The city submits its audit; the auditor "
                     "checks the sources; the verifier confirms the level."),
                ],
                _quiz("Audit check", [
                    ("Which indicators are required to reach any level?", False,
                     [("Core indicators", "+"), ("Profile indicators", ""),
                      ("Supporting indicators", "")]),
                    ("What does each base value need?", True,
                     [("A source", "+"), ("A value for the period", "+"),
                      ("A photograph", "")]),
                    ("Do profile indicators count towards a level?", False,
                     [("No", "+"), ("Yes", "")]),
                ]),
            ),
        ],
    },
    {
        "slug": "project-gates-from-idea-to-delivery",
        "title": "Project gates: from idea to delivery",
        "title_ro": "Porțile unui proiect: de la idee la livrare",
        "summary": "The gates a Smart City project passes, what each gate asks for, and who "
        "decides that a project goes on.",
        "summary_ro": "Porțile prin care trece un proiect Smart City, ce cere fiecare poartă și "
        "cine decide că proiectul merge mai departe.",
        "themes": ["governance", "finance", "urban-planning"],
        "level": "introductory",
        "language": "en",
        "cpd_hours": "4.0",
        "standards": ["ISO 37101:2016"],
        "modules": [
            (
                "Why gates",
                [
                    ("A project in stages", "A project moves in stages; a **gate** closes "
                     "each stage with a decision: go on, change, or stop."),
                    ("Who decides at a gate", "The sponsor decides, on the evidence the team "
                     "brings: the business case, the risks, the budget."),
                ],
                None,
            ),
            (
                "The five gates",
                [
                    ("Idea and business case", "Gate 1 asks what problem the project solves "
                     "and for whom; gate 2 asks what it costs and what it returns."),
                    ("Procurement, delivery and review", "Gates 3 to 5 check the tender, the "
                     "delivery against the plan, and the benefits a year on."),
                ],
                _quiz("Gates check", [
                    ("What can a gate decide?", True,
                     [("Go on", "+"), ("Change the plan", "+"), ("Stop", "+"),
                      ("Skip the next gate", "")]),
                    ("Who decides at a gate?", False,
                     [("The sponsor", "+"), ("The supplier", ""), ("The press", "")]),
                ], pass_mark=100),
            ),
        ],
    },
    {
        "slug": "date-deschise-in-administratia-locala",
        "title": "Open data in local government",
        "title_ro": "Date deschise în administrația locală",
        "summary": "Publishing a city's data as open data: what to publish, in which formats, "
        "under which licence.",
        "summary_ro": "Publicarea datelor unui oraș ca date deschise: ce se publică, în ce "
        "formate, sub ce licență.",
        "themes": ["telecommunication", "governance"],
        "level": "introductory",
        "language": "ro",
        "cpd_hours": "3.0",
        "standards": ["ISO 37106:2021"],
        "modules": [
            (
                "Ce sunt datele deschise",
                [
                    ("Definiție și principii", "Datele deschise pot fi folosite de **oricine**, "
                     "în orice scop, fără taxe."),
                    ("Formate și licențe", "Publicați în formate deschise (CSV, JSON), sub o "
                     "licență care permite reutilizarea."),
                ],
                _quiz("Verificare: date deschise", [
                    ("Care sunt formate deschise?", True,
                     [("CSV", "+"), ("JSON", "+"), ("Un fișier scanat", "")]),
                    ("Cine poate folosi datele deschise?", False,
                     [("Oricine", "+"), ("Doar primăria", "")]),
                ]),
            ),
            (
                "Publicarea",
                [
                    ("Inventarul datelor", "Începeți cu o listă a seturilor de date pe care "
                     "primăria le deține deja."),
                    ("Actualizarea", "Un set de date are o dată a ultimei actualizări și o "
                     "persoană care răspunde de el."),
                ],
                None,
            ),
        ],
    },
    {
        "slug": "smart-mobility-planning-cohort",
        "title": "Smart mobility planning (cohort)",
        "title_ro": "Planificarea mobilității urbane inteligente (grupă)",
        "summary": "Eight weeks with a group of city officials: a sustainable urban mobility "
        "plan, from data to the measures a council adopts.",
        "summary_ro": "Opt săptămâni cu o grupă de funcționari: un plan de mobilitate urbană "
        "durabilă, de la date la măsurile adoptate de consiliu.",
        "themes": ["transportation", "environment"],
        "level": "intermediate",
        "language": "en",
        "cpd_hours": "12.0",
        "standards": ["ISO 37122:2019"],
        "mode": Mode.COHORT,
        "capacity": 20,
        "modules": [
            (
                "Data on how people move",
                [
                    ("Counting trips", "Household surveys, counters and ticketing data show "
                     "how many trips are made, by which mode."),
                    ("The modal split", "The **modal split** is each mode's share of trips; "
                     "it is the plan's first figure."),
                ],
                None,
            ),
            (
                "Measures and their effect",
                [
                    ("Bus lanes and priority", "Bus lanes and priority at lights make buses "
                     "faster and more regular."),
                    ("Parking policy", "What parking costs, and where, shapes how people "
                     "choose to travel."),
                ],
                _quiz("Mobility check", [
                    ("What is the modal split?", False,
                     [("Each mode's share of trips", "+"), ("The number of buses", "")]),
                    ("Which measures speed up buses?", True,
                     [("Bus lanes", "+"), ("Priority at lights", "+"),
                      ("More parking in the centre", "")]),
                ]),
            ),
        ],
    },
    {
        "slug": "eficienta-energetica-in-cladirile-publice",
        "title": "Energy efficiency in public buildings",
        "title_ro": "Eficiența energetică în clădirile publice",
        "summary": "Measuring and lowering the energy used by schools, hospitals and town "
        "halls.",
        "summary_ro": "Măsurarea și reducerea energiei consumate de școli, spitale și primării.",
        "themes": ["energy", "environment"],
        "level": "intermediate",
        "language": "ro",
        "cpd_hours": "6.0",
        "standards": ["ISO 37120:2018"],
        "modules": [
            (
                "Măsurarea consumului",
                [
                    ("Contoare și facturi", "Consumul se citește din contoare, lunar, pentru "
                     "fiecare clădire."),
                    ("Consumul pe metru pătrat", "Comparați clădirile după consumul pe **metru "
                     "pătrat** al suprafeței încălzite."),
                ],
                None,
            ),
            (
                "Reducerea consumului",
                [
                    ("Izolația și ferestrele", "Izolarea pereților și a acoperișului reduce "
                     "pierderile de căldură."),
                    ("Iluminatul", "Corpurile de iluminat LED consumă mult mai puțin decât "
                     "cele vechi."),
                ],
                _quiz("Verificare: eficiență energetică", [
                    ("Cum comparați consumul a două clădiri?", False,
                     [("Pe metru pătrat", "+"), ("Pe număr de etaje", "")]),
                    ("Ce reduce pierderile de căldură?", True,
                     [("Izolarea pereților", "+"), ("Ferestre noi", "+"),
                      ("Mai multe calorifere", "")]),
                ]),
            ),
        ],
    },
    {
        "slug": "resilient-city-indicators",
        "title": "Indicators for resilient cities",
        "title_ro": "Indicatori pentru orașe reziliente",
        "summary": "ISO 37123's indicators of a city's resilience to shocks, for those who "
        "already audit against ISO 37120.",
        "summary_ro": "Indicatorii ISO 37123 ai rezilienței unui oraș la șocuri, pentru cei "
        "care auditează deja după ISO 37120.",
        "themes": ["safety", "environment", "health"],
        "level": "advanced",
        "language": "en",
        "cpd_hours": "10.0",
        "standards": ["ISO 37123:2019"],
        "price": "120.00",
        "prerequisites": ["iso-37120-audits-in-practice"],
        "modules": [
            (
                "Shocks and stresses",
                [
                    ("Shocks", "Floods, heatwaves and earthquakes are **shocks**: sudden "
                     "events a city prepares for."),
                    ("Stresses", "Ageing infrastructure and poverty are stresses: slow "
                     "pressures that weaken the response to a shock."),
                ],
                None,
            ),
            (
                "The resilience indicators",
                [
                    ("Reading ISO 37123", "ISO 37123 adds indicators such as the share of "
                     "the population in areas at risk of flooding."),
                    ("Planning with them", "A city sets targets on the weakest indicators and "
                     "checks them every year."),
                ],
                _quiz("Resilience check", [
                    ("Which are shocks?", True,
                     [("A flood", "+"), ("A heatwave", "+"), ("Ageing pipes", "")]),
                    ("What does ISO 37123 add to ISO 37120?", False,
                     [("Resilience indicators", "+"), ("A building code", "")]),
                ], max_attempts=2),
            ),
        ],
    },
]  # fmt: skip


def _members(context) -> list[User]:
    profiles = context.shared.get("profiles")
    if profiles is None:
        profiles = Profile.objects.filter(is_member=True).select_related("user")
    return [
        profile.user
        for profile in sorted(profiles, key=lambda profile: profile.pk)
        if profile.is_member
        and profile.visibility != Visibility.HIDDEN
        and not profile.user.is_staff
    ]


def _create(facts: dict, today: datetime.date, slugs: dict[str, Course]) -> Course:
    fields = {
        key: facts[key]
        for key in ("slug", "title", "title_ro", "summary", "summary_ro", "level", "language")
    }
    course = Course.objects.create(
        **fields,
        cpd_hours=Decimal(facts["cpd_hours"]),
        standards=facts["standards"],
        mode=facts.get("mode", Mode.SELF_PACED),
        price=Decimal(facts.get("price", "0.00")),
        certificate_valid_months=facts.get("certificate_valid_months"),
        renewal_cpd_hours=(
            Decimal(facts["renewal_cpd_hours"]) if "renewal_cpd_hours" in facts else None
        ),
        status=CourseStatus.PUBLISHED,
    )
    course.themes.set(Theme.objects.filter(slug__in=facts["themes"]))
    if course.is_cohort:
        # The first cohort started three weeks ago and runs for eight weeks; the next one
        # starts six weeks from now.
        for starts_in_weeks in (-3, 6):
            starts_on = today + datetime.timedelta(weeks=starts_in_weeks)
            Cohort.objects.create(
                course=course,
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(weeks=8),
                capacity=facts["capacity"],
            )
    course.prerequisites.set([slugs[slug] for slug in facts.get("prerequisites", [])])
    for position, (title, lessons, quiz) in enumerate(facts["modules"], start=1):
        module = Module.objects.create(course=course, title=title, position=position)
        for number, (lesson_title, body) in enumerate(lessons, start=1):
            Lesson.objects.create(
                module=module, title=lesson_title, body=body, minutes=10 + 5 * number,
                position=number,
            )  # fmt: skip
        if quiz is not None:
            _add_quiz(module, quiz)
    return course


def _add_quiz(module: Module, facts: dict) -> Quiz:
    quiz = Quiz.objects.create(
        module=module,
        title=facts["title"],
        pass_mark=facts["pass_mark"],
        max_attempts=facts["max_attempts"],
    )
    for position, (text, multiple, choices) in enumerate(facts["questions"], start=1):
        question = Question.objects.create(
            quiz=quiz, text=text, multiple=multiple, position=position
        )
        Choice.objects.bulk_create(
            Choice(question=question, text=choice, is_correct=mark == "+")
            for choice, mark in choices
        )
    return quiz


def _answers(quiz: Quiz, *, right: bool) -> dict[int, list[int]]:
    """The right answers to every question, or a wrong one to each."""
    answers = {}
    for question in quiz.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        if right:
            answers[question.pk] = [choice.pk for choice in choices if choice.is_correct]
        else:
            answers[question.pk] = [next(c.pk for c in choices if not c.is_correct)]
    return answers


def _take_quiz(enrolment: Enrolment, quiz: Quiz, rng: random.Random, *, right: bool) -> None:
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz, rng=rng)
    services.submit_attempt(attempt=attempt, answers=_answers(quiz, right=right))


def _learn(enrolment: Enrolment, stage: str, rng: random.Random) -> None:
    """Take `enrolment` to `stage`: part way, failed the quiz once, or completed."""
    course = enrolment.course
    lessons = list(Lesson.objects.filter(module__course=course))
    quizzes = list(Quiz.objects.filter(module__course=course))
    done = {"learning": rng.randint(1, len(lessons) - 1)}.get(stage, len(lessons))
    for lesson in lessons[:done]:
        services.open_lesson(enrolment=enrolment, lesson=lesson)
        services.mark_lesson_done(enrolment=enrolment, lesson=lesson)
    if stage == "failed":
        _take_quiz(enrolment, quizzes[0], rng, right=False)
    if stage == "completed":
        if rng.random() < 0.5:
            _take_quiz(enrolment, quizzes[0], rng, right=False)
        for quiz in quizzes:
            _take_quiz(enrolment, quiz, rng, right=True)


def _cohort(course: Course, stage: str) -> Cohort | None:
    """Return the cohort a learner at `stage` is in: the next one if they have not started."""
    cohorts = list(course.cohorts.order_by("starts_on"))
    if not cohorts:
        return None
    return cohorts[-1] if stage == "enrolled" else cohorts[0]


def _enrol_learners(course, stages, people, rng, staff) -> int:
    count = 0
    for stage, number in stages.items():
        for user in people[count : count + number]:
            enrolment = services.enrol(course=course, user=user, cohort=_cohort(course, stage))
            if stage != "awaiting_payment" and not course.is_free:
                services.record_payment(
                    enrolment=enrolment,
                    amount=course.price,
                    reference=f"WSCO-{course.pk}-{user.pk}",
                    by=staff,
                )
                enrolment.refresh_from_db()
            if stage in ("learning", "failed", "completed"):
                _learn(enrolment, stage, rng)
            Enrolment.objects.filter(pk=enrolment.pk).update(
                enrolled_at=timezone.now() - datetime.timedelta(days=rng.randint(3, 60))
            )
        count += number
    return count


def seed(context) -> None:
    """Create the six courses, their instructors and their learners at every stage."""
    members = _members(context)
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    if len(members) < 20 or staff is None:
        context.say("Courses demo: too few members, no course created.")
        return
    rng = context.random
    today = timezone.localdate()
    demo_member = User.objects.filter(email=context.accounts.get("member", "")).first()
    others = [user for user in members if user != demo_member]
    courses: dict[str, Course] = {}
    for facts in COURSES:
        courses[facts["slug"]] = _create(facts, today, courses)
    if demo_member is not None:
        iso = courses["iso-37120-audits-in-practice"]
        _learn(services.enrol(course=iso, user=demo_member), "completed", rng)
        cohort = courses["smart-mobility-planning-cohort"]
        running = _cohort(cohort, "learning")
        _learn(services.enrol(course=cohort, user=demo_member, cohort=running), "learning", rng)
    learners = 0
    for course in courses.values():
        people = rng.sample(others, 14)
        course.instructors.set(people[:2] + ([staff] if course.language == "ro" else []))
        if course.prerequisites.exists():
            # Those who go on to the paid course completed the one it asks for first.
            people = [e.user for e in course.prerequisites.get().enrolments.filter(
                status="completed").exclude(user=demo_member).select_related("user")]  # fmt: skip
            learners += _enrol_learners(course, PAID_STAGES, people, rng, staff)
        else:
            learners += _enrol_learners(course, STAGES, people[2:], rng, staff)
    if demo_member is not None and "member" in context.abilities:
        context.abilities["member"] += "; completed a course, learning in a cohort"
    context.say(f"Courses: {len(courses)} courses, {learners} learners.")
