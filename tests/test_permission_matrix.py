"""Every URL, as every role: the answer each one gets is decided here, so no page ships without it.

`EXPECTED` maps each row to the answer for each role. A row's key is a named URL, asked with GET,
or "POST <name>" for the action that URL takes: it is sent by POST with the body in `BODY` (JSON
for the API). An answer is a status code, "login" for a redirect to the sign-in page, "redirect"
for any other redirect, or "done" when the action took place: `EFFECT` reads, before and after
the request, a value of the database the action changes, and a change makes the answer "done"
whatever the response says. So a role refused with a 403 that changed the state anyway fails
its row, and so does an allowed role whose request was turned away by a redirect.

Each request runs in a savepoint that is rolled back (`wsco/core/tests/matrix.py`), so the rows
do not depend on each other or on their order. A URL missing from the table fails
`test_every_url_has_a_decision`, a POST row without an effect fails
`test_every_action_says_what_it_changes`, and no row may expect 405: an action is asked with the
method it takes.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin import site as admin_site
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wsco.accounts.models import ApiToken, Role, RoleGrant
from wsco.audits.models import Audit, BaseValue, CityOfficial, Query, Signature, TeamMember
from wsco.audits.tests.records import AuditFactory
from wsco.awards import models as awards_models
from wsco.certificates.models import Certificate
from wsco.core.models import Theme
from wsco.core.tests.matrix import Request, answer, ask
from wsco.core.tests.module_world import module_world, world_for_a_test
from wsco.core.tests.sample_files import image_bytes
from wsco.courses import models as courses_models
from wsco.events import models as events_models
from wsco.groups import models as groups_models
from wsco.members.models import (
    Application,
    JoinRequest,
    Membership,
    MembershipKind,
    Payment,
    Seat,
    SeatInvitation,
    Visibility,
)
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    current_member,
    lapsed_member,
    membership_type,
)
from wsco.network.models import (
    Block,
    DismissedSuggestion,
    Introduction,
    Message,
    Report,
    ReportReason,
)
from wsco.network.tests.factories import connect
from wsco.notifications.models import Notification, NotificationPreference
from wsco.projects.models import (
    BudgetLine,
    Criterion,
    FundingSource,
    Invitation,
    Kpi,
    KpiActual,
    Milestone,
    Project,
    Review,
    Risk,
    Update,
)
from wsco.projects.models import Document as ProjectDocument
from wsco.projects.models import TeamMember as ProjectTeamMember
from wsco.publications.tests.test_permissions import MATRIX as PUBLICATIONS_MATRIX
from wsco.standards.models import Adoption, Edition, Follow, Standard

ROLES = [
    "visitor",
    "profile",  # signed in, with a profile, and no application or membership
    "applicant",  # with an application the secretariat asked a question about
    "lapsed",  # whose membership ended past its grace period
    "member",
    "staff",
    "auditor",
    "juror",
    "editor",
    "city_official",
]
SIGNED_IN = ROLES[1:]
NOT_MEMBERS = ["profile", "applicant", "lapsed"]
MEMBERS = ["member", "auditor", "juror", "editor", "city_official"]

ALL_200 = dict.fromkeys(ROLES, 200)
SIGNED_IN_ONLY = {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 200)
STAFF_ONLY = {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403) | {"staff": 200}
VISITORS_ONLY = {"visitor": 200} | dict.fromkeys(SIGNED_IN, "redirect")
MEMBERS_ONLY = (
    {"visitor": "login", "staff": 200}
    | dict.fromkeys(NOT_MEMBERS, 403)
    | dict.fromkeys(MEMBERS, 200)
)
# The network is for current members; the secretariat works on it from its staff pages.
NETWORK_MEMBERS = MEMBERS_ONLY | {"staff": 403}
API_MEMBERS = {"visitor": 401, "staff": 403} | dict.fromkeys(NOT_MEMBERS, 403)
API_MEMBERS |= dict.fromkeys(MEMBERS, 200)


# A project's team pages: the team and staff; others who may read the project are refused.
TEAM_PAGE = {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403) | {"staff": 200}


def only(role: str, answer="done", others=403) -> dict:
    """Return the answers for an action a single role may take."""
    return {"visitor": "login"} | dict.fromkeys(SIGNED_IN, others) | {role: answer}


def members(answer="done", visitor="login") -> dict:
    """Return the answers for a network action: current members only."""
    return NETWORK_MEMBERS | {"visitor": visitor} | dict.fromkeys(MEMBERS, answer)


def api(answers: dict) -> dict:
    """Return `answers` for the API, where a visitor is told 401 instead of sent to sign in."""
    return answers | {"visitor": 401}


EXPECTED: dict[str, dict] = {
    "core:home": ALL_200,
    "core:privacy": ALL_200,
    "core:health": ALL_200,
    # The design system's living page.
    "core:styleguide": STAFF_ONLY,
    "set_language": dict.fromkeys(ROLES, "redirect"),
    # Accounts: allauth's pages.
    "account_login": VISITORS_ONLY,
    "account_signup": VISITORS_ONLY,
    "account_logout": SIGNED_IN_ONLY | {"visitor": "redirect"},
    "account_reset_password": ALL_200,
    "account_reset_password_done": ALL_200,
    "account_reset_password_from_key_done": ALL_200,
    "account_email_verification_sent": ALL_200,
    "account_inactive": ALL_200,
    "account_change_password": SIGNED_IN_ONLY,
    "account_set_password": SIGNED_IN_ONLY | dict.fromkeys(SIGNED_IN, "redirect"),
    "account_email": SIGNED_IN_ONLY,
    "account_reauthenticate": SIGNED_IN_ONLY,
    "account_confirm_login_code": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "redirect"),
    "account_request_reauthentication_code": SIGNED_IN_ONLY,
    "account_confirm_reauthentication_code": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, "redirect"),
    "accounts:settings": SIGNED_IN_ONLY,
    "accounts:tokens": SIGNED_IN_ONLY,
    "accounts:download_data": SIGNED_IN_ONLY,
    "accounts:delete": SIGNED_IN_ONLY,
    "accounts:revoke_token": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST accounts:revoke_token": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "accounts:roles": STAFF_ONLY,
    "POST accounts:roles": only("staff"),
    "accounts:set_language": dict.fromkeys(ROLES, "redirect"),
    # Members: the directory and profiles.
    "members:directory": ALL_200,
    "members:organizations": ALL_200,
    "members:organization": ALL_200,
    "members:profile": ALL_200,
    "members:members_only_profile": {"visitor": 404, "staff": 200}
    | dict.fromkeys(NOT_MEMBERS, 404)
    | dict.fromkeys(MEMBERS, 200),
    "members:hidden_profile": dict.fromkeys(ROLES, 404),
    "members:home": SIGNED_IN_ONLY,
    "members:edit_profile": SIGNED_IN_ONLY,
    "members:directory_export": STAFF_ONLY,
    "members:edit_organization": STAFF_ONLY,
    # Members: joining, renewing, seats and the secretariat's decisions.
    "members:apply": SIGNED_IN_ONLY,
    "POST members:apply": {"visitor": "login", "applicant": 409}
    | dict.fromkeys(["profile", "lapsed", "staff", *MEMBERS], "done"),
    "members:application": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, 404)
    | {"applicant": 200, "staff": 200},
    # The secretariat reaches the application, but only its applicant answers or withdraws.
    "POST members:answer_application": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, 404)
    | {"applicant": "done", "staff": "redirect"},
    "POST members:withdraw_application": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, 404)
    | {"applicant": "done", "staff": "redirect"},
    "members:review_queue": STAFF_ONLY,
    "POST members:approve_application": only("staff"),
    "POST members:reject_application": only("staff"),
    "POST members:request_information": only("staff"),
    "members:payments_due": STAFF_ONLY,
    "members:record_payment": STAFF_ONLY,
    "POST members:record_payment": only("staff"),
    # Someone else's membership and seat: nobody but their holder reaches them.
    "members:renew": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST members:renew": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST members:remove_seat": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    # The network: current members only; other people's introductions and threads are 404.
    "network:people_to_meet": SIGNED_IN_ONLY,
    "network:requests": NETWORK_MEMBERS,
    "network:connections": NETWORK_MEMBERS,
    "network:blocked": NETWORK_MEMBERS,
    "network:request": NETWORK_MEMBERS,
    "POST network:request": members(),
    "network:report": NETWORK_MEMBERS,
    "POST network:report": members(),
    "network:block": NETWORK_MEMBERS,
    "POST network:block": members(),
    "POST network:dismiss": members(),
    # The block each member made of `blocked` (see `sign_in`).
    "POST network:unblock": members(),
    # A hidden profile cannot be met, blocked or reported: as if it did not exist.
    "network:request_hidden": members(404),
    "POST network:request_hidden": members(404),
    "network:report_hidden": members(404),
    "POST network:report_hidden": members(404),
    "network:block_hidden": members(404),
    "POST network:block_hidden": members(404),
    "POST network:dismiss_hidden": members(404),
    "POST network:accept": members(404),
    "POST network:decline": members(404),
    "POST network:withdraw": members(404),
    "network:thread": members(404),
    "POST network:thread": members(404),
    "network:thread_messages": members(404),
    "network:staff_reports": STAFF_ONLY,
    "POST network:resolve_report": only("staff"),
    "network:staff_introduce": STAFF_ONLY,
    "POST network:staff_introduce": only("staff"),
    "sitemap": ALL_200,
    # The API's own pages.
    "api-1.0.0:openapi-json": ALL_200,
    "api-1.0.0:openapi-view": ALL_200,
    "api-1.0.0:me": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:my_data": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:list_tokens": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "POST api-1.0.0:revoke_token": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 404),
    "api-1.0.0:my_memberships": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:list_applications": {"visitor": 401}
    | dict.fromkeys(SIGNED_IN, 403)
    | {"staff": 200},
    "POST api-1.0.0:approve": api(only("staff")),
    "POST api-1.0.0:reject": api(only("staff")),
    "POST api-1.0.0:request_information": api(only("staff")),
    "api-1.0.0:list_members": ALL_200,
    "api-1.0.0:get_member": ALL_200,
    "api-1.0.0:list_organizations": ALL_200,
    "api-1.0.0:get_organization": ALL_200,
    "api-1.0.0:list_issues": ALL_200,
    "api-1.0.0:list_articles": ALL_200,
    "api-1.0.0:list_posts": ALL_200,
    "api-1.0.0:list_suggestions": API_MEMBERS,
    "api-1.0.0:list_received_requests": API_MEMBERS,
    "api-1.0.0:list_sent_requests": API_MEMBERS,
    "api-1.0.0:list_connections": API_MEMBERS,
    "POST api-1.0.0:create_request": api(members()),
    "POST api-1.0.0:create_request_hidden": api(members(404)),
    "POST api-1.0.0:accept_request": api(members(404)),
    "POST api-1.0.0:decline_request": api(members(404)),
    "POST api-1.0.0:withdraw_request": api(members(404)),
    "POST api-1.0.0:dismiss_suggestion": api(members()),
    # Stored files: a hidden profile's photo, served through the owning app's reader.
    "core:file": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "core:old_media_url": dict.fromkeys(ROLES, "redirect"),
    # Background tasks: the staff page and the retry of a failed task.
    "tasks:staff_tasks": STAFF_ONLY,
    "POST tasks:retry": only("staff", "done"),
    # Seats by invitation and requests to join an organization. Someone else's membership and
    # invitation are 404; the invitation's link opens for whoever holds it, but only the owner
    # of the invited address (nobody here) accepts, while anyone holding the link may decline.
    "members:seat_invitations": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST members:seat_invitations": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST members:revoke_invitation": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "members:seat_invitation": ALL_200,
    "POST members:accept_invitation": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST members:decline_invitation": dict.fromkeys(ROLES, "done"),
    # The organization of the request has no administrator: the secretariat decides.
    "members:join_requests": SIGNED_IN_ONLY,
    "POST members:approve_join_request": only("staff", others=404),
    "POST members:reject_join_request": only("staff", others=404),
    "POST members:withdraw_join_request": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    # The site-wide search: everyone searches, and finds what they may see.
    "core:search": ALL_200,
    "api-1.0.0:search": ALL_200,
    # Notifications: each person's own. The one asked about is someone else's (404); only the
    # applicant has one unread (the secretariat's question) to mark read.
    "notifications:centre": SIGNED_IN_ONLY,
    "notifications:preferences": SIGNED_IN_ONLY,
    "POST notifications:preferences": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "done"),
    "POST notifications:mark_read": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST notifications:mark_all_read": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, "redirect")
    | {"applicant": "done"},
    # "Not interested" undone: each member set `dismissed` aside (see `sign_in`).
    "POST network:undismiss": members(),
    "POST api-1.0.0:restore_suggestion": api(members()),
    "api-1.0.0:list_notifications": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "POST api-1.0.0:mark_notification_read": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 404),
    "POST api-1.0.0:mark_all_notifications_read": {"visitor": 401}
    | dict.fromkeys(SIGNED_IN, 200)
    | {"applicant": "done"},
    # Joining: the types on offer for everyone; choosing one leads to sign-up or the form.
    "join:types": ALL_200,
    "join:choose": dict.fromkeys(ROLES, "redirect"),
    # Someone else's invoice: its payer and the secretariat only.
    "members:invoice_pdf": {"visitor": "login", "staff": 200}
    | dict.fromkeys(NOT_MEMBERS + MEMBERS, 404),
    # The secretariat's revenue and renewals by month.
    "members:revenue": STAFF_ONLY,
    # Smart City Audits: a city's page, a published audit (public) and a draft of another
    # city (its team, its officials and staff only; nobody asked here is on its team).
    "audits:city": ALL_200,
    "audits:published_audit": ALL_200,
    "audits:audit": dict.fromkeys(ROLES, 404) | {"staff": 200},
    # What the platform has on a theme: the themes and each theme's page, open to everyone
    # (each offer shows only what its viewer may see).
    "core:themes": ALL_200,
    "core:theme": ALL_200,
    "api-1.0.0:list_themes": ALL_200,
    "api-1.0.0:get_theme": ALL_200,
    # Certificates: anyone checks one by its code, as a page, a PDF or JSON; the secretariat
    # lists them and revokes one (held by nobody here, so no one is refused as its holder).
    "certificates:verify_form": ALL_200,
    "certificates:verify": ALL_200,
    "certificates:verify_pdf": ALL_200,
    "api-1.0.0:verify_certificate": ALL_200,
    "certificates:staff_certificates": STAFF_ONLY,
    "POST certificates:revoke": only("staff"),
    # Audits: the verification (team, auditors' review, queries and answers, signatures) and
    # the steps to verified, published, withdrawn or corrected. Nobody asked here is on an
    # audit's team or acts for its city: staff reach the pages and take staff's steps; the
    # auditors' and officials' own actions are refused to staff (403) and hidden from the
    # others (404). The published audit is public, so its correction is refused (403).
    "audits:team": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 200},
    "POST audits:team": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": "done"},
    "POST audits:remove_auditor": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": "done"},
    "audits:verification": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 200},
    "POST audits:accept_value": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 403},
    "POST audits:raise_query": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 403},
    "POST audits:sign": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 403},
    "audits:queries": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 200},
    "POST audits:answer_query": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 403},
    "POST audits:settle_query": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 403},
    "POST audits:reopen_query": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 403},
    "POST audits:start_verification": dict.fromkeys(ROLES, 404)
    | {"visitor": "login", "staff": 403},
    "POST audits:reopen": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": "done"},
    "POST audits:publish": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": "done"},
    "POST audits:withdraw": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": "done"},
    "POST audits:correct": only("staff"),
    # Audit data entry: naming a city's officials (staff or the municipality's admins), opening
    # audits (staff, or an official for their own city: nobody asked here acts for a city), and
    # a draft's data pages, which staff read but only its officials change (none asked here).
    "audits:officials": STAFF_ONLY,
    "POST audits:officials": only("staff"),
    "audits:new_audit": STAFF_ONLY,
    "POST audits:new_audit": only("staff"),
    "audits:entry": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "audits:entry_theme": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "POST audits:entry_theme": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, 404)
    | {"staff": 403},
    "POST audits:submit": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 403},
    "audits:template": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "audits:import": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "POST audits:import": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 403},
    "audits:import_progress": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    # Results, public pages and open data of the audits: published figures for everybody;
    # the draft audit (nobody asked here is on its team) through the API to staff only.
    "audits:cities": ALL_200,
    "audits:compare": ALL_200,
    "audits:rankings": ALL_200,
    "audits:data": ALL_200,
    "audits:values_csv": ALL_200,
    "audits:values_json": ALL_200,
    "audits:datapackage": ALL_200,
    "api-1.0.0:list_cities": ALL_200,
    "api-1.0.0:get_city_detail": ALL_200,
    "api-1.0.0:list_audits": ALL_200,
    "api-1.0.0:get_audit": ALL_200,
    "api-1.0.0:get_results": ALL_200,
    "api-1.0.0:get_draft_audit": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "api-1.0.0:get_draft_results": dict.fromkeys(ROLES, 404) | {"staff": 200},
    # Audit reports (PDF): a published audit's is public; a draft's reaches its team, its
    # city's officials and staff only (nobody asked here is on its team).
    "audits:published_report": ALL_200,
    "audits:report": dict.fromkeys(ROLES, 404) | {"staff": 200},
    # Working groups: a public group's pages for everybody; a members-only group is unknown
    # (404) but to staff. Nobody asked here belongs to the groups: members may ask to join,
    # the group's actions are its members' and leads' (staff act as the secretariat).
    "groups:groups": ALL_200,
    "groups:group": ALL_200,
    "groups:members_only_group": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "groups:feed": ALL_200,
    "groups:problems": ALL_200,
    "groups:problem": ALL_200,
    "groups:impact": ALL_200,
    "groups:meeting": ALL_200,
    "groups:invitation": ALL_200,
    "groups:signal": only("staff", 200),
    "groups:schedule": only("staff", 200),
    "POST groups:join": {"visitor": "login"}
    | dict.fromkeys(NOT_MEMBERS, 403)
    | dict.fromkeys(MEMBERS, "done")
    | {"staff": "done"},
    "POST groups:decide": only("staff"),
    "POST groups:invite": only("staff"),
    "POST groups:answer_invitation": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "redirect"),
    "POST groups:leave": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "redirect"),
    "POST groups:signal": only("staff", "done"),
    "POST groups:schedule": only("staff", "done"),
    "POST groups:endorse": only("staff"),
    "POST groups:evidence": only("staff"),
    "POST groups:comment": only("staff"),
    "POST groups:change_state": only("staff"),
    "POST groups:merge": only("staff"),
    "POST groups:propose": only("staff"),
    "POST groups:endorse_solution": only("staff"),
    "POST groups:accept_solution": only("staff"),
    "POST groups:publish_paper": only("staff"),
    "POST groups:hold": only("staff"),
    "POST groups:add_attendee": only("staff"),
    "POST groups:minutes": only("staff"),
    "POST groups:decision": only("staff"),
    "POST groups:action_item": only("staff"),
    "POST groups:answer": only("staff"),
    "POST groups:complete_action": only("staff"),
    "api-1.0.0:list_groups": ALL_200,
    "api-1.0.0:get_group": ALL_200,
    "api-1.0.0:list_problems": ALL_200,
    "api-1.0.0:get_problem": ALL_200,
    # The standards library and the register: public; staff edit them; current members (and
    # staff) follow; a city's checklist is its officials' and staff's (nobody asked here acts
    # for the city).
    "standards:standards": ALL_200,
    "standards:standard": ALL_200,
    "standards:legislation": ALL_200,
    "standards:export_csv": ALL_200,
    "standards:country": ALL_200,
    "standards:adoption": ALL_200,
    "standards:new_standard": STAFF_ONLY,
    "POST standards:new_standard": only("staff"),
    "standards:edit_standard": STAFF_ONLY,
    "POST standards:edit_standard": only("staff"),
    "standards:add_edition": STAFF_ONLY,
    "POST standards:add_edition": only("staff"),
    "POST standards:withdraw_edition": only("staff"),
    "standards:new_adoption": STAFF_ONLY,
    "POST standards:new_adoption": only("staff"),
    "standards:edit_adoption": STAFF_ONLY,
    "POST standards:edit_adoption": only("staff"),
    "POST standards:change_status": only("staff"),
    "POST standards:follow_standard": MEMBERS_ONLY | dict.fromkeys([*MEMBERS, "staff"], "done"),
    "POST standards:follow_country": MEMBERS_ONLY | dict.fromkeys([*MEMBERS, "staff"], "done"),
    "standards:obligations": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "api-1.0.0:list_standards": ALL_200,
    "api-1.0.0:get_standard": ALL_200,
    "api-1.0.0:list_adoptions": ALL_200,
    # Courses: the catalogue is public; lessons, quizzes (their answers), the badge and the
    # learners' progress are for the course's learners, instructors and staff only. The
    # signed-in person of each role is not enrolled on the world's course.
    "courses:list": ALL_200,
    "courses:course": ALL_200,
    "courses:draft_course": {"visitor": 404} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "courses:mine": SIGNED_IN_ONLY,
    "courses:report": STAFF_ONLY,
    "courses:report_csv": STAFF_ONLY,
    "courses:learners": STAFF_ONLY,
    "courses:lesson": STAFF_ONLY,
    "courses:quiz": only("staff", 403),
    "courses:badge": only("staff", 403),
    "POST courses:enrol": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "done"),
    "POST courses:lesson_done": only("staff", 403),
    "POST courses:quiz": only("staff", 403),
    "POST courses:quiz_start": only("staff", 403),
    "POST courses:profile_display": only("staff", 403),
    "POST courses:renew": only("staff", 403),
    "api-1.0.0:list_courses": ALL_200,
    # Authoring: the course's instructors and staff (no role here teaches a course); a draft's
    # pages are unknown to anyone else.
    "courses:new": STAFF_ONLY,
    "POST courses:new": only("staff"),
    "courses:edit": STAFF_ONLY,
    "courses:draft_edit": dict.fromkeys(ROLES, 404) | {"visitor": "login", "staff": 200},
    "POST courses:edit": only("staff"),
    "courses:preview": STAFF_ONLY,
    "POST courses:change_status": only("staff"),
    "courses:new_cohort": STAFF_ONLY,
    "POST courses:new_cohort": only("staff"),
    "courses:edit_cohort": STAFF_ONLY,
    "POST courses:edit_cohort": only("staff"),
    "courses:new_module": STAFF_ONLY,
    "POST courses:new_module": only("staff"),
    "courses:edit_module": STAFF_ONLY,
    "POST courses:edit_module": only("staff"),
    "POST courses:move_module": only("staff"),
    "courses:new_lesson": STAFF_ONLY,
    "POST courses:new_lesson": only("staff"),
    "courses:edit_lesson": STAFF_ONLY,
    "POST courses:edit_lesson": only("staff"),
    "POST courses:move_lesson": only("staff"),
    "courses:new_quiz": STAFF_ONLY,
    "POST courses:new_quiz": only("staff"),
    "courses:edit_quiz": STAFF_ONLY,
    "POST courses:edit_quiz": only("staff"),
    "courses:new_question": STAFF_ONLY,
    "POST courses:new_question": only("staff"),
    "courses:edit_question": STAFF_ONLY,
    "POST courses:edit_question": only("staff"),
    # Events: the list, an event and its agenda and calendars are public once published; a
    # registration, its ticket and agenda are its attendee's; people to meet and meetings are
    # for confirmed attendees; the door, registrations, payments and the agenda builder staff's.
    "events:list": ALL_200,
    "events:event": ALL_200,
    "events:draft_event": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "events:event_ics": ALL_200,
    "events:agenda_ics": ALL_200,
    "events:personal_ics": ALL_200,  # the secret address is the key
    "events:personal_ics_wrong_token": dict.fromkeys(ROLES, 404),
    "POST events:register": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "done"),
    "events:my": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "events:ticket": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST events:cancel": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST events:accept_offer": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "events:people": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST events:request_meeting": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST events:answer_meeting": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "events:feedback": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST events:feedback": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "events:check_in": STAFF_ONLY,
    "POST events:check_in": only("staff"),
    "events:registrations": STAFF_ONLY,
    "events:record_payment": STAFF_ONLY,
    "POST events:record_payment": only("staff"),
    "events:invoice": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "events:add_session": STAFF_ONLY,
    "POST events:add_session": only("staff"),
    "events:edit_session": STAFF_ONLY,
    "POST events:edit_session": only("staff"),
    "POST events:remove_session": only("staff"),
    "events:ticket_qr": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST events:change_state": only("staff"),
    "POST events:certificates": only("staff", "redirect"),  # refused: the event is not held
    "events:call": SIGNED_IN_ONLY,
    "POST events:call": SIGNED_IN_ONLY,  # refused with the reason: nobody here has a project
    "events:submissions": STAFF_ONLY,
    "events:submission": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "POST events:assign_reviewer": only("staff"),
    "POST events:decide": only("staff"),
    "api-1.0.0:list_events": ALL_200,
    # Projects: the portfolio, a published project, its feed and API for everybody; a private
    # project for its team and staff only (nobody asked here is on a team); the team's pages
    # and actions for those who run the project (staff here); an invitation for its invitee.
    "projects:portfolio": ALL_200,
    "projects:feed": ALL_200,
    "projects:project": ALL_200,
    "projects:private_project": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "api-1.0.0:list_projects": ALL_200,
    "api-1.0.0:get_project": ALL_200,
    "api-1.0.0:get_private_project": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "projects:new": STAFF_ONLY,
    "POST projects:new": only("staff"),
    "projects:invitations": SIGNED_IN_ONLY,
    "POST projects:accept_invitation": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "POST projects:decline_invitation": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "projects:edit": TEAM_PAGE,
    "POST projects:edit": only("staff"),
    "projects:private_edit": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404) | {"staff": 200},
    "POST projects:visibility": only("staff"),
    "projects:team": TEAM_PAGE,
    "POST projects:team": only("staff"),
    "POST projects:invite": only("staff"),
    "POST projects:remove_member": only("staff"),
    "projects:gates": TEAM_PAGE,
    "POST projects:add_criterion": only("staff"),
    "POST projects:criterion": only("staff"),
    "POST projects:name_reviewer": only("staff"),
    # Only the gate's named reviewers decide; staff run the project but are not named here.
    "POST projects:review": only("staff", others=403, answer=403),
    "projects:milestones": TEAM_PAGE,
    "POST projects:milestones": only("staff"),
    "POST projects:milestone": only("staff"),
    "projects:budget": TEAM_PAGE,
    "POST projects:budget": only("staff"),
    "POST projects:add_funding": only("staff"),
    "POST projects:advance_funding": only("staff"),
    "projects:kpis": TEAM_PAGE,
    "POST projects:kpis": only("staff"),
    "POST projects:record_actual": only("staff"),
    "projects:documents": TEAM_PAGE,
    "POST projects:documents": only("staff"),
    "POST projects:add_risk": only("staff"),
    "projects:updates": TEAM_PAGE,
    "POST projects:updates": only("staff"),
    "POST projects:publish_update": only("staff"),
    "projects:timeline": TEAM_PAGE,
    # Awards: editions, categories and the API are public (results once announced). Someone
    # else's nomination is its nominator's, staff's and its jurors' (nobody asked here is seated
    # on a jury: the juror role alone opens no jury page, no score and no score report, which
    # staff alone reach before the jury closes). Current members nominate; every verified
    # account votes; staff screen.
    "awards:list": ALL_200,
    "awards:edition": ALL_200,
    "awards:category": ALL_200,
    "api-1.0.0:list_editions": ALL_200,
    "api-1.0.0:get_edition": ALL_200,
    "awards:mine": SIGNED_IN_ONLY,
    "awards:nominate": SIGNED_IN_ONLY,
    "POST awards:nominate": {"visitor": "login", "staff": 403}
    | dict.fromkeys(NOT_MEMBERS, 403)
    | dict.fromkeys(MEMBERS, "done"),
    "awards:nomination": STAFF_ONLY,
    "POST awards:nomination": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST awards:withdraw": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    # Current members second a nomination someone else made; a secondment is its seconder's
    # alone to withdraw (nobody asked here made the one asked about).
    "awards:second": SIGNED_IN_ONLY,
    "POST awards:second": {"visitor": "login", "staff": 403}
    | dict.fromkeys(NOT_MEMBERS, 403)
    | dict.fromkeys(MEMBERS, "done"),
    "POST awards:withdraw_secondment": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "awards:screening": STAFF_ONLY,
    "POST awards:screen": only("staff"),
    "awards:conflicts": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST awards:conflicts": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "awards:jury": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "awards:score": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST awards:score": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST awards:recuse": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403),
    "POST awards:vote": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "done"),
    "awards:report": STAFF_ONLY,
    "awards:report_csv": STAFF_ONLY,
    # Staff alone seat and unseat jurors (the juror role itself seats nobody).
    "awards:jurors": STAFF_ONLY,
    "POST awards:jurors": only("staff"),
    "POST awards:unseat": only("staff"),
}


def _on_project(world) -> dict:
    return {"slug": world["published_project"].slug}


def stored_photo(profile) -> str:
    """Give `profile` a photo (once) and return its stored name."""
    if not profile.photo:
        profile.photo.save("photo.png", ContentFile(image_bytes()))
    return profile.photo.name


def import_in_progress(world) -> dict:
    """Return the draft audit and the token of an import of it that is running (in the cache)."""
    from wsco.audits.tasks import progress_key

    cache.set(progress_key(world["draft_audit"].pk, "running"), {"done": 1, "total": 2})
    return {"pk": world["draft_audit"].pk, "token": "running"}


def _award_category(world) -> dict:
    category = world["awards_category"]
    return {"year": category.edition.year, "slug": category.slug}


# URLs that need an object: the object each role is asked about (built by `world` below).
KWARGS = {
    "awards:edition": lambda world: {"year": world["awards_category"].edition.year},
    "awards:category": _award_category,
    "api-1.0.0:get_edition": lambda world: {"year": world["awards_category"].edition.year},
    "awards:nominate": lambda world: {
        "year": world["open_category"].edition.year,
        "slug": world["open_category"].slug,
    },
    "awards:nomination": lambda world: {"pk": world["submitted_nomination"].pk},
    "awards:withdraw": lambda world: {"pk": world["submitted_nomination"].pk},
    "awards:second": lambda world: {
        "year": world["open_category"].edition.year,
        "slug": world["open_category"].slug,
    },
    "awards:withdraw_secondment": lambda world: {"pk": world["secondment"].pk},
    "awards:screen": lambda world: {"pk": world["submitted_nomination"].pk},
    "awards:screening": lambda world: {"year": world["awards_category"].edition.year},
    "awards:conflicts": lambda world: {"year": world["awards_category"].edition.year},
    "awards:jury": _award_category,
    "awards:score": lambda world: {"pk": world["eligible_nomination"].pk},
    "awards:recuse": lambda world: {"pk": world["eligible_nomination"].pk},
    "awards:vote": _award_category,
    "awards:report": _award_category,
    "awards:report_csv": _award_category,
    "events:event": lambda world: {"slug": world["event"].slug},
    "events:draft_event": lambda world: {"slug": world["draft_event"].slug},
    "events:event_ics": lambda world: {"slug": world["event"].slug},
    "events:agenda_ics": lambda world: {"slug": world["event"].slug},
    "events:personal_ics": lambda world: {
        "slug": world["event"].slug,
        "token": world["event_registration"].calendar_token,
    },
    "events:personal_ics_wrong_token": lambda world: {
        "slug": world["event"].slug,
        "token": "not-the-token",
    },
    "events:register": lambda world: {"slug": world["event"].slug},
    "events:my": lambda world: {"slug": world["event"].slug},
    "events:ticket": lambda world: {"slug": world["event"].slug},
    "events:cancel": lambda world: {"slug": world["event"].slug},
    "events:accept_offer": lambda world: {"slug": world["event"].slug},
    "events:people": lambda world: {"slug": world["event"].slug},
    "events:request_meeting": lambda world: {"slug": world["event"].slug},
    "events:answer_meeting": lambda world: {
        "slug": world["event"].slug,
        "meeting_id": world["event_meeting"].pk,
    },
    "events:feedback": lambda world: {
        "slug": world["event"].slug,
        "session_id": world["event_session"].pk,
    },
    "events:check_in": lambda world: {"slug": world["event"].slug},
    "events:registrations": lambda world: {"slug": world["event"].slug},
    "events:record_payment": lambda world: {
        "slug": world["event"].slug,
        "registration_id": world["event_unpaid"].pk,
    },
    "events:invoice": lambda world: {
        "slug": world["event"].slug,
        "registration_id": world["event_registration"].pk,
    },
    "events:add_session": lambda world: {"slug": world["event"].slug},
    "events:edit_session": lambda world: {
        "slug": world["event"].slug,
        "session_id": world["event_session"].pk,
    },
    "events:remove_session": lambda world: {
        "slug": world["event"].slug,
        "session_id": world["event_session"].pk,
    },
    "events:ticket_qr": lambda world: {"slug": world["event"].slug},
    "events:change_state": lambda world: {"slug": world["event"].slug},
    "events:certificates": lambda world: {"slug": world["event"].slug},
    "events:call": lambda world: {"slug": world["event"].slug},
    "events:submissions": lambda world: {"slug": world["event"].slug},
    "events:submission": lambda world: {
        "slug": world["event"].slug,
        "submission_id": world["event_submission"].pk,
    },
    "events:assign_reviewer": lambda world: {
        "slug": world["event"].slug,
        "submission_id": world["event_submission"].pk,
    },
    "events:decide": lambda world: {
        "slug": world["event"].slug,
        "submission_id": world["event_submission"].pk,
    },
    "awards:jurors": _award_category,
    "awards:unseat": lambda world: _award_category(world) | {"user_id": world["seated_juror"].pk},
    "courses:course": lambda world: {"slug": world["course"].slug},
    "courses:draft_course": lambda world: {"slug": world["draft_course"].slug},
    "courses:enrol": lambda world: {"slug": world["course"].slug},
    "courses:learners": lambda world: {"slug": world["course"].slug},
    "courses:lesson": lambda world: {"slug": world["course"].slug, "lesson_id": world["lesson"].pk},
    "courses:lesson_done": lambda world: {
        "slug": world["course"].slug,
        "lesson_id": world["lesson"].pk,
    },
    "courses:quiz": lambda world: {"slug": world["course"].slug, "quiz_id": world["quiz"].pk},
    "courses:quiz_start": lambda world: {
        "slug": world["course"].slug,
        "quiz_id": world["quiz"].pk,
    },
    "courses:badge": lambda world: {"slug": world["course"].slug},
    "courses:profile_display": lambda world: {"slug": world["course"].slug},
    "courses:renew": lambda world: {"slug": world["course"].slug},
    "courses:edit": lambda world: {"slug": world["course"].slug},
    "courses:draft_edit": lambda world: {"slug": world["draft_course"].slug},
    "courses:preview": lambda world: {"slug": world["course"].slug},
    "courses:change_status": lambda world: {"slug": world["course"].slug},
    "courses:new_cohort": lambda world: {"slug": world["cohort_course"].slug},
    "courses:edit_cohort": lambda world: {
        "slug": world["cohort_course"].slug,
        "cohort_id": world["cohort"].pk,
    },
    "courses:new_module": lambda world: {"slug": world["course"].slug},
    "courses:edit_module": lambda world: {
        "slug": world["course"].slug,
        "module_id": world["lesson"].module_id,
    },
    "courses:move_module": lambda world: {
        "slug": world["course"].slug,
        "module_id": world["lesson"].module_id,
    },
    "courses:new_lesson": lambda world: {
        "slug": world["course"].slug,
        "module_id": world["lesson"].module_id,
    },
    "courses:edit_lesson": lambda world: {
        "slug": world["course"].slug,
        "lesson_id": world["lesson"].pk,
    },
    "courses:move_lesson": lambda world: {
        "slug": world["course"].slug,
        "lesson_id": world["lesson"].pk,
    },
    "courses:new_quiz": lambda world: {
        "slug": world["course"].slug,
        "module_id": world["lesson"].module_id,
    },
    "courses:edit_quiz": lambda world: {"slug": world["course"].slug, "quiz_id": world["quiz"].pk},
    "courses:new_question": lambda world: {
        "slug": world["course"].slug,
        "quiz_id": world["quiz"].pk,
    },
    "courses:edit_question": lambda world: {
        "slug": world["course"].slug,
        "question_id": world["quiz"].questions.order_by("pk").first().pk,
    },
    "members:organization": lambda world: {"slug": world["organization"].slug},
    "members:profile": lambda world: {"pk": world["public_profile"].pk},
    "members:members_only_profile": lambda world: {"pk": world["members_only_profile"].pk},
    "members:hidden_profile": lambda world: {"pk": world["hidden_profile"].pk},
    "members:application": lambda world: {"pk": world["application"].pk},
    "members:answer_application": lambda world: {"pk": world["application"].pk},
    "members:withdraw_application": lambda world: {"pk": world["application"].pk},
    "members:approve_application": lambda world: {"pk": world["application"].pk},
    "members:reject_application": lambda world: {"pk": world["application"].pk},
    "members:request_information": lambda world: {"pk": world["application"].pk},
    "members:edit_organization": lambda world: {"slug": world["organization"].slug},
    "members:record_payment": lambda world: {"pk": world["unpaid_membership"].pk},
    "members:renew": lambda world: {"pk": world["others_membership"].pk},
    "members:remove_seat": lambda world: {"pk": world["others_seat"].pk},
    "accounts:revoke_token": lambda world: {"token_id": world["others_token"].pk},
    "network:request": lambda world: {"profile_id": world["public_profile"].pk},
    "network:report": lambda world: {"profile_id": world["public_profile"].pk},
    "network:block": lambda world: {"profile_id": world["public_profile"].pk},
    "network:dismiss": lambda world: {"profile_id": world["public_profile"].pk},
    "network:unblock": lambda world: {"profile_id": world["blocked"].pk},
    "network:request_hidden": lambda world: {"profile_id": world["hidden_profile"].pk},
    "network:report_hidden": lambda world: {"profile_id": world["hidden_profile"].pk},
    "network:block_hidden": lambda world: {"profile_id": world["hidden_profile"].pk},
    "network:dismiss_hidden": lambda world: {"profile_id": world["hidden_profile"].pk},
    "network:accept": lambda world: {"pk": world["introduction"].pk},
    "network:decline": lambda world: {"pk": world["introduction"].pk},
    "network:withdraw": lambda world: {"pk": world["introduction"].pk},
    "network:thread": lambda world: {"pk": world["connection"].pk},
    "network:thread_messages": lambda world: {"pk": world["connection"].pk},
    "network:resolve_report": lambda world: {"pk": world["report"].pk},
    "api-1.0.0:get_member": lambda world: {"member_id": world["public_profile"].pk},
    "api-1.0.0:get_organization": lambda world: {"slug": world["organization"].slug},
    "api-1.0.0:revoke_token": lambda world: {"token_id": world["others_token"].pk},
    "api-1.0.0:approve": lambda world: {"application_id": world["application"].pk},
    "api-1.0.0:reject": lambda world: {"application_id": world["application"].pk},
    "api-1.0.0:request_information": lambda world: {"application_id": world["application"].pk},
    "api-1.0.0:accept_request": lambda world: {"introduction_id": world["introduction"].pk},
    "api-1.0.0:decline_request": lambda world: {"introduction_id": world["introduction"].pk},
    "api-1.0.0:withdraw_request": lambda world: {"introduction_id": world["introduction"].pk},
    "api-1.0.0:dismiss_suggestion": lambda world: {"profile_id": world["public_profile"].pk},
    # Stored files.
    "core:file": lambda world: {"name": stored_photo(world["hidden_profile"])},
    "core:old_media_url": lambda world: {"name": "photos/x.jpg"},
    # Background tasks: an email task that failed.
    "tasks:retry": lambda world: {"task_id": world["failed_task"].pk},
    # Seats by invitation and requests to join.
    "members:seat_invitations": lambda world: {"pk": world["organization_membership"].pk},
    "members:revoke_invitation": lambda world: {"pk": world["invitation"].pk},
    "members:seat_invitation": lambda world: {"token": world["invitation"].token},
    "members:accept_invitation": lambda world: {"token": world["invitation"].token},
    "members:decline_invitation": lambda world: {"token": world["invitation"].token},
    "members:approve_join_request": lambda world: {"pk": world["join_request"].pk},
    "members:reject_join_request": lambda world: {"pk": world["join_request"].pk},
    "members:withdraw_join_request": lambda world: {"pk": world["join_request"].pk},
    "notifications:mark_read": lambda world: {"pk": world["notification"].pk},
    "network:undismiss": lambda world: {"profile_id": world["dismissed"].pk},
    "api-1.0.0:restore_suggestion": lambda world: {"profile_id": world["dismissed"].pk},
    "api-1.0.0:mark_notification_read": lambda world: {"notification_id": world["notification"].pk},
    "join:choose": lambda world: {"pk": membership_type().pk},
    "members:invoice_pdf": lambda world: {"pk": world["others_invoice"].pk},
    "audits:city": lambda world: {"slug": world["published_audit"].city.slug},
    "audits:published_audit": lambda world: {"pk": world["published_audit"].pk},
    "audits:audit": lambda world: {"pk": world["draft_audit"].pk},
    # A theme's page, and the same in the API.
    "core:theme": lambda world: {"slug": "water"},
    "api-1.0.0:get_theme": lambda world: {"slug": "water"},
    "certificates:verify": lambda world: {"code": world["certificate"].code},
    "certificates:verify_pdf": lambda world: {"code": world["certificate"].code},
    "api-1.0.0:verify_certificate": lambda world: {"code": world["certificate"].code},
    "certificates:revoke": lambda world: {"code": world["certificate"].code},
    "audits:team": lambda world: {"pk": world["draft_audit"].pk},
    "audits:remove_auditor": lambda world: {
        "pk": world["audit_in_verification"].pk,
        "user_id": world["audit_auditor"].pk,
    },
    "audits:verification": lambda world: {"pk": world["audit_in_verification"].pk},
    "audits:accept_value": lambda world: {
        "pk": world["audit_in_verification"].pk,
        "kind": "base",
        "value_pk": world["audit_value"].pk,
    },
    "audits:raise_query": lambda world: {
        "pk": world["audit_in_verification"].pk,
        "kind": "base",
        "value_pk": world["audit_value"].pk,
    },
    "audits:sign": lambda world: {"pk": world["audit_in_verification"].pk},
    "audits:queries": lambda world: {"pk": world["audit_in_verification"].pk},
    "audits:answer_query": lambda world: {
        "pk": world["audit_in_verification"].pk,
        "query_pk": world["open_query"].pk,
    },
    "audits:settle_query": lambda world: {
        "pk": world["audit_in_verification"].pk,
        "query_pk": world["answered_query"].pk,
    },
    "audits:reopen_query": lambda world: {
        "pk": world["audit_in_verification"].pk,
        "query_pk": world["answered_query"].pk,
    },
    "audits:start_verification": lambda world: {"pk": world["submitted_audit"].pk},
    "audits:reopen": lambda world: {"pk": world["verified_audit"].pk},
    "audits:publish": lambda world: {"pk": world["verified_audit"].pk},
    "audits:withdraw": lambda world: {"pk": world["draft_audit"].pk},
    "audits:correct": lambda world: {"pk": world["published_audit"].pk},
    "audits:officials": lambda world: {"slug": world["published_audit"].city.slug},
    "audits:entry": lambda world: {"pk": world["draft_audit"].pk},
    "audits:entry_theme": lambda world: {"pk": world["draft_audit"].pk, "theme": "economy"},
    "audits:submit": lambda world: {"pk": world["draft_audit"].pk},
    "audits:template": lambda world: {"pk": world["draft_audit"].pk},
    "audits:import": lambda world: {"pk": world["draft_audit"].pk},
    "audits:import_progress": import_in_progress,
    "api-1.0.0:get_city_detail": lambda world: {"slug": world["published_audit"].city.slug},
    "api-1.0.0:get_audit": lambda world: {"audit_id": world["published_audit"].pk},
    "api-1.0.0:get_results": lambda world: {"audit_id": world["published_audit"].pk},
    "api-1.0.0:get_draft_audit": lambda world: {"audit_id": world["draft_audit"].pk},
    "api-1.0.0:get_draft_results": lambda world: {"audit_id": world["draft_audit"].pk},
    "audits:published_report": lambda world: {"pk": made_report(world["published_audit"]).pk},
    "audits:report": lambda world: {"pk": made_report(world["draft_audit"]).pk},
    "groups:group": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:members_only_group": lambda world: {"slug": world["wg"]["hidden"].slug},
    "groups:feed": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:problem": lambda world: {"pk": world["wg"]["presented"].pk},
    "groups:meeting": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:invitation": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:signal": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:schedule": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:join": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:decide": lambda world: {
        "slug": world["wg"]["group"].slug,
        "pk": world["wg"]["request"].pk,
    },
    "groups:invite": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:answer_invitation": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:leave": lambda world: {"slug": world["wg"]["group"].slug},
    "groups:endorse": lambda world: {"pk": world["wg"]["open"].pk},
    "groups:evidence": lambda world: {"pk": world["wg"]["open"].pk},
    "groups:comment": lambda world: {"pk": world["wg"]["open"].pk},
    "groups:change_state": lambda world: {"pk": world["wg"]["open"].pk},
    "groups:merge": lambda world: {"pk": world["wg"]["duplicate"].pk},
    "groups:propose": lambda world: {"pk": world["wg"]["open"].pk},
    "groups:endorse_solution": lambda world: {"pk": world["wg"]["proposed"].pk},
    "groups:accept_solution": lambda world: {"pk": world["wg"]["proposed"].pk},
    "groups:publish_paper": lambda world: {"pk": world["wg"]["accepted"].pk},
    "groups:hold": lambda world: {"pk": world["wg"]["scheduled"].pk},
    "groups:add_attendee": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:minutes": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:decision": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:action_item": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:answer": lambda world: {"pk": world["wg"]["held"].pk},
    "groups:complete_action": lambda world: {"pk": world["wg"]["action"].pk},
    "api-1.0.0:get_group": lambda world: {"slug": world["wg"]["group"].slug},
    "api-1.0.0:get_problem": lambda world: {"problem_id": world["wg"]["presented"].pk},
    "standards:standard": lambda world: {"slug": world["standard"].slug},
    "standards:edit_standard": lambda world: {"slug": world["standard"].slug},
    "standards:add_edition": lambda world: {"slug": world["standard"].slug},
    "standards:follow_standard": lambda world: {"slug": world["standard"].slug},
    "standards:withdraw_edition": lambda world: {"pk": world["edition"].pk},
    "standards:country": lambda world: {"code": "RO"},
    "standards:follow_country": lambda world: {"code": "RO"},
    "standards:adoption": lambda world: {"pk": world["adoption"].pk},
    "standards:edit_adoption": lambda world: {"pk": world["adoption"].pk},
    "standards:change_status": lambda world: {"pk": world["adoption"].pk},
    "standards:obligations": lambda world: {"slug": world["published_audit"].city.slug},
    "api-1.0.0:get_standard": lambda world: {"slug": world["standard"].slug},
    **{
        f"projects:{name}": _on_project
        for name in (
            "project",
            "edit",
            "visibility",
            "team",
            "invite",
            "gates",
            "milestones",
            "budget",
            "add_funding",
            "kpis",
            "documents",
            "add_risk",
            "updates",
            "timeline",
        )
    },
    "projects:private_project": lambda world: {"slug": world["private_project"].slug},
    "projects:private_edit": lambda world: {"slug": world["private_project"].slug},
    "api-1.0.0:get_project": _on_project,
    "api-1.0.0:get_private_project": lambda world: {"slug": world["private_project"].slug},
    "projects:accept_invitation": lambda world: {"pk": world["project_invitation"].pk},
    "projects:decline_invitation": lambda world: {"pk": world["project_invitation"].pk},
    "projects:remove_member": lambda world: {
        "slug": world["published_project"].slug,
        "pk": world["project_reviewer_row"].pk,
    },
    "projects:add_criterion": lambda world: _on_project(world) | {"stage": "vision"},
    "projects:name_reviewer": lambda world: _on_project(world) | {"stage": "vision"},
    "projects:review": lambda world: _on_project(world) | {"stage": "vision"},
    "projects:criterion": lambda world: _on_project(world) | {"pk": world["project_criterion"].pk},
    "projects:milestone": lambda world: _on_project(world) | {"pk": world["project_milestone"].pk},
    "projects:advance_funding": lambda world: (
        _on_project(world) | {"pk": world["project_funding"].pk, "step": "apply"}
    ),
    "projects:record_actual": lambda world: _on_project(world) | {"pk": world["project_kpi"].pk},
    "projects:publish_update": lambda world: _on_project(world) | {"pk": world["project_draft"].pk},
}

# What a POST row sends: a form's fields, or the API's JSON.
BODY = {
    "POST awards:nominate": lambda world: {
        "nominee": world["published_project"].pk,
        "statement": "It changed the city.",
        "links": "",
    },
    "POST awards:nomination": lambda world: {"statement": "Changed.", "links": ""},
    "POST awards:second": lambda world: {
        "nominee": world["open_nomination"].project_id,
        "statement": "I saw it work.",
    },
    "POST awards:screen": lambda world: {"decision": "eligible", "reason": "Within the rules."},
    "POST awards:conflicts": lambda world: {
        "organization": world["organization"].pk,
        "reason": "I advise them.",
    },
    "POST awards:score": lambda world: {
        f"score_{criterion.pk}": "7" for criterion in world["awards_category"].criteria.all()
    },
    "POST awards:recuse": lambda world: {"reason": "A relative leads it."},
    "POST awards:vote": lambda world: {"nomination": world["eligible_nomination"].pk},
    "POST events:register": lambda world: {"ticket_type": world["event_ticket"].pk},
    "POST events:call": lambda world: {
        "title": "Smart benches",
        "pitch": "Benches that charge phones.",
        "themes": [Theme.objects.get(slug="energy").pk],
    },
    "POST events:assign_reviewer": lambda world: {
        "reviewer": world["event_registration"].user_id,
        "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    },
    "POST events:decide": lambda world: {"decision": "decline", "message": "Not this year."},
    "POST events:change_state": lambda world: {"step": "close_registration"},
    "POST events:answer_meeting": lambda world: {"answer": "accept"},
    "POST events:request_meeting": lambda world: {
        "invitee": world["event_registration"].user_id,
        "slot": world["event"].starts_at.isoformat(),
    },
    "POST events:feedback": lambda world: {"rating": "5"},
    "POST events:check_in": lambda world: {"code": world["event_registration"].ticket_code},
    "POST events:record_payment": lambda world: {"amount": "120.00", "reference": "BANK-1"},
    "POST events:add_session": lambda world: {
        "title": "Water pitches",
        "session_type": "pitch",
        "room": "Hall C",
        "starts_at": "2099-03-10T14:00",
        "ends_at": "2099-03-10T15:00",
    },
    "POST events:edit_session": lambda world: {
        "title": "Moved keynote",
        "session_type": "talk",
        "room": "Hall D",
        "starts_at": "2099-03-10T16:00",
        "ends_at": "2099-03-10T17:00",
    },
    "POST awards:jurors": lambda world: {"juror": world["unseated_juror"].pk},
    "POST courses:profile_display": lambda world: {"shown": "1"},
    "POST courses:new": lambda world: _course_body("Matrix course"),
    "POST courses:edit": lambda world: _course_body("Renamed course"),
    "POST courses:change_status": lambda world: {"step": "archive"},
    "POST courses:new_cohort": lambda world: {"starts_on": "2099-01-04", "ends_on": "2099-02-01"},
    "POST courses:edit_cohort": lambda world: {
        "starts_on": "2099-01-04",
        "ends_on": "2099-02-01",
        "capacity": "12",
    },
    "POST courses:new_module": lambda world: {"title": "A new module"},
    "POST courses:edit_module": lambda world: {"title": "A renamed module"},
    "POST courses:move_module": lambda world: {"direction": "down"},
    "POST courses:new_lesson": lambda world: _lesson_body(world, "A new lesson"),
    "POST courses:edit_lesson": lambda world: _lesson_body(world, "A renamed lesson"),
    "POST courses:move_lesson": lambda world: {"direction": "down"},
    "POST courses:new_quiz": lambda world: {"title": "A new quiz", "pass_mark": "60"},
    "POST courses:edit_quiz": lambda world: {"title": "A renamed quiz", "pass_mark": "60"},
    "POST courses:new_question": lambda world: _question_body("Is this a new question?"),
    "POST courses:edit_question": lambda world: _question_body("Is this a changed question?"),
    "POST audits:officials": lambda world: {"email": world["public_profile"].user.email},
    "POST audits:new_audit": lambda world: {
        "city": world["draft_audit"].city_id,
        "year": 2030,
        "editions": ["ISO37120:2018"],
    },
    "POST audits:entry_theme": lambda world: {
        "kind": "base",
        "key": "labour_force",
        "labour_force-value": "150000",
    },
    "POST audits:submit": lambda world: {},
    "POST audits:import": lambda world: {
        "file": SimpleUploadedFile(
            "template.csv",
            f"city,year,variable,value\n{world['draft_audit'].city.name},2025,labour_force,1\n".encode(),
        )
    },
    "POST accounts:roles": lambda world: {
        "email": world["public_profile"].user.email,
        "role": Role.JUROR,
        "action": "grant",
    },
    "POST members:apply": lambda world: {
        "name": "Ana Pop",
        "country": "RO",
        "membership_type": membership_type().pk,
        "motivation": "Cities.",
    },
    "POST members:answer_application": lambda world: {"answer": "We build tram lines."},
    "POST members:reject_application": lambda world: {"reason": "Not a city professional."},
    "POST members:request_information": lambda world: {"message": "Which cities?"},
    "POST members:record_payment": lambda world: {
        "amount": world["unpaid_membership"].fee_amount,
        "currency": world["unpaid_membership"].fee_currency,
        "paid_on": timezone.localdate().isoformat(),
        "method": "bank_transfer",
    },
    "POST members:renew": lambda world: {"motivation": "Another year."},
    "POST network:request": lambda world: {"message": "Shall we meet?"},
    "POST network:request_hidden": lambda world: {"message": "Shall we meet?"},
    "POST network:report": lambda world: {"reason": ReportReason.SPAM},
    "POST network:report_hidden": lambda world: {"reason": ReportReason.SPAM},
    "POST network:thread": lambda world: {"body": "Hello."},
    "POST network:resolve_report": lambda world: {"resolution": "We warned them."},
    "POST network:staff_introduce": lambda world: {
        "first": world["public_profile"].user.email,
        "second": world["members_only_profile"].user.email,
        "note": "You both work on trams.",
    },
    "POST api-1.0.0:reject": lambda world: {"reason": "Not a city professional."},
    "POST api-1.0.0:request_information": lambda world: {"message": "Which cities?"},
    "POST api-1.0.0:create_request": lambda world: {
        "profile_id": world["public_profile"].pk,
        "message": "Shall we meet?",
    },
    "POST api-1.0.0:create_request_hidden": lambda world: {
        "profile_id": world["hidden_profile"].pk,
        "message": "Shall we meet?",
    },
    "POST members:seat_invitations": lambda world: {"email": "someone@example.org"},
    "POST certificates:revoke": lambda world: {"reason": "Issued in error."},
    "POST audits:team": lambda world: {"user": world["free_auditor"].pk},
    "POST audits:raise_query": lambda world: {"question": "Which survey?"},
    "POST audits:sign": lambda world: {"statement": "Checked."},
    "POST audits:answer_query": lambda world: {"answer": "The census."},
    "POST audits:reopen_query": lambda world: {"comment": "Which census?"},
    "POST audits:reopen": lambda world: {"comment": "A figure is wrong."},
    "POST audits:withdraw": lambda world: {"reason": "Wrong year."},
    "POST groups:join": lambda world: {"message": "I run buses."},
    "POST groups:decide": lambda world: {"decision": "approve"},
    "POST groups:invite": lambda world: {"user": world["wg"]["invitee"].pk},
    "POST groups:answer_invitation": lambda world: {"decision": "accept"},
    "POST groups:signal": lambda world: {
        "title": "Fares differ",
        "description": "Each operator has its own.",
        "affected": "Commuters",
        "severity": "high",
    },
    "POST groups:schedule": lambda world: {
        "title": "With the ministry",
        "local_start": "2030-01-10T10:00",
        "time_zone": "Europe/Bucharest",
        "duration_minutes": "90",
        "place": "Bucharest",
    },
    "POST groups:evidence": lambda world: {"title": "Study", "url": "https://example.org/a"},
    "POST groups:comment": lambda world: {"body": "Agreed."},
    "POST groups:change_state": lambda world: {"step": "dismiss", "reason": "Out of mandate."},
    "POST groups:merge": lambda world: {"into": world["wg"]["open"].pk},
    "POST groups:propose": lambda world: {"title": "One ticket", "body": "Shared fares."},
    "POST groups:accept_solution": lambda world: {"votes_for": "5", "votes_against": "1"},
    "POST groups:add_attendee": lambda world: {"name": "Ana Pop", "office": "Minister"},
    "POST groups:minutes": lambda world: {"minutes": "Notes.", "publish": "on"},
    "POST groups:decision": lambda world: {"text": "Agreed."},
    "POST groups:action_item": lambda world: {
        "title": "Draft",
        "owner": world["wg"]["group"].chair.pk,
        "due_on": "2030-01-01",
    },
    "POST groups:answer": lambda world: {
        "problem": world["wg"]["presented"].pk,
        "given_by": "The minister",
        "text": "Yes.",
    },
    "POST standards:new_standard": lambda world: {
        "reference": "ISO 37199",
        "slug": "iso-37199",
        "title": "A standard",
        "summary": "What it asks.",
    },
    "POST standards:edit_standard": lambda world: {
        "reference": world["standard"].reference,
        "slug": world["standard"].slug,
        "title": "A new title",
        "summary": "What it asks.",
    },
    "POST standards:add_edition": lambda world: {"year": 2031},
    "POST standards:new_adoption": lambda world: {
        "country": "RO",
        "title": "Another law",
        "standard": world["standard"].pk,
        "applies_to": "all_municipalities",
    },
    "POST standards:edit_adoption": lambda world: {
        "country": "RO",
        "title": "A renamed law",
        "standard": world["standard"].pk,
        "applies_to": "all_municipalities",
    },
    "POST standards:change_status": lambda world: {"step": "adopt"},
    "POST projects:new": lambda world: {
        "title": "Bike lanes",
        "summary": "Safe lanes.",
        "city": world["published_audit"].city_id,
        "themes": [Theme.objects.get(slug="transportation").pk],
    },
    "POST projects:edit": lambda world: {
        "title": "Renamed",
        "summary": "Safe lanes.",
        "city": world["published_project"].city_id,
        "themes": [Theme.objects.get(slug="water").pk],
    },
    "POST projects:visibility": lambda world: {"visibility": "private"},
    "POST projects:team": lambda world: {
        "email": world["public_profile"].user.email,
        "role": "expert",
    },
    "POST projects:invite": lambda world: {
        "profile": world["public_profile"].pk,
        "role": "partner",
    },
    "POST projects:add_criterion": lambda world: {"text": "A data protection assessment."},
    "POST projects:criterion": lambda world: {"evidence": "Signed on 3 March.", "met": "on"},
    "POST projects:name_reviewer": lambda world: {"user": world["project_reviewer"].pk},
    "POST projects:review": lambda world: {"decision": "stop", "reason": "No budget."},
    "POST projects:milestones": lambda world: {
        "title": "Pilot",
        "stage": "vision",
        "planned_on": "2030-01-31",
    },
    "POST projects:milestone": lambda world: {"progress": "40"},
    "POST projects:budget": lambda world: {
        "label": "Meters",
        "year": "2027",
        "amount": "1000.50",
        "currency": "EUR",
    },
    "POST projects:add_funding": lambda world: {
        "funding-kind": "eu",
        "funding-name": "Cohesion fund",
        "funding-amount": "500.00",
        "funding-currency": "EUR",
    },
    "POST projects:kpis": lambda world: {
        "indicator": "ISO37120:2018/23.1",
        "target": "99",
        "target_year": "2030",
    },
    "POST projects:record_actual": lambda world: {"year": "2027", "value": "171.5"},
    "POST projects:documents": lambda world: {
        "title": "Feasibility study",
        "file": SimpleUploadedFile("study.png", image_bytes(), content_type="image/png"),
    },
    "POST projects:add_risk": lambda world: {
        "risk-title": "Late delivery",
        "risk-likelihood": "3",
        "risk-impact": "4",
    },
    "POST projects:updates": lambda world: {"title": "Tender out", "body": "The tender is out."},
}


def _course_body(title: str) -> dict:
    return {
        "title": title,
        "summary": "A course.",
        "level": "introductory",
        "language": "en",
        "cpd_hours": "2.0",
        "mode": "self_paced",
        "price": "0.00",
        "currency": "EUR",
    }


def _lesson_body(world, title: str) -> dict:
    return {"module": world["lesson"].module_id, "title": title, "body": "Text.", "minutes": "10"}


def _question_body(text: str) -> dict:
    return {
        "question-text": text,
        "answers-TOTAL_FORMS": "2",
        "answers-INITIAL_FORMS": "0",
        "answers-0-text": "Yes",
        "answers-0-is_correct": "on",
        "answers-1-text": "No",
    }


def _field(model, key: str, name: str):
    return lambda world: model.objects.filter(pk=world[key].pk).values_list(name, flat=True)[0]


def _status(model, pk):
    return lambda world: model.objects.filter(pk=world[pk].pk).values_list("status", flat=True)[0]


def _mine(model, **links):
    """Count the rows of `model` linking the signed-in person's profile to objects of the world."""

    def count(world):
        filters = {field: world[key] for field, key in links.items()}
        return model.objects.filter(**filters).count()

    return count


# What each action changes: a value read before and after the request.
EFFECT = {
    "POST awards:nominate": lambda world: awards_models.Nomination.objects.count(),
    "POST awards:nomination": lambda world: (
        awards_models.Nomination.objects.get(pk=world["submitted_nomination"].pk).statement
    ),
    "POST awards:withdraw": _status(awards_models.Nomination, "submitted_nomination"),
    "POST awards:second": lambda world: awards_models.Secondment.objects.count(),
    "POST awards:withdraw_secondment": lambda world: awards_models.Secondment.objects.count(),
    "POST awards:screen": _status(awards_models.Nomination, "submitted_nomination"),
    "POST awards:conflicts": lambda world: awards_models.DeclaredConflict.objects.count(),
    "POST awards:score": lambda world: awards_models.Score.objects.count(),
    "POST awards:recuse": lambda world: awards_models.Exclusion.objects.count(),
    "POST awards:vote": lambda world: awards_models.Vote.objects.count(),
    "POST awards:jurors": lambda world: awards_models.JurorAssignment.objects.count(),
    "POST awards:unseat": lambda world: awards_models.JurorAssignment.objects.count(),
    "POST courses:new": lambda world: courses_models.Course.objects.count(),
    "POST courses:edit": _field(courses_models.Course, "course", "title"),
    "POST courses:change_status": _status(courses_models.Course, "course"),
    "POST courses:new_cohort": lambda world: courses_models.Cohort.objects.count(),
    "POST courses:edit_cohort": _field(courses_models.Cohort, "cohort", "capacity"),
    "POST courses:new_module": lambda world: courses_models.Module.objects.count(),
    "POST courses:edit_module": lambda world: (
        courses_models.Module.objects.get(pk=world["lesson"].module_id).title
    ),
    "POST courses:move_module": lambda world: list(
        courses_models.Module.objects.filter(course=world["course"])
        .order_by("pk")
        .values_list("position", flat=True)
    ),
    "POST courses:new_lesson": lambda world: courses_models.Lesson.objects.count(),
    "POST courses:edit_lesson": _field(courses_models.Lesson, "lesson", "title"),
    "POST courses:move_lesson": lambda world: list(
        courses_models.Lesson.objects.filter(module_id=world["lesson"].module_id)
        .order_by("pk")
        .values_list("position", flat=True)
    ),
    "POST courses:new_quiz": lambda world: courses_models.Quiz.objects.count(),
    "POST courses:edit_quiz": _field(courses_models.Quiz, "quiz", "title"),
    "POST courses:new_question": lambda world: courses_models.Question.objects.count(),
    "POST courses:edit_question": lambda world: list(
        courses_models.Question.objects.filter(quiz=world["quiz"]).values_list("text", flat=True)
    ),
    "POST events:register": lambda world: events_models.Registration.objects.count(),
    "POST events:call": lambda world: events_models.Submission.objects.count(),
    "POST events:assign_reviewer": lambda world: events_models.SubmissionReview.objects.count(),
    "POST events:decide": _status(events_models.Submission, "event_submission"),
    "POST events:change_state": _status(events_models.Event, "event"),
    "POST events:certificates": lambda world: Certificate.objects.count(),
    "POST events:cancel": lambda world: list(
        events_models.Registration.objects.values_list("status", flat=True).order_by("pk")
    ),
    "POST events:accept_offer": lambda world: list(
        events_models.Registration.objects.values_list("status", flat=True).order_by("pk")
    ),
    "POST events:request_meeting": lambda world: events_models.Meeting.objects.count(),
    "POST events:answer_meeting": _status(events_models.Meeting, "event_meeting"),
    "POST events:feedback": lambda world: events_models.Feedback.objects.count(),
    "POST events:check_in": lambda world: events_models.Registration.objects.filter(
        checked_in_at__isnull=False
    ).count(),
    "POST events:record_payment": lambda world: events_models.Registration.objects.filter(
        paid_at__isnull=False
    ).count(),
    "POST events:add_session": lambda world: events_models.Session.objects.count(),
    "POST events:edit_session": lambda world: (
        events_models.Session.objects.get(pk=world["event_session"].pk).room
    ),
    "POST events:remove_session": lambda world: events_models.Session.objects.count(),
    "POST courses:enrol": lambda world: courses_models.Enrolment.objects.count(),
    "POST courses:lesson_done": lambda world: courses_models.LessonProgress.objects.count(),
    "POST courses:quiz": lambda world: courses_models.QuizAttempt.objects.count(),
    "POST courses:quiz_start": lambda world: courses_models.QuizAttempt.objects.count(),
    "POST courses:profile_display": lambda world: list(
        courses_models.Enrolment.objects.values_list("show_on_profile", flat=True)
    ),
    "POST courses:renew": lambda world: (
        courses_models.Enrolment.objects.filter(certificate__isnull=False).count()
        + courses_models.Enrolment.objects.filter(certificate__replaced_by__isnull=False).count()
    ),
    "POST audits:officials": lambda world: CityOfficial.objects.count(),
    "POST audits:new_audit": lambda world: Audit.objects.count(),
    "POST audits:entry_theme": lambda world: BaseValue.objects.count(),
    "POST audits:submit": _status(Audit, "draft_audit"),
    "POST audits:import": lambda world: BaseValue.objects.count(),
    "POST accounts:revoke_token": lambda world: (
        ApiToken.objects.get(pk=world["others_token"].pk).revoked_at
    ),
    "POST accounts:roles": lambda world: RoleGrant.objects.count(),
    "POST members:apply": lambda world: Application.objects.count(),
    "POST members:answer_application": _status(Application, "application"),
    "POST members:withdraw_application": _status(Application, "application"),
    "POST members:approve_application": _status(Application, "application"),
    "POST members:reject_application": _status(Application, "application"),
    "POST members:request_information": lambda world: world["application"].events.count(),
    "POST members:record_payment": _status(Membership, "unpaid_membership"),
    "POST members:renew": lambda world: Application.objects.count(),
    "POST members:remove_seat": lambda world: Seat.objects.count(),
    "POST network:request": lambda world: Introduction.objects.count(),
    "POST network:request_hidden": lambda world: Introduction.objects.count(),
    "POST network:report": lambda world: Report.objects.count(),
    "POST network:report_hidden": lambda world: Report.objects.count(),
    "POST network:block": lambda world: Block.objects.count(),
    "POST network:block_hidden": lambda world: Block.objects.count(),
    "POST network:dismiss": lambda world: DismissedSuggestion.objects.count(),
    "POST network:dismiss_hidden": lambda world: DismissedSuggestion.objects.count(),
    "POST network:unblock": lambda world: Block.objects.count(),
    "POST network:accept": _status(Introduction, "introduction"),
    "POST network:decline": _status(Introduction, "introduction"),
    "POST network:withdraw": _status(Introduction, "introduction"),
    "POST network:thread": lambda world: Message.objects.count(),
    "POST network:resolve_report": lambda world: (
        Report.objects.get(pk=world["report"].pk).resolved_at
    ),
    "POST network:staff_introduce": lambda world: Introduction.objects.count(),
    "POST api-1.0.0:revoke_token": lambda world: (
        ApiToken.objects.get(pk=world["others_token"].pk).revoked_at
    ),
    "POST api-1.0.0:approve": _status(Application, "application"),
    "POST api-1.0.0:reject": _status(Application, "application"),
    "POST api-1.0.0:request_information": lambda world: world["application"].events.count(),
    "POST api-1.0.0:create_request": lambda world: Introduction.objects.count(),
    "POST api-1.0.0:create_request_hidden": lambda world: Introduction.objects.count(),
    "POST api-1.0.0:accept_request": _status(Introduction, "introduction"),
    "POST api-1.0.0:decline_request": _status(Introduction, "introduction"),
    "POST api-1.0.0:withdraw_request": _status(Introduction, "introduction"),
    "POST api-1.0.0:dismiss_suggestion": lambda world: DismissedSuggestion.objects.count(),
    "POST tasks:retry": lambda world: DBTaskResult.objects.values_list("status", flat=True).get(
        pk=world["failed_task"].pk
    ),
    "POST members:seat_invitations": lambda world: SeatInvitation.objects.count(),
    "POST members:revoke_invitation": _status(SeatInvitation, "invitation"),
    "POST members:accept_invitation": _status(SeatInvitation, "invitation"),
    "POST members:decline_invitation": _status(SeatInvitation, "invitation"),
    "POST members:approve_join_request": _status(JoinRequest, "join_request"),
    "POST members:reject_join_request": _status(JoinRequest, "join_request"),
    "POST members:withdraw_join_request": _status(JoinRequest, "join_request"),
    "POST network:undismiss": lambda world: DismissedSuggestion.objects.count(),
    "POST api-1.0.0:restore_suggestion": lambda world: DismissedSuggestion.objects.count(),
    "POST notifications:preferences": lambda world: NotificationPreference.objects.count(),
    "POST notifications:mark_read": lambda world: (
        Notification.objects.get(pk=world["notification"].pk).read_at
    ),
    "POST notifications:mark_all_read": lambda world: Notification.objects.unread().count(),
    "POST api-1.0.0:mark_notification_read": lambda world: (
        Notification.objects.get(pk=world["notification"].pk).read_at
    ),
    "POST api-1.0.0:mark_all_notifications_read": lambda world: (
        Notification.objects.unread().count()
    ),
    "POST certificates:revoke": lambda world: (
        Certificate.objects.get(pk=world["certificate"].pk).revoked_at
    ),
    "POST audits:team": lambda world: TeamMember.objects.count(),
    "POST audits:remove_auditor": lambda world: TeamMember.objects.count(),
    "POST audits:accept_value": lambda world: (
        BaseValue.objects.get(pk=world["audit_value"].pk).accepted_at
    ),
    "POST audits:raise_query": lambda world: Query.objects.count(),
    "POST audits:sign": lambda world: Signature.objects.count(),
    "POST audits:answer_query": _status(Query, "open_query"),
    "POST audits:settle_query": _status(Query, "answered_query"),
    "POST audits:reopen_query": _status(Query, "answered_query"),
    "POST audits:start_verification": _status(Audit, "submitted_audit"),
    "POST audits:reopen": _status(Audit, "verified_audit"),
    "POST audits:publish": _status(Audit, "verified_audit"),
    "POST audits:withdraw": _status(Audit, "draft_audit"),
    "POST audits:correct": lambda world: Audit.objects.count(),
    "POST groups:join": lambda world: groups_models.GroupMembership.objects.count(),
    "POST groups:decide": _status(groups_models.GroupMembership, "wg_request"),
    "POST groups:invite": lambda world: groups_models.GroupMembership.objects.count(),
    "POST groups:answer_invitation": lambda world: groups_models.GroupMembership.objects.count(),
    "POST groups:leave": lambda world: list(
        groups_models.GroupMembership.objects.values_list("status", flat=True)
    ),
    "POST groups:signal": lambda world: groups_models.Problem.objects.count(),
    "POST groups:schedule": lambda world: groups_models.Meeting.objects.count(),
    "POST groups:endorse": lambda world: groups_models.ProblemEndorsement.objects.count(),
    "POST groups:evidence": lambda world: groups_models.Evidence.objects.count(),
    "POST groups:comment": lambda world: groups_models.Comment.objects.count(),
    "POST groups:change_state": _status(groups_models.Problem, "wg_open"),
    "POST groups:merge": _status(groups_models.Problem, "wg_duplicate"),
    "POST groups:propose": lambda world: groups_models.Solution.objects.count(),
    "POST groups:endorse_solution": lambda world: groups_models.SolutionEndorsement.objects.count(),
    "POST groups:accept_solution": _status(groups_models.Solution, "wg_proposed"),
    "POST groups:publish_paper": lambda world: (
        groups_models.Solution.objects.get(pk=world["wg"]["accepted"].pk).paper_published_at
    ),
    "POST groups:hold": _status(groups_models.Meeting, "wg_scheduled"),
    "POST groups:add_attendee": lambda world: groups_models.Attendee.objects.count(),
    "POST groups:minutes": lambda world: (
        groups_models.Meeting.objects.get(pk=world["wg"]["held"].pk).minutes
    ),
    "POST groups:decision": lambda world: groups_models.Decision.objects.count(),
    "POST groups:action_item": lambda world: groups_models.ActionItem.objects.count(),
    "POST groups:answer": lambda world: groups_models.Answer.objects.count(),
    "POST groups:complete_action": lambda world: (
        groups_models.ActionItem.objects.get(pk=world["wg"]["action"].pk).done_at
    ),
    "POST standards:new_standard": lambda world: Standard.objects.count(),
    "POST standards:edit_standard": lambda world: (
        Standard.objects.get(pk=world["standard"].pk).title
    ),
    "POST standards:add_edition": lambda world: Edition.objects.count(),
    "POST standards:withdraw_edition": _status(Edition, "edition"),
    "POST standards:new_adoption": lambda world: Adoption.objects.count(),
    "POST standards:edit_adoption": lambda world: world["adoption"].events.count(),
    "POST standards:change_status": _status(Adoption, "adoption"),
    "POST standards:follow_standard": lambda world: Follow.objects.count(),
    "POST standards:follow_country": lambda world: Follow.objects.count(),
    "POST projects:new": lambda world: Project.objects.count(),
    "POST projects:edit": lambda world: Project.objects.get(pk=world["published_project"].pk).title,
    "POST projects:visibility": lambda world: (
        Project.objects.get(pk=world["published_project"].pk).visibility
    ),
    "POST projects:team": lambda world: ProjectTeamMember.objects.count(),
    "POST projects:invite": lambda world: Invitation.objects.count(),
    "POST projects:remove_member": lambda world: ProjectTeamMember.objects.count(),
    "POST projects:accept_invitation": _status(Invitation, "project_invitation"),
    "POST projects:decline_invitation": _status(Invitation, "project_invitation"),
    "POST projects:add_criterion": lambda world: Criterion.objects.count(),
    "POST projects:criterion": lambda world: (
        Criterion.objects.get(pk=world["project_criterion"].pk).met
    ),
    "POST projects:name_reviewer": lambda world: (
        world["published_project"].gates.get(stage="vision").reviewers.count()
    ),
    "POST projects:review": lambda world: Review.objects.count(),
    "POST projects:milestones": lambda world: Milestone.objects.count(),
    "POST projects:milestone": lambda world: (
        Milestone.objects.get(pk=world["project_milestone"].pk).progress
    ),
    "POST projects:budget": lambda world: BudgetLine.objects.count(),
    "POST projects:add_funding": lambda world: FundingSource.objects.count(),
    "POST projects:advance_funding": _status(FundingSource, "project_funding"),
    "POST projects:kpis": lambda world: Kpi.objects.count(),
    "POST projects:record_actual": lambda world: KpiActual.objects.count(),
    "POST projects:documents": lambda world: ProjectDocument.objects.count(),
    "POST projects:add_risk": lambda world: Risk.objects.count(),
    "POST projects:updates": lambda world: Update.objects.count(),
    "POST projects:publish_update": _status(Update, "project_draft"),
}

# Several rows of the table can ask one URL about different objects.
URL_OF = {
    "courses:draft_course": "courses:course",
    "courses:draft_edit": "courses:edit",
    "groups:members_only_group": "groups:group",
    "audits:published_audit": "audits:audit",
    "api-1.0.0:get_draft_audit": "api-1.0.0:get_audit",
    "api-1.0.0:get_draft_results": "api-1.0.0:get_results",
    "audits:published_report": "audits:report",
    "members:members_only_profile": "members:profile",
    "members:hidden_profile": "members:profile",
    "network:request_hidden": "network:request",
    "network:report_hidden": "network:report",
    "network:block_hidden": "network:block",
    "network:dismiss_hidden": "network:dismiss",
    "api-1.0.0:create_request_hidden": "api-1.0.0:create_request",
    "projects:private_project": "projects:project",
    "events:draft_event": "events:event",
    "events:personal_ics_wrong_token": "events:personal_ics",
    "projects:private_edit": "projects:edit",
    "api-1.0.0:get_private_project": "api-1.0.0:get_project",
}
# Pages that cannot be asked for without a key sent by email.
NOT_REQUESTED = {
    "account_confirm_email",
    "account_reset_password_from_key",
    "api-1.0.0:api-root",
}


def split(key: str) -> tuple[str, str]:
    """Return a row's method and name: "POST network:block" is ("post", "network:block")."""
    method, _space, name = key.rpartition(" ")
    return (method or "get").lower(), name


def named_urls(resolver=None, namespace="") -> set[str]:
    """Return every named URL of the project, with its namespace."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            names |= named_urls(
                pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_has_a_decision():
    urls = {name for name in named_urls() if not name.startswith("admin:")}
    # The publications app decides its URLs in its own matrix, with its own roles
    # (author, reviewer), in wsco/publications/tests/test_permissions.py.
    publications = {row[1] for row in PUBLICATIONS_MATRIX}
    rows = {split(key)[1] for key in EXPECTED}
    decided = {URL_OF.get(name, name) for name in rows} | NOT_REQUESTED | publications
    assert urls - decided == set(), "These URLs have no row in EXPECTED"
    assert decided - urls == set(), "These rows name URLs that do not exist"


def test_every_row_answers_every_role():
    missing = {key: set(ROLES) - set(answers) for key, answers in EXPECTED.items()}
    assert {key: roles for key, roles in missing.items() if roles} == {}


def test_every_action_says_what_it_changes():
    actions = {key for key in EXPECTED if split(key)[0] != "get"}
    assert actions - set(EFFECT) == set(), "These actions have no EFFECT"
    assert set(EFFECT) - actions == set(), "These effects belong to no row"
    assert set(BODY) - actions == set(), "These bodies belong to no row"


def test_no_action_is_asked_with_a_method_it_refuses():
    # A 405 means the row asks with the wrong method: the action is then never tried.
    assert [key for key, answers in EXPECTED.items() if 405 in answers.values()] == []


def build_world_with_reports(settings) -> dict:
    """Build the world, with the audits' reports made (the report rows ask for them)."""
    world = build_world(settings)
    made_report(world["published_audit"])
    made_report(world["draft_audit"])
    return world


# Built once for the module (the rows only read it: each request is rolled back); each test
# runs in a savepoint inside it.
built_world = module_world(build_world_with_reports)


@pytest.fixture
def world(built_world, db, settings):
    """Objects the URLs are asked about; the network's and memberships belong to other people."""
    return world_for_a_test(built_world, settings)


def published_audit():
    """Return a published audit of a city, with its values worked out by the engine."""
    from wsco.audits.services.audits import take_step
    from wsco.audits.services.results import store_results
    from wsco.audits.tests.records import auditor_on, enter, official_of

    audit = AuditFactory()
    official = official_of(audit.city)
    enter(audit, by=official, unemployed_persons="12000", labour_force="150000")
    store_results(audit)
    take_step(audit=audit, step="submit", by=official)
    take_step(audit=audit, step="start_verification", by=auditor_on(audit))
    take_step(audit=audit, step="verify", by=auditor_on(audit))
    take_step(audit=audit, step="publish", by=UserFactory(is_staff=True))
    return audit


def audits_at_work() -> dict:
    """Return audits submitted, in verification (with an open and an answered query) and
    verified, each with its own city, official and two auditors, and an auditor free to add."""
    from wsco.audits.services import verification
    from wsco.audits.services.audits import take_step
    from wsco.audits.tests.records import auditor_on, enter, official_of, person

    def submitted():
        audit = AuditFactory()
        official = official_of(audit.city)
        enter(audit, by=official, unemployed_persons="12000", labour_force="150000")
        enter(audit, by=official, population="300000")
        take_step(audit=audit, step="submit", by=official)
        return audit, official, auditor_on(audit), auditor_on(audit)

    audit, official, first, _second = submitted()
    verification.start_verification(audit=audit, by=first)
    values = {row.variable: row for row in audit.base_values.all()}
    answered = verification.raise_query(row=values["labour_force"], question="Year?", by=first)
    verification.answer_query(query=answered, answer="2025.", by=official)
    verified, _official, checker, _other = submitted()
    # The steps taken directly: the services would tell staff, who are people of the matrix.
    take_step(audit=verified, step="start_verification", by=checker)
    take_step(audit=verified, step="verify", by=checker)
    return {
        "submitted_audit": submitted()[0],
        "audit_in_verification": audit,
        "audit_auditor": first,
        "audit_value": values["population"],
        "open_query": verification.raise_query(
            row=values["unemployed_persons"], question="Source?", by=first
        ),
        "answered_query": answered,
        "verified_audit": verified,
        "free_auditor": person("auditor"),
    }


def working_groups() -> dict:
    """Return a public group at every step of its work and a members-only group; their people
    are nobody of the matrix (`world["wg"]`, and flat keys for `_status`)."""
    from wsco.groups.services import meetings, problems
    from wsco.groups.tests import factories

    group = factories.group()
    request = factories.groups.request_to_join(group=group, user=factories.member_user())
    open_problem = factories.problem(group, title="Open")
    proposed = problems.propose_solution(
        problem=open_problem, title="Proposed", body="Idea.", by=group.chair
    )
    presented = factories.problem(group, title="Presented")
    accepted = factories.accepted(group, presented)
    held = factories.meeting(group, problems_on_agenda=[presented], days=-7)
    meetings.hold_meeting(meeting=held, by=group.chair)
    action = meetings.add_action_item(
        meeting=held, title="Write", owner=group.chair, due_on=timezone.localdate(), by=group.chair
    )
    wg = {
        "group": group,
        "hidden": factories.group(visibility="members", name="Cabinet"),
        "request": request,
        "invitee": factories.member_user(),
        "open": open_problem,
        "duplicate": factories.problem(group, title="Duplicate"),
        "proposed": proposed,
        "presented": presented,
        "accepted": accepted,
        "held": held,
        "scheduled": factories.meeting(group),
        "action": action,
    }
    return {"wg": wg} | {f"wg_{key}": value for key, value in wg.items()}


def projects_at_work() -> dict:
    """Return a published project with a reviewer, a draft, a milestone, a KPI, funding and an
    invitation to someone else, and a private project: nobody of the matrix on their teams."""
    from wsco.projects.services.kpis import add_kpi
    from wsco.projects.services.milestones import add_milestone
    from wsco.projects.services.money import add_funding
    from wsco.projects.services.partners import invite_to_team
    from wsco.projects.services.projects import write_update
    from wsco.projects.tests.factories import on_team, project

    published = project(published=True)
    reviewer = on_team(published, "reviewer")
    lead = published.lead
    return {
        "published_project": published,
        "private_project": project(),
        "project_reviewer": reviewer,
        "project_reviewer_row": published.team.get(user=reviewer),
        "project_invitation": invite_to_team(
            project=published, profile=MemberProfileFactory(), role="expert", by=lead
        ),
        "project_draft": write_update(project=published, title="Draft", body="Soon.", by=lead),
        "project_milestone": add_milestone(
            project=published,
            stage="vision",
            title="Workshop",
            planned_on=timezone.localdate(),
            by=lead,
        ),
        "project_kpi": add_kpi(
            project=published, indicator="ISO37120:2018/23.5", target=150, target_year=2030, by=lead
        ),
        "project_funding": add_funding(
            project=published, kind="own", name="City budget", amount=10, currency="EUR", by=lead
        ),
        "project_criterion": published.gates.get(stage="vision").criteria.first(),
    }


def made_report(audit):
    """Return `audit` with its report made in the default language (the task's work, done
    here once)."""
    from wsco.audits.services.report import make_report

    return make_report(audit=audit).audit


def standards_world() -> dict:
    """Return a standard with a current edition, and a proposed act adopting it in Romania."""
    from wsco.standards.services import add_edition
    from wsco.standards.tests.factories import StandardFactory, act

    standard = StandardFactory()
    return {
        "standard": standard,
        "edition": add_edition(standard=standard, year=2019, by=None),
        "adoption": act(standard),
    }


def awards_world() -> dict:
    """An edition whose jury is at work and whose vote is open, and one taking nominations.

    Its category has a nomination awaiting screening and an eligible one, both nominated by a
    member nobody asked here is, a seated juror nobody asked here is either, and another
    holder of the juror role, not seated. The open category has a nomination of a published
    project, seconded by a member nobody asked here is.
    """
    from wsco.audits.tests.records import person
    from wsco.awards.tests.factories import category, edition, juror, nomination, seat
    from wsco.projects.tests.factories import project

    at_work = category(edition(awards_models.Phase.JURY, year=2025))
    seated = juror()
    seat(at_work, seated)
    open_category = category(edition(awards_models.Phase.NOMINATIONS, year=2026))
    open_nomination = nomination(open_category, project(published=True), status="submitted")
    return {
        "awards_category": at_work,
        "seated_juror": seated,
        "unseated_juror": juror(),
        "open_category": open_category,
        "open_nomination": open_nomination,
        "secondment": awards_models.Secondment.objects.create(
            nomination=open_nomination, seconder=person(), statement="It works."
        ),
        "submitted_nomination": nomination(at_work, project(), status="submitted"),
        "eligible_nomination": nomination(at_work, project()),
    }


def courses_world() -> dict:
    """A published course someone else completed, a cohort course, and a draft course."""
    from wsco.courses.tests.factories import complete, course, first_cohort

    published = course(certificate_valid_months=12, renewal_cpd_hours=Decimal("1.0"))
    complete(published)
    # A second module, so that the first can move down.
    courses_models.Module.objects.create(course=published, title="Going further", position=2)
    cohorts = course(title="Cohort course", mode="cohort", capacity=5, questions=False)
    return {
        "course": published,
        "cohort_course": cohorts,
        "cohort": first_cohort(cohorts),
        "draft_course": course(title="Draft course", status="draft"),
        "lesson": courses_models.Lesson.objects.filter(module__course=published).first(),
        "quiz": courses_models.Quiz.objects.get(module__course=published),
    }


def events_world() -> dict:
    """An event open to registration with a session, two attendees (one paid, one not) who
    are not the roles asked, a meeting between them asked, and a draft event."""
    from wsco.events import calls, services
    from wsco.events.tests import factories

    event = factories.event(title="Urban Projects 2099")
    staff = UserFactory(is_staff=True)
    session = services.save_session(
        event=event,
        by=staff,
        title="Mobility pitches",
        room="Hall A",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
    )
    paid = factories.registered(event, current_member().user, kind="member")
    services.record_payment(
        registration=paid, amount=Decimal("120.00"), reference="BANK-0", by=staff
    )
    unpaid = factories.registered(event, current_member().user, kind="member")
    meeting = services.request_meeting(
        event=event, requester=unpaid.user, invitee=paid.user, starts_at=event.starts_at
    )
    call = events_models.ProjectCall.objects.create(
        event=event,
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
        criteria="Impact\nReadiness",
    )
    submission = calls.submit_project(
        call=call,
        by=current_member(organization=OrganizationFactory()).user,
        title="Smart street lighting",
        pitch="LED and sensors.",
        themes=Theme.objects.filter(slug="energy"),
    )
    return {
        "event_submission": submission,
        "event": event,
        "draft_event": factories.event(title="Draft event 2099", status="draft"),
        "event_ticket": factories.ticket(event),
        "event_session": session,
        "event_registration": paid,
        "event_unpaid": unpaid,
        "event_meeting": meeting,
    }


def build_world(settings) -> dict:
    """Build the objects the URLs are asked about (the browser tests open the same pages)."""
    from wsco.accounts.services import create_api_token
    from wsco.certificates.tests.factories import certificate
    from wsco.members.services.affiliations import request_to_join
    from wsco.members.services.invoices import issue_invoice
    from wsco.members.services.memberships import request_information
    from wsco.members.services.seats import invite_to_seat
    from wsco.tasks.tests.factories import failed, queued_email

    # The failed task is a row of the database backend, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    failed_task = failed(queued_email())

    organization = OrganizationFactory()
    applicant = ProfileFactory(user__email="applicant@example.org")
    public = MemberProfileFactory(visibility=Visibility.PUBLIC, organization=organization)
    first, second = MemberProfileFactory(), MemberProfileFactory()
    others_membership = MembershipFactory(profile=first)
    unpaid = MembershipFactory(awaiting_payment=True)
    token, _key = create_api_token(user=second.user, name="script")
    application = Application.objects.create(
        profile=applicant, membership_type=membership_type(), motivation="Cities."
    )
    staff = UserFactory(is_staff=True, is_superuser=True)
    request_information(application=application, message="Which city?", by=staff)
    assert application.events.get().action == "info_requested"
    organization_membership = MembershipFactory(
        membership_type=membership_type(MembershipKind.CORPORATE),
        organization=OrganizationFactory(),
        profile=MemberProfileFactory(),
    )
    invitation = invite_to_seat(
        membership=organization_membership, email="invitee@example.org", by=None
    )
    others_invoice = issue_invoice(
        payment=Payment.objects.create(
            membership=others_membership,
            amount=others_membership.fee_amount,
            currency="EUR",
            paid_on=others_membership.starts_on,
            method=Payment.Method.CARD,
        )
    )
    return {
        **audits_at_work(),
        **working_groups(),
        **courses_world(),
        **awards_world(),
        **events_world(),
        **projects_at_work(),
        "published_audit": published_audit(),
        "draft_audit": AuditFactory(),
        "certificate": certificate(organization=organization),
        "others_invoice": others_invoice,
        "organization_membership": organization_membership,
        "invitation": invitation,
        "join_request": request_to_join(profile=ProfileFactory(), organization=organization),
        "organization": organization,
        "public_profile": public,
        "members_only_profile": MemberProfileFactory(visibility=Visibility.MEMBERS),
        "hidden_profile": MemberProfileFactory(visibility=Visibility.HIDDEN),
        "blocked": MemberProfileFactory(),
        "applicant": applicant,
        "application": application,
        "staff": staff,
        "others_membership": others_membership,
        "others_seat": others_membership.seats.create(profile=first),
        "unpaid_membership": unpaid,
        "others_token": token,
        "introduction": Introduction.objects.create(
            sender=first, recipient=second, message="Hello"
        ),
        "connection": connect(first, public),
        "report": Report.objects.create(reporter=first, reported=second, reason=ReportReason.SPAM),
        "failed_task": failed_task,
        "dismissed": MemberProfileFactory(),
        **standards_world(),
        "notification": Notification.objects.create(
            recipient=first.user, kind="network.request_received", params={"name": "Ana"}
        ),
    }


def sign_in(client, role: str, world) -> None:
    """Sign `client` in as a person holding `role` (nobody for a visitor); world["me"] is them."""
    world["me"] = None
    if role == "visitor":
        return
    if role == "profile":
        user = ProfileFactory().user
    elif role == "applicant":
        user = world["applicant"].user
    elif role == "lapsed":
        user = lapsed_member().user
    elif role == "staff":
        user = world["staff"]
    else:
        profile = current_member()
        Block.objects.create(blocker=profile, blocked=world["blocked"])
        DismissedSuggestion.objects.create(profile=profile, dismissed=world["dismissed"])
        user = profile.user
        if role != "member":
            RoleGrant.objects.create(user=user, role=Role(role))
    world["me"] = user
    client.force_login(user)


def request_for(key: str, world) -> Request:
    """Return the request a row of the table sends."""
    method, name = split(key)
    kwargs = KWARGS[name](world) if name in KWARGS else {}
    url = reverse(URL_OF.get(name, name), kwargs=kwargs)
    effect = EFFECT.get(key)
    return Request(
        method=method,
        url=url,
        data=BODY[key](world) if key in BODY else {},
        as_json=name.startswith("api-"),
        effect=(lambda: effect(world)) if effect else None,
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_each_role_as_decided(client, world, role):
    sign_in(client, role, world)
    seen = {
        key: (ask(client, request_for(key, world)), want[role]) for key, want in EXPECTED.items()
    }
    wrong = {key: got for key, got in seen.items() if got[0] != got[1]}
    assert wrong == {}, f"As {role}, (got, expected): {wrong}"


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(client, world, role):
    sign_in(client, role, world)
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin_site._registry
    ]
    for url in urls:
        got = answer(client.get(url))
        assert got == (200 if role == "staff" else "redirect"), url


def test_every_model_of_the_platform_has_an_admin():
    from django.apps import apps

    models = [
        model
        for app in apps.get_app_configs()
        if app.name.startswith("wsco.")
        for model in app.get_models()
    ]
    # A model shown only inside its parent's page (an inline) is in the admin too.
    inlines = {
        inline.model
        for model_admin in admin_site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        model.__name__
        for model in models
        if model not in admin_site._registry and model not in inlines
    ]
    assert missing == []
