"""Learning-network views: ownership tests for every view, and the facilitator's and members' work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.models import OrganisationKind
from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory
from inzetbaar.networks import services
from inzetbaar.networks.models import (
    EvaluationReceipt,
    HalfDay,
    Meeting,
    MeetingEvaluation,
    Network,
    NetworkAction,
)
from inzetbaar.plans.models import Action, AnnualPlan, Status
from inzetbaar.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def net():
    facilitator = MembershipFactory(
        organisation=OrganisationFactory(kind=OrganisationKind.NETWORK_FACILITATOR),
        role=Role.NETWORK_FACILITATOR,
    )
    first = MembershipFactory(role=Role.HR)
    second = MembershipFactory(role=Role.HR)
    network = Network(
        name="Zorgnetwerk", region=first.organisation.region, facilitator=facilitator.organisation
    )
    services.save_network(None, network, [first.organisation, second.organisation], {first.organisation})
    meeting = services.plan_meeting(
        None,
        network,
        title="Masterclass werkdruk",
        date=TODAY - datetime.timedelta(days=20),
        half_day=HalfDay.AFTERNOON,
        location="Nijmegen",
        agenda="1. Welkom",
        themes=["healthy_work"],
    )
    return network, meeting, facilitator, first, second


def url(name, slug, network, *args):
    return reverse(f"networks:{name}", args=[slug, network.pk, *args])


def test_facilitator_views_only_for_the_facilitator(client, net):
    network, meeting, facilitator, first, _second = net
    own = services.add_network_action(None, network, title="Regiodag", theme="healthy_work", due_date=TODAY)
    slug = facilitator.organisation.slug
    kwargs = {
        "owner": facilitator.user,
        "organisation": facilitator.organisation,
        "capability": Capability.FACILITATE_NETWORKS,
    }
    assert_only_permitted(client, reverse("networks:network_create", args=[slug]), action=True, **kwargs)
    for name, args in (("network_edit", ()), ("meeting_create", ()), ("network_action_add", ())):
        assert_only_permitted(client, url(name, slug, network, *args), action=True, **kwargs)
    assert_only_permitted(client, url("monitor", slug, network), **kwargs)
    assert_only_permitted(client, url("meeting_edit", slug, network, meeting.pk), action=True, **kwargs)
    assert_only_permitted(
        client,
        url("attendance", slug, network, meeting.pk),
        method="post",
        data={f"org_{first.organisation_id}": 2},
        **kwargs,
    )
    assert_only_permitted(
        client,
        url("network_action_update", slug, network, own.pk),
        method="post",
        data={"status": "done", "phase": "act"},
        **kwargs,
    )
    # members never reach the facilitator's pages, not even under their own organisation
    client.force_login(first.user)
    assert client.get(url("monitor", first.organisation.slug, network)).status_code == 404
    assert client.get(url("network_edit", first.organisation.slug, network)).status_code == 404


def test_shared_pages_for_members_and_the_facilitator(client, net):
    network, meeting, facilitator, first, second = net
    practice = services.write_good_practice(
        first.user, network, first.organisation, theme="talent", title="T", story="S"
    )
    plan = PlanFactory(organisation=second.organisation, shared_with_networks=True)
    for member, capability in (
        (first, Capability.TAKE_PART_IN_NETWORKS),
        (facilitator, Capability.FACILITATE_NETWORKS),
    ):
        slug = member.organisation.slug
        kwargs = {"owner": member.user, "organisation": member.organisation, "capability": capability}
        assert_only_permitted(client, reverse("networks:networks", args=[slug]), **kwargs)
        for address in (
            url("network", slug, network),
            url("meeting", slug, network, meeting.pk),
            url("evaluation_results", slug, network, meeting.pk),
            url("practices", slug, network),
            url("practice", slug, network, practice.pk),
            url("regional_plan", slug, network),
            url("shared_plan", slug, network, plan.pk),
        ):
            assert_only_permitted(client, address, **kwargs)


def test_member_actions_only_for_members_who_may_act(client, net):
    network, meeting, _facilitator, first, _second = net
    slug = first.organisation.slug
    kwargs = {
        "owner": first.user,
        "organisation": first.organisation,
        "capability": Capability.TAKE_PART_IN_NETWORKS,
    }
    for address in (
        url("take_home", slug, network, meeting.pk),
        url("evaluate", slug, network, meeting.pk),
        url("practice_create", slug, network),
    ):
        assert_only_permitted(client, address, action=True, **kwargs)


def test_an_organisation_outside_the_network_gets_404(client, net):
    network, meeting, _facilitator, _first, _second = net
    outsider = MembershipFactory(role=Role.HR)
    client.force_login(outsider.user)
    for address in (
        url("network", outsider.organisation.slug, network),
        url("meeting", outsider.organisation.slug, network, meeting.pk),
    ):
        assert client.get(address).status_code == 404


def test_take_home_goes_into_the_members_plan_and_shows_on_the_monitor(client, net):
    network, meeting, facilitator, first, second = net
    slug = first.organisation.slug
    client.force_login(first.user)
    response = client.post(
        url("take_home", slug, network, meeting.pk),
        {
            "title": "Pilot zelfroosteren",
            "description": "",
            "theme": "healthy_work",
            "kind": "pilot",
            "owner": first.user.pk,
            "due_date": (TODAY + datetime.timedelta(days=50)).isoformat(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Pilot zelfroosteren")
    assert action.plan.organisation == first.organisation and action.plan.year == meeting.date.year
    assert (
        action.take_home.meeting == meeting and action.kind == "pilot" and action.start_date == meeting.date
    )
    assert "Pilot zelfroosteren" in client.get(url("meeting", slug, network, meeting.pk)).content.decode()
    # the other member does not see it on the meeting page
    client.force_login(second.user)
    assert (
        "Pilot zelfroosteren"
        not in client.get(url("meeting", second.organisation.slug, network, meeting.pk)).content.decode()
    )
    # the member updates it in its own plan; the facilitator's monitor shows the progress since the meeting
    client.force_login(first.user)
    client.post(
        reverse("plans:action_update", args=[slug, action.plan_id, action.pk]),
        {"status": "in_progress", "phase": "do", "note": "Twee teams begonnen"},
    )
    client.force_login(facilitator.user)
    page = client.get(url("monitor", facilitator.organisation.slug, network))
    last, rows = page.context["last"], {r.organisation: r for r in page.context["rows"]}
    assert last == meeting
    assert rows[first.organisation].counts["in_progress"] == 1
    assert rows[first.organisation].moved_since_last_meeting == 1
    assert rows[second.organisation].actions == []
    assert "Pilot zelfroosteren" in page.content.decode()


def test_take_home_due_before_the_meeting_is_refused(client, net):
    network, meeting, _facilitator, first, _second = net
    client.force_login(first.user)
    response = client.post(
        url("take_home", first.organisation.slug, network, meeting.pk),
        {
            "title": "X",
            "theme": "talent",
            "kind": "action",
            "owner": first.user.pk,
            "due_date": (meeting.date - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert "due_date" in response.context["form"].errors
    assert not Action.objects.exists()


def test_monitor_counts_overdue_and_stalled(net, settings):
    network, meeting, _facilitator, first, _second = net
    now = timezone.now()
    action = services.take_home(
        None, meeting, first.organisation, title="Oud", theme="talent", kind="action", due_date=TODAY
    )
    Action.objects.filter(pk=action.pk).update(
        due_date=TODAY - datetime.timedelta(days=1),
        last_progress_at=now - datetime.timedelta(days=settings.PLANS_STALLED_DAYS + 1),
    )
    _last, rows = services.monitor(network)
    row = next(r for r in rows if r.organisation == first.organisation)
    assert (
        row.needs_attention == 1
        and row.actions[0].overdue
        and row.actions[0].stalled
        and not row.actions[0].moved
    )


def test_other_members_plans_only_when_shared(client, net):
    network, _meeting, _facilitator, first, second = net
    private = PlanFactory(organisation=second.organisation, shared_with_networks=False)
    GoalFactory(plan=private, title="Geheim doel")
    ActionFactory(plan=private, title="Geheime actie")
    client.force_login(first.user)
    assert client.get(url("shared_plan", first.organisation.slug, network, private.pk)).status_code == 404
    regional = client.get(url("regional_plan", first.organisation.slug, network)).content.decode()
    assert "Geheim doel" not in regional and "Geheime actie" not in regional
    private.shared_with_networks = True
    private.save()
    assert client.get(url("shared_plan", first.organisation.slug, network, private.pk)).status_code == 200
    regional = client.get(url("regional_plan", first.organisation.slug, network)).content.decode()
    assert "Geheim doel" in regional and "Geheime actie" in regional
    # a shared plan of an organisation outside the network is not reachable through it
    outside = PlanFactory(shared_with_networks=True)
    assert client.get(url("shared_plan", first.organisation.slug, network, outside.pk)).status_code == 404


def test_regional_plan_counts_goals_and_actions_per_theme_plus_the_networks_own(net):
    network, _meeting, _facilitator, first, second = net
    year = TODAY.year
    for member, themes in ((first, ["healthy_work", "talent"]), (second, ["healthy_work"])):
        plan = PlanFactory(organisation=member.organisation, year=year, shared_with_networks=True)
        for theme in themes:
            goal = GoalFactory(plan=plan, theme=theme)
            ActionFactory(plan=plan, goal=goal, theme=theme, status=Status.DONE)
            ActionFactory(plan=plan, goal=goal, theme=theme)
    PlanFactory(organisation=OrganisationFactory(), year=year, shared_with_networks=True)  # not a member
    services.add_network_action(
        None, network, title="Regiodag", theme="healthy_work", start_date=TODAY, due_date=TODAY
    )
    found = services.regional_plan(network, year)
    by_theme = {t.theme: t for t in found.themes}
    assert (found.members, len(found.sharing)) == (2, 2)
    assert (len(by_theme["healthy_work"].goals), len(by_theme["healthy_work"].actions)) == (2, 4)
    assert by_theme["healthy_work"].counts["done"] == 2
    assert [a.title for a in by_theme["healthy_work"].own_actions] == ["Regiodag"]
    assert len(by_theme["talent"].actions) == 2 and by_theme["retention"].actions == []
    assert services.regional_plan(network, year - 1).sharing == []


def test_network_actions_are_updated_by_the_facilitator(client, net):
    network, _meeting, facilitator, _first, _second = net
    slug = facilitator.organisation.slug
    client.force_login(facilitator.user)
    client.post(
        url("network_action_add", slug, network),
        {
            "title": "Regiodag",
            "theme": "healthy_work",
            "owner": facilitator.user.pk,
            "start_date": TODAY.isoformat(),
            "due_date": (TODAY + datetime.timedelta(days=30)).isoformat(),
        },
    )
    action = NetworkAction.objects.get()
    client.post(url("network_action_update", slug, network, action.pk), {"status": "done", "phase": "act"})
    action.refresh_from_db()
    assert (action.status, action.phase) == ("done", "act")


def test_facilitator_plans_meetings_records_attendance_and_edits_members(client, net):
    network, meeting, facilitator, first, second = net
    slug = facilitator.organisation.slug
    client.force_login(facilitator.user)
    response = client.post(
        url("meeting_create", slug, network),
        {
            "title": "Masterclass talent",
            "date": (TODAY + datetime.timedelta(days=70)).isoformat(),
            "half_day": "morning",
            "location": "Wijchen",
            "agenda": "1. Talent",
            "themes": ["talent", "retention"],
        },
    )
    created = Meeting.objects.get(title="Masterclass talent")
    assert response.url == url("meeting", slug, network, created.pk) and created.themes == [
        "talent",
        "retention",
    ]
    client.post(
        url("meeting_edit", slug, network, meeting.pk),
        {
            "title": "Masterclass werkdruk",
            "date": meeting.date.isoformat(),
            "half_day": "evening",
            "location": "Groesbeek",
            "agenda": "1. Welkom",
            "themes": ["healthy_work"],
        },
    )
    meeting.refresh_from_db()
    assert (meeting.half_day, meeting.location) == ("evening", "Groesbeek")
    client.post(
        url("attendance", slug, network, meeting.pk),
        {f"org_{first.organisation_id}": 3, f"org_{second.organisation_id}": 0},
    )
    assert dict(meeting.attendance.values_list("organisation", "people")) == {
        first.organisation_id: 3,
        second.organisation_id: 0,
    }
    _last, rows = services.monitor(network)
    assert {r.organisation: r.attended for r in rows} == {first.organisation: 1, second.organisation: 0}
    third = OrganisationFactory()
    client.post(
        url("network_edit", slug, network),
        {
            "name": "Zorgnetwerk",
            "description": "",
            "region": network.region_id,
            "sector": "Zorg en welzijn",
            "member_organisations": [first.organisation_id, third.pk],
            "ambassadors": [third.pk],
        },
    )
    members = {m.organisation: m.ambassador for m in network.memberships.all()}
    assert members == {first.organisation: False, third: True}
    refused = client.post(
        url("network_edit", slug, network),
        {
            "name": "Zorgnetwerk",
            "region": network.region_id,
            "member_organisations": [first.organisation_id],
            "ambassadors": [third.pk],
        },
    )
    assert "ambassadors" in refused.context["form"].errors


def _evaluation(value=4):
    return {
        "useful": value,
        "practical": value,
        "apply": value,
        "exchange": value,
        "organised": value,
        "grade": 8,
    }


def test_evaluations_are_anonymous_once_per_person_and_shown_from_five(client, net):
    network, meeting, facilitator, first, _second = net
    client.force_login(first.user)
    address = url("evaluate", first.organisation.slug, network, meeting.pk)
    missing = client.post(address, {"useful": 4})
    assert "Beantwoord de vraag" in missing.content.decode()
    assert client.post(address, _evaluation()).status_code == 302
    assert MeetingEvaluation.objects.count() == 1 and EvaluationReceipt.objects.get().person == first.user
    assert not hasattr(MeetingEvaluation, "person")
    client.post(address, _evaluation())
    assert MeetingEvaluation.objects.count() == 1  # once per person
    for _ in range(3):
        services.evaluate(
            meeting, MembershipFactory(organisation=first.organisation, role=Role.HR).user, _evaluation(5)
        )
    summary = services.evaluation_summary(meeting)
    assert summary.respondents == 4 and not summary.published and summary.scales == []
    services.evaluate(
        meeting, MembershipFactory(organisation=first.organisation, role=Role.HR).user, _evaluation(2)
    )
    summary = services.evaluation_summary(meeting)
    assert summary.published
    assert dict(summary.scales)["Tevredenheid"] == pytest.approx((4 + 5 * 3 + 2) / 5)
    client.force_login(facilitator.user)
    page = client.get(
        url("evaluation_results", facilitator.organisation.slug, network, meeting.pk)
    ).content.decode()
    assert "Tevredenheid" in page and "4,2" in page


def test_a_future_meeting_cannot_be_evaluated_yet(client, net):
    network, _meeting, _facilitator, first, _second = net
    future = services.plan_meeting(
        None, network, title="Later", date=TODAY + datetime.timedelta(days=5), agenda="-", themes=[]
    )
    client.force_login(first.user)
    client.post(url("evaluate", first.organisation.slug, network, future.pk), _evaluation())
    assert not MeetingEvaluation.objects.exists()


def test_good_practice_written_by_a_member(client, net):
    network, _meeting, facilitator, first, _second = net
    client.force_login(first.user)
    response = client.post(
        url("practice_create", first.organisation.slug, network),
        {"theme": "talent", "title": "Talentgesprekken", "story": "Zo deden wij het."},
    )
    practice = network.good_practices.get()
    assert practice.organisation == first.organisation and practice.author == first.user
    assert response.url == url("practice", first.organisation.slug, network, practice.pk)
    client.force_login(facilitator.user)
    listing = client.get(url("practices", facilitator.organisation.slug, network), {"thema": "talent"})
    assert "Talentgesprekken" in listing.content.decode()
    assert (
        "Talentgesprekken"
        not in client.get(
            url("practices", facilitator.organisation.slug, network), {"thema": "retention"}
        ).content.decode()
    )


def test_calendar_feed_by_secret_address(client, net):
    network, meeting, _facilitator, first, _second = net
    response = client.get(reverse("networks:calendar", args=[network.calendar_token]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "SUMMARY:Zorgnetwerk: Masterclass werkdruk" in body
    assert f"DTSTART;TZID=Europe/Amsterdam:{meeting.date:%Y%m%d}T133000" in body
    assert client.get(reverse("networks:calendar", args=["geraden"])).status_code == 404
    client.force_login(first.user)
    assert (
        network.calendar_token
        in client.get(url("network", first.organisation.slug, network)).content.decode()
    )


def test_plan_for_the_meeting_year_is_made_when_missing(net):
    _network, meeting, _facilitator, first, _second = net
    assert not AnnualPlan.objects.exists()
    services.take_home(
        first.user, meeting, first.organisation, title="A", theme="talent", kind="action", due_date=TODAY
    )
    plan = AnnualPlan.objects.get()
    assert plan.owner == first.user and plan.year == meeting.date.year and not plan.shared_with_networks
    with pytest.raises(services.NetworkError):
        services.take_home(
            None, meeting, OrganisationFactory(), title="B", theme="talent", kind="action", due_date=TODAY
        )
