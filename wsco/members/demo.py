"""Demo data for the members app: organizations of every type, 320 people, memberships in
every state, open applications, and one account per role."""

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from wsco.accounts.models import Role, RoleGrant, User, hash_token
from wsco.core.demo import DemoContext
from wsco.core.models import Theme
from wsco.members.directory_changes import directory_changed
from wsco.members.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipKind,
    MembershipStatus,
    MembershipType,
    Organization,
    OrganizationType,
    Payment,
    Profile,
    Seat,
    SeatInvitation,
    Visibility,
)
from wsco.members.services.invoices import issue_invoice

PEOPLE = 320
MOTIVATION = "I work on smart-city projects and would like to meet people from other areas."

# (name, type, country, city, website domain, themes)
ORGANIZATIONS = [
    (
        "Primăria Municipiului Cluj-Napoca",
        "city_hall",
        "RO",
        "Cluj-Napoca",
        ["transportation", "governance", "telecommunication"],
    ),
    ("Primăria Municipiului Iași", "city_hall", "RO", "Iași", ["energy", "urban-planning"]),
    ("Primăria Municipiului Timișoara", "city_hall", "RO", "Timișoara", ["water", "environment"]),
    ("Primăria Municipiului Oradea", "city_hall", "RO", "Oradea", ["finance", "housing"]),
    (
        "Stadt Wien – Smart City Agentur",
        "city_hall",
        "AT",
        "Vienna",
        ["energy", "environment", "housing"],
    ),
    (
        "Ajuntament de Barcelona",
        "city_hall",
        "ES",
        "Barcelona",
        ["telecommunication", "governance"],
    ),
    ("Gemeente Eindhoven", "city_hall", "NL", "Eindhoven", ["transportation", "economy"]),
    ("Urząd Miasta Gdańsk", "city_hall", "PL", "Gdańsk", ["safety", "water"]),
    (
        "Ministerul Dezvoltării, Lucrărilor Publice și Administrației",
        "ministry",
        "RO",
        "Bucharest",
        ["urban-planning", "governance", "housing"],
    ),
    (
        "Ministerul Cercetării, Inovării și Digitalizării",
        "ministry",
        "RO",
        "Bucharest",
        ["telecommunication", "education"],
    ),
    ("Ministère de la Transition écologique", "ministry", "FR", "Paris", ["environment", "energy"]),
    (
        "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen",
        "ministry",
        "DE",
        "Berlin",
        ["housing", "urban-planning"],
    ),
    (
        "Autoritatea pentru Digitalizarea României",
        "agency",
        "RO",
        "Bucharest",
        ["telecommunication", "governance"],
    ),
    (
        "Agenția pentru Dezvoltare Regională Nord-Vest",
        "agency",
        "RO",
        "Cluj-Napoca",
        ["economy", "finance"],
    ),
    ("Agence de l'eau Seine-Normandie", "agency", "FR", "Nanterre", ["water", "wastewater"]),
    ("Agencia de Ecología Urbana", "agency", "ES", "Barcelona", ["urban-planning", "environment"]),
    (
        "Universitatea Politehnica București",
        "university",
        "RO",
        "Bucharest",
        ["energy", "telecommunication", "education"],
    ),
    (
        "Universitatea Babeș-Bolyai",
        "university",
        "RO",
        "Cluj-Napoca",
        ["education", "population", "governance"],
    ),
    ("Technische Universität München", "university", "DE", "Munich", ["transportation", "energy"]),
    ("Politecnico di Milano", "university", "IT", "Milan", ["urban-planning", "housing"]),
    ("TU Delft Urban Lab", "university", "NL", "Delft", ["water", "environment"]),
    ("Asociația Orașe Energie România", "ngo", "RO", "Brașov", ["energy", "environment"]),
    ("Code for Romania", "ngo", "RO", "Bucharest", ["governance", "telecommunication"]),
    ("Eurocities Network", "ngo", "BE", "Brussels", ["governance", "population"]),
    ("Fundación Ciudad Sostenible", "ngo", "ES", "Madrid", ["agriculture", "solid-waste"]),
    (
        "Partidul Orașelor Inteligente",
        "political",
        "RO",
        "Bucharest",
        ["governance", "urban-planning"],
    ),
    ("Grüne Stadtpolitik e.V.", "political", "DE", "Hamburg", ["environment", "transportation"]),
    ("Parti des Villes Durables", "political", "FR", "Lyon", ["housing", "energy"]),
    (
        "Siemens Smart Infrastructure România",
        "company",
        "RO",
        "Bucharest",
        ["energy", "transportation"],
    ),
    ("Bitdefender Urban Security", "company", "RO", "Bucharest", ["safety", "telecommunication"]),
    ("UiPath Public Sector", "company", "RO", "Bucharest", ["governance", "finance"]),
    ("Electrica Furnizare", "company", "RO", "Bucharest", ["energy"]),
    ("Romprest Waste Solutions", "company", "RO", "Bucharest", ["solid-waste", "environment"]),
    ("Apa Nova Technologies", "company", "RO", "Bucharest", ["water", "wastewater"]),
    ("Cityflow Mobility GmbH", "company", "DE", "Berlin", ["transportation"]),
    ("Lumière Éclairage Urbain SAS", "company", "FR", "Lyon", ["energy", "safety"]),
    ("Sensoria Analytics S.L.", "company", "ES", "Valencia", ["environment", "telecommunication"]),
    ("Verde Agritech S.r.l.", "company", "IT", "Bologna", ["agriculture"]),
    ("Kanaal Water Systems B.V.", "company", "NL", "Rotterdam", ["water", "wastewater"]),
    ("Polska Sieć Ładowania", "company", "PL", "Warsaw", ["energy", "transportation"]),
    ("Lisboa Housing Lab", "other", "PT", "Lisbon", ["housing", "population"]),
    ("Moldova Smart Villages Initiative", "other", "MD", "Chișinău", ["agriculture", "economy"]),
]

FIRST_NAMES = {
    "RO": [
        "Andrei",
        "Ioana",
        "Mihai",
        "Elena",
        "Radu",
        "Ana",
        "Cristina",
        "Vlad",
        "Alexandra",
        "Bogdan",
        "Irina",
        "Tudor",
        "Oana",
        "Sorin",
        "Diana",
        "Gabriela",
        "Cătălin",
        "Raluca",
        "Ștefan",
        "Adriana",
    ],
    "DE": ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie"],
    "FR": ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Mathis", "Manon"],
    "ES": ["Lucía", "Javier", "Carmen", "Pablo", "Marta", "Diego", "Elena", "Sergio"],
    "IT": ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo", "Sara"],
    "NL": ["Daan", "Sanne", "Bram", "Femke", "Jeroen", "Lotte", "Sem"],
    "PL": ["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Marta", "Jakub", "Zofia"],
    "AT": ["Lena", "Maximilian", "Hannah", "Tobias", "Valentina", "Florian"],
    "BE": ["Elise", "Thomas", "Nina", "Arthur", "Louise", "Wout"],
    "PT": ["Inês", "João", "Beatriz", "Tiago", "Mariana", "Rui"],
    "MD": ["Ion", "Maria", "Vasile", "Natalia", "Victor", "Doina"],
}
LAST_NAMES = {
    "RO": [
        "Popescu",
        "Ionescu",
        "Stan",
        "Dumitru",
        "Gheorghe",
        "Matei",
        "Constantin",
        "Marin",
        "Tudor",
        "Dobre",
        "Barbu",
        "Nistor",
        "Florea",
        "Ene",
        "Voicu",
        "Mocanu",
        "Lungu",
        "Moldovan",
        "Țurcanu",
        "Sârbu",
    ],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner"],
    "FR": ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre"],
    "ES": ["García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Torres"],
    "IT": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo"],
    "NL": ["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit"],
    "PL": ["Nowak", "Kowalczyk", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński"],
    "AT": ["Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner"],
    "BE": ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems"],
    "PT": ["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira"],
    "MD": ["Rusu", "Ceban", "Munteanu", "Cojocaru", "Lupu", "Grosu"],
}
CITIES = {
    "RO": [
        "Bucharest",
        "Cluj-Napoca",
        "Iași",
        "Timișoara",
        "Brașov",
        "Oradea",
        "Constanța",
        "Sibiu",
    ],
    "DE": ["Berlin", "Munich", "Hamburg"],
    "FR": ["Paris", "Lyon"],
    "ES": ["Madrid", "Barcelona", "Valencia"],
    "IT": ["Milan", "Bologna"],
    "NL": ["Rotterdam", "Eindhoven"],
    "PL": ["Warsaw", "Gdańsk"],
    "AT": ["Vienna"],
    "BE": ["Brussels"],
    "PT": ["Lisbon"],
    "MD": ["Chișinău"],
}
# How often people come from each country: Romania first, as WSCO's home.
COUNTRY_WEIGHTS = {
    "RO": 45,
    "DE": 9,
    "FR": 8,
    "ES": 8,
    "IT": 6,
    "NL": 6,
    "PL": 5,
    "AT": 4,
    "BE": 3,
    "PT": 3,
    "MD": 3,
}

TITLES = {
    "company": [
        "Head of Smart City Solutions",
        "Business Development Manager",
        "CTO",
        "Product Manager",
        "Solutions Architect",
    ],
    "city_hall": [
        "Deputy Mayor",
        "Head of the Smart City Department",
        "City Architect",
        "Digital Transformation Officer",
        "Project Manager",
    ],
    "ministry": ["State Secretary", "Policy Advisor", "Director of Urban Policy"],
    "agency": ["Programme Director", "Senior Expert", "Data Officer"],
    "university": ["Professor", "Researcher", "PhD candidate", "Lab Director"],
    "ngo": ["Executive Director", "Programme Coordinator", "Advocacy Officer"],
    "political": ["Party Secretary", "Policy Coordinator", "City Councillor"],
    "other": ["Consultant", "Coordinator"],
    None: ["Independent consultant", "Urban planner", "Data scientist", "Architect", "Journalist"],
}

# What people working on a theme offer and look for, so that the network has real matches.
OFFERS = {
    "economy": "economic development strategies and investment attraction",
    "education": "digital skills training for civil servants",
    "energy": "smart street lighting and energy efficiency audits",
    "environment": "air quality sensors and climate adaptation plans",
    "finance": "green bonds and EU funding applications",
    "governance": "open data portals and participatory budgeting platforms",
    "health": "telemedicine services for rural areas",
    "housing": "affordable housing models and retrofit programmes",
    "population": "demographic analysis and social inclusion studies",
    "recreation": "design of parks and public spaces",
    "safety": "video analytics and emergency response systems",
    "solid-waste": "smart waste bins and circular economy consulting",
    "sport-culture": "digital culture and heritage platforms",
    "telecommunication": "5G and fibre network planning",
    "transportation": "traffic sensors and mobility-as-a-service platforms",
    "agriculture": "urban farming and short food supply chains",
    "urban-planning": "digital twins and urban planning tools",
    "wastewater": "wastewater treatment monitoring",
    "water": "leak detection and smart water meters",
}
LOOKS_FOR = {
    "economy": "partners to attract investment",
    "education": "training partners for municipal staff",
    "energy": "a partner for energy efficiency in public buildings",
    "environment": "air quality data for our city",
    "finance": "funding for a pilot project",
    "governance": "an open data platform for our city hall",
    "health": "health data experts",
    "housing": "ideas for affordable housing",
    "population": "studies on ageing and inclusion",
    "recreation": "designers for public spaces",
    "safety": "public safety technology",
    "solid-waste": "solutions for waste collection",
    "sport-culture": "partners for cultural heritage projects",
    "telecommunication": "network operators for a 5G pilot",
    "transportation": "traffic sensors and mobility data",
    "agriculture": "urban agriculture partners",
    "urban-planning": "a digital twin of our city",
    "wastewater": "wastewater treatment experts",
    "water": "smart water meters and leak detection",
}

# What each membership gives, in English and Romanian, one benefit a line (shown on /join/).
BENEFITS = {
    MembershipKind.INDIVIDUAL: (
        "A profile in the members' directory\n"
        "Introductions to members of other areas who share your themes\n"
        "The quarterly Smart City Magazine\n"
        "Member rates for the Smart City Urban Projects event and the courses",
        "Un profil în directorul membrilor\n"
        "Prezentări către membri din alte domenii care au aceleași teme\n"
        "Revista trimestrială Smart City Magazine\n"
        "Tarife de membru la evenimentul Smart City Urban Projects și la cursuri",
    ),
    MembershipKind.CORPORATE: (
        "Membership for the people of your company you invite\n"
        "Your company listed among the organizations\n"
        "Introductions to city halls and public entities working on your themes\n"
        "A seat in the working groups of your industry",
        "Calitate de membru pentru oamenii companiei pe care îi invitați\n"
        "Compania listată printre organizații\n"
        "Prezentări către primării și instituții publice care lucrează la temele dumneavoastră\n"
        "Un loc în grupurile de lucru ale industriei dumneavoastră",
    ),
    MembershipKind.INSTITUTIONAL: (
        "Membership for the people of your institution you invite\n"
        "A Smart City Audit of your city on member terms\n"
        "Help to take a project from its vision to its implementation\n"
        "The ministerial and experts' working groups",
        "Calitate de membru pentru oamenii instituției pe care îi invitați\n"
        "Un audit Smart City al orașului în condiții de membru\n"
        "Sprijin pentru un proiect, de la viziune la implementare\n"
        "Grupurile de lucru ministeriale și ale experților",
    ),
    MembershipKind.POLITICAL: (
        "Membership for the people of your organization you invite\n"
        "Briefings on the ISO smart-city standards and their adoption into law\n"
        "Meetings with the industry's working groups",
        "Calitate de membru pentru oamenii organizației pe care îi invitați\n"
        "Informări despre standardele ISO pentru orașe inteligente și adoptarea lor în legislație\n"
        "Întâlniri cu grupurile de lucru ale industriei",
    ),
}

# (role, email, name, what the role can do): printed by `seed_demo` and `make run`. The applicant
# stays last: every account before it is a current member.
ROLE_ACCOUNTS = [
    (
        "staff",
        "staff@demo.wsco.example",
        "Simona Dumitrescu",
        "the secretariat: decides applications, records payments, grants roles, the admin",
    ),
    (
        "member",
        "member@demo.wsco.example",
        "Mara Vlădescu",
        "a current member: the directory, the network's suggestions and introductions",
    ),
    ("auditor", "auditor@demo.wsco.example", "Alin Georgescu", "a member who audits cities"),
    ("juror", "juror@demo.wsco.example", "Iulia Hofman", "a member on the awards' jury"),
    (
        "editor",
        "editor@demo.wsco.example",
        "Elena Rădulescu",
        "the magazine's editor: the editorial desk, reviewers, issues, news posts",
    ),
    (
        "city_official",
        "city-official@demo.wsco.example",
        "Cosmin Petrescu",
        "a member who speaks for a city hall",
    ),
    (
        "organization_admin",
        "org-admin@demo.wsco.example",
        "Dana Crăciun",
        "administers Cluj-Napoca's membership: its seats, invitations and requests to join",
    ),
    (
        "applicant",
        "applicant@demo.wsco.example",
        "Andrei Cazacu",
        "signed up, not a member yet: the application form",
    ),
]
ORGANIZATION_ADMIN = [role for role, *_ in ROLE_ACCOUNTS].index("organization_admin")


def seed(context: DemoContext) -> None:
    """Create the members app's demo data."""
    today = timezone.localdate()
    rng = context.random
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    types = {
        membership_type.kind: membership_type for membership_type in MembershipType.objects.all()
    }
    password = make_password(context.password)

    describe_types(types)
    organizations = create_organizations(themes)
    profiles = create_people(context, organizations, themes, password)
    staff_user = User.objects.get(email="staff@demo.wsco.example")
    create_role_grants(staff_user)
    create_memberships(rng, today, profiles, organizations, types, staff_user)
    create_applications(rng, today, profiles, types, staff_user)
    create_affiliations(rng, profiles, organizations, context.shared["names"])
    finish(profiles, organizations)
    context.shared["organizations"] = organizations
    # Read back: the member status and search documents were written by the services.
    context.shared["profiles"] = list(Profile.objects.select_related("organization", "user"))
    context.say(f"Members: {len(profiles)} people, {len(organizations)} organizations.")


def describe_types(types: dict) -> None:
    """Give the membership types on offer their benefits in both languages."""
    for kind, (benefits, benefits_ro) in BENEFITS.items():
        if kind in types:
            types[kind].benefits, types[kind].benefits_ro = benefits, benefits_ro
            types[kind].save(update_fields=["benefits", "benefits_ro"])


def create_organizations(themes: dict) -> list[Organization]:
    """Create the demo organizations with their themes."""
    organizations = []
    for name, kind, country, city, theme_slugs in ORGANIZATIONS:
        slug = slugify(name)[:200]
        organization = Organization.objects.create(
            name=name,
            slug=slug,
            type=kind,
            country=country,
            city=city,
            website=f"https://{slug[:40]}.example",
            description=f"{name} works on smarter cities in {city}.",
        )
        organization.themes.set([themes[slug] for slug in theme_slugs])
        organizations.append(organization)
    return organizations


class Names:
    """Hand out believable names, each once: a demo of two "Ana Popescu"s looks made up."""

    def __init__(self, rng, taken=()):
        self.rng = rng
        self.taken = set(taken)
        self.left: dict[str, list[str]] = {}

    def __call__(self, country: str) -> str:
        """Return a name of `country` not handed out before (ValueError when none is left)."""
        if country not in self.left:
            names = [
                f"{first} {last}" for first in FIRST_NAMES[country] for last in LAST_NAMES[country]
            ]
            self.rng.shuffle(names)
            self.left[country] = names
        while self.left[country]:
            name = self.left[country].pop()
            if name not in self.taken:
                self.taken.add(name)
                return name
        raise ValueError(f"The demo has no more names for {country}: add some to FIRST_NAMES.")


def create_people(context, organizations, themes, password) -> list[Profile]:
    """Create the role accounts and 320 people with profiles."""
    rng = context.random
    person_name = context.shared["names"] = Names(
        rng, taken=[name for _, _, name, _ in ROLE_ACCOUNTS]
    )
    countries = list(COUNTRY_WEIGHTS)
    weights = list(COUNTRY_WEIGHTS.values())
    users = []
    for role, email, _name, can in ROLE_ACCOUNTS:
        users.append(
            User(
                email=email,
                password=password,
                is_staff=role == "staff",
                is_superuser=role == "staff",
            )
        )
        context.add_account(role, email, can)
    for index in range(PEOPLE):
        users.append(User(email=f"person{index:03d}@demo.wsco.example", password=password))
    User.objects.bulk_create(users)
    users = list(User.objects.order_by("pk"))
    verify_emails(users)

    profiles = []
    by_country = {}
    for organization in organizations:
        by_country.setdefault(organization.country.code, []).append(organization)
    for index, user in enumerate(users):
        if index < len(ROLE_ACCOUNTS):
            name = ROLE_ACCOUNTS[index][2]
            country = "RO"
        else:
            country = rng.choices(countries, weights)[0]
            name = person_name(country)
        local = by_country.get(country, [])
        organization = rng.choice(local) if local and rng.random() < 0.85 else None
        if index == ORGANIZATION_ADMIN:
            organization = organizations[0]  # Cluj-Napoca's city hall
        profiles.append(
            Profile(
                user=user,
                name=name,
                title=rng.choice(TITLES[organization.type if organization else None]),
                organization=organization,
                country=country,
                city=organization.city if organization else rng.choice(CITIES[country]),
                languages=sorted({"en", country.lower() if country != "AT" else "de"}),
                visibility=rng.choices(
                    [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN], [60, 35, 5]
                )[0],
                recommend_consent=rng.random() < 0.75,
            )
        )
    Profile.objects.bulk_create(profiles)
    profiles = list(Profile.objects.select_related("organization").order_by("pk"))
    assign_interests(rng, profiles, themes)
    return profiles


def verify_emails(users) -> None:
    """Mark the demo addresses verified, so the accounts can sign in at once."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )


def assign_interests(rng, profiles, themes) -> None:
    """Give each person themes, and what they offer and look for in those themes."""
    slugs = list(themes)
    interest_links, expertise_links = [], []
    interest_model = Profile.themes_of_interest.through
    expertise_model = Profile.themes_of_expertise.through
    for profile in profiles:
        organization_themes = (
            [theme.slug for theme in profile.organization.themes.all()]
            if profile.organization
            else []
        )
        expertise = rng.sample(
            organization_themes or slugs, k=min(2, len(organization_themes or slugs))
        )
        interests = sorted(set(expertise[:1] + rng.sample(slugs, k=rng.randint(1, 3))))
        wanted = rng.choice([slug for slug in slugs if slug not in expertise])
        profile.offers = "; ".join(OFFERS[slug] for slug in expertise)
        profile.looks_for = LOOKS_FOR[wanted]
        profile.bio = (
            f"{profile.title} in {profile.city}, working on "
            f"{', '.join(str(themes[slug].name).lower() for slug in interests)}."
        )
        interest_links += [
            interest_model(profile_id=profile.pk, theme_id=themes[slug].pk) for slug in interests
        ]
        expertise_links += [
            expertise_model(profile_id=profile.pk, theme_id=themes[slug].pk) for slug in expertise
        ]
    interest_model.objects.bulk_create(interest_links)
    expertise_model.objects.bulk_create(expertise_links)
    Profile.objects.bulk_update(profiles, ["offers", "looks_for", "bio"])
    directory_changed()


def create_role_grants(staff_user) -> None:
    """Give the role accounts their roles."""
    for role, email, _name, _can in ROLE_ACCOUNTS:
        if role in {Role.AUDITOR, Role.JUROR, Role.EDITOR, Role.CITY_OFFICIAL}:
            RoleGrant.objects.create(
                user=User.objects.get(email=email), role=role, granted_by=staff_user
            )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return `day` moved by whole calendar months (the last day when the month is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def paid_membership(
    membership_type, *, starts_on, profile=None, organization=None, status=MembershipStatus.ACTIVE
):
    """Build a paid membership period (saved by the caller)."""
    ends_on = add_months(starts_on, membership_type.period_months) - datetime.timedelta(days=1)
    return Membership(
        membership_type=membership_type,
        profile=profile,
        organization=organization,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        fee_amount=membership_type.fee_amount,
        fee_currency=membership_type.fee_currency,
    )


def create_memberships(rng, today, profiles, organizations, types, staff_user) -> None:
    """Create memberships in every state: current, expiring, in grace, lapsed, cancelled, unpaid."""
    individual = types[MembershipKind.INDIVIDUAL]
    memberships = []
    people = profiles[len(ROLE_ACCOUNTS) :]
    # Every role account but the applicant is a member; the organization's administrator
    # through their organization's membership, the others on their own.
    administrator = profiles[ORGANIZATION_ADMIN]
    role_people = [p for p in profiles[: len(ROLE_ACCOUNTS) - 1] if p != administrator]
    for profile in role_people:
        memberships.append(
            paid_membership(
                individual, starts_on=today - datetime.timedelta(days=60), profile=profile
            )
        )
    # Most people: a current individual membership started some time in the last year.
    plan = [
        ("current", 190),
        ("expiring", 15),
        ("grace", 10),
        ("lapsed", 20),
        ("cancelled", 5),
        ("unpaid", 10),
    ]
    cursor = 0
    for state, count in plan:
        for profile in people[cursor : cursor + count]:
            memberships.append(individual_membership(rng, today, individual, profile, state))
        cursor += count
    # Organizations: corporate, institutional and political memberships that cover their people.
    kind_of_type = {
        OrganizationType.COMPANY: MembershipKind.CORPORATE,
        OrganizationType.CITY_HALL: MembershipKind.INSTITUTIONAL,
        OrganizationType.MINISTRY: MembershipKind.INSTITUTIONAL,
        OrganizationType.AGENCY: MembershipKind.INSTITUTIONAL,
        OrganizationType.POLITICAL: MembershipKind.POLITICAL,
    }
    covered = {}
    for organization in organizations:
        kind = kind_of_type.get(organization.type)
        staff = [
            profile for profile in people[cursor:] if profile.organization_id == organization.pk
        ]
        if administrator.organization_id == organization.pk:
            staff.insert(0, administrator)
        if kind is None or not staff:
            continue
        membership = paid_membership(
            types[kind],
            starts_on=today - datetime.timedelta(days=rng.randint(10, 300)),
            organization=organization,
            profile=staff[0],
        )
        memberships.append(membership)
        covered[id(membership)] = staff
    Membership.objects.bulk_create(memberships)
    payments = Payment.objects.bulk_create(
        [
            Payment(
                membership=membership,
                amount=membership.fee_amount,
                currency=membership.fee_currency,
                paid_on=membership.starts_on,
                method=rng.choice(list(Payment.Method)),
                reference=f"WSCO-{membership.pk:05d}",
                recorded_by=staff_user,
            )
            for membership in memberships
            if membership.starts_on
        ]
    )
    # Each payment's invoice, numbered in the order the payments came in.
    for payment in sorted(payments, key=lambda payment: (payment.paid_on, payment.pk)):
        issue_invoice(payment=payment, on=payment.paid_on)
    Seat.objects.bulk_create(
        [
            Seat(membership=membership, profile=profile, added_by=staff_user)
            for membership in memberships
            for profile in covered.get(id(membership), [])
        ]
    )


def individual_membership(rng, today, membership_type, profile, state) -> Membership:
    """Build an individual membership in `state`."""
    days_ago = {
        "current": rng.randint(1, 330),
        "expiring": 365 - rng.randint(1, 29),
        "grace": 365 + rng.randint(1, 29),
        "lapsed": 365 + rng.randint(31, 200),
        "cancelled": rng.randint(30, 200),
    }
    if state == "unpaid":
        return Membership(
            membership_type=membership_type,
            profile=profile,
            status=MembershipStatus.AWAITING_PAYMENT,
            fee_amount=membership_type.fee_amount,
            fee_currency=membership_type.fee_currency,
        )
    status = {
        "lapsed": MembershipStatus.LAPSED,
        "cancelled": MembershipStatus.CANCELLED,
    }.get(state, MembershipStatus.ACTIVE)
    starts_on = add_months(today - datetime.timedelta(days=days_ago[state]), 0)
    return paid_membership(membership_type, starts_on=starts_on, profile=profile, status=status)


def create_applications(rng, today, profiles, types, staff_user) -> None:
    """Create applications in every state, with their history, for people without a membership."""
    without = [profile for profile in profiles if not profile.memberships.exists()]
    plan = [
        (ApplicationStatus.SUBMITTED, 12),
        (ApplicationStatus.INFO_REQUESTED, 5),
        (ApplicationStatus.REJECTED, 4),
        (ApplicationStatus.WITHDRAWN, 2),
    ]
    individual = types[MembershipKind.INDIVIDUAL]
    cursor = 0
    now = timezone.now()
    for status, count in plan:
        for profile in without[cursor : cursor + count]:
            submitted_at = now - datetime.timedelta(
                days=rng.randint(1, 20), hours=rng.randint(0, 23)
            )
            application = Application.objects.create(
                profile=profile,
                membership_type=individual,
                motivation=MOTIVATION,
                status=status,
                submitted_at=submitted_at,
                staff_message={
                    ApplicationStatus.INFO_REQUESTED: "Which projects do you work on?",
                    ApplicationStatus.REJECTED: "Your application does not concern smart cities.",
                }.get(status, ""),
                decided_at=submitted_at + datetime.timedelta(days=1)
                if status == ApplicationStatus.REJECTED
                else None,
                decided_by=staff_user if status == ApplicationStatus.REJECTED else None,
            )
            ApplicationEvent.objects.create(
                application=application, action="submitted", by=profile.user, at=submitted_at
            )
            if status != ApplicationStatus.SUBMITTED:
                ApplicationEvent.objects.create(
                    application=application,
                    action=status,
                    by=profile.user if status == ApplicationStatus.WITHDRAWN else staff_user,
                    message=application.staff_message,
                    at=submitted_at + datetime.timedelta(days=1),
                )
        cursor += count


def create_affiliations(rng, profiles, organizations, person_name) -> None:
    """Record who is listed where, a few requests to join, and a few pending invitations.

    The invitations' keys are random and never sent: the demo sends no email.
    """
    now = timezone.now()
    JoinRequest.objects.bulk_create(
        JoinRequest(
            profile=profile,
            organization=profile.organization,
            status=JoinRequestStatus.APPROVED,
            created_at=profile.created_at,
            decided_at=profile.created_at,
        )
        for profile in profiles
        if profile.organization_id
    )
    unaffiliated = [profile for profile in profiles if profile.organization_id is None]
    JoinRequest.objects.bulk_create(
        JoinRequest(profile=profile, organization=rng.choice(organizations))
        for profile in rng.sample(unaffiliated, min(8, len(unaffiliated)))
    )
    administered = Membership.objects.filter(
        status=MembershipStatus.ACTIVE, organization__isnull=False
    ).order_by("pk")[:6]
    SeatInvitation.objects.bulk_create(
        SeatInvitation(
            membership=membership,
            email=f"invitee{index}@demo.wsco.example",
            name=person_name("RO"),
            token_digest=hash_token(f"demo-invitation-{index}-{rng.random()}"),
            created_at=now - datetime.timedelta(days=index),
            expires_at=now + datetime.timedelta(days=14 - index),
        )
        for index, membership in enumerate(administered)
    )


def finish(profiles, organizations) -> None:
    """Bring the derived columns up to date: member status and search documents."""
    from wsco.members.services import memberships as membership_services
    from wsco.members.services import profiles as profile_services

    membership_services.sync_member_status(profiles=profiles)
    for organization in organizations:
        profile_services.refresh_organization_search_document(organization=organization)
    for profile in profiles:
        profile_services.refresh_search_document(profile=profile)
