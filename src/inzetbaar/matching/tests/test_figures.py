"""Region figures counted from records, employer satisfaction behind the disclosure minimum, the
indicators for annual plans, and the home-page tasks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.indicators import get_indicator, measure
from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory
from inzetbaar.instruments import services as instruments
from inzetbaar.matching import services
from inzetbaar.matching.figures import region_figures
from inzetbaar.matching.models import Decision, Outcome

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = (TODAY - datetime.timedelta(days=365), TODAY)


def placed(world, start, benefit_after="ended"):
    proposal = services.run_round(world.client_manager, world.municipality_org, region=world.region, seed=1)
    introduction = services.decide(
        world.client_manager, proposal.proposals.get(candidate=world.candidate), Decision.ACCEPTED, "ok"
    )
    for side in ("candidate", "employer"):
        services.record_outcome(
            world.client_manager, introduction, side, Outcome.CONTINUE, "", introduction.version
        )
    return services.place(
        world.client_manager,
        introduction,
        {"contract_start": start, "benefit_after": benefit_after, "job_coach": True},
    )


def test_counts_per_month_municipality_and_benefit(world, settings):
    settings.MATCHING_MIN_GROUP = 1  # exact small counts here; the minimum is tested below
    world.candidate.intake_date = TODAY - datetime.timedelta(days=40)
    world.candidate.save()
    placed(world, TODAY - datetime.timedelta(days=10))
    by_month = region_figures(world.region, *YEAR)
    month = f"{TODAY - datetime.timedelta(days=10):%Y-%m}"
    assert by_month.rows[month]["placements"] == 1 and by_month.rows[month]["outflow"] == 1
    assert by_month.totals["employers"] == 1 and by_month.totals["openings"] == 2
    assert region_figures(world.region, *YEAR, breakdown="municipality").rows["Nijmegen"]["placements"] == 1
    assert region_figures(world.region, *YEAR, breakdown="benefit").rows["Participatiewet"]["placements"] == 1
    # Cost: one job coach, no introductions held in the period counted yet besides this one.
    assert by_month.approach_cost == (
        by_month.totals["introductions"] * settings.MATCHING_COST_PER_INTRODUCTION
        + settings.MATCHING_COST_PER_JOB_COACH
    )
    assert by_month.cost_per_durable is None  # nobody durable yet
    other_region = world.region.__class__.objects.exclude(pk=world.region.pk).first()
    assert not region_figures(other_region, *YEAR).totals


def test_small_counts_of_people_are_hidden_and_not_derivable(world):
    from collections import Counter

    from inzetbaar.matching.figures import hidden_cells

    # Placements per benefit: 6 WW, 3 WIA, 0 Wajong; per month 9 in one month.
    all_rows = {
        "benefit": {"WW": Counter(placements=6), "WIA": Counter(placements=3), "Wajong": Counter()},
        "month": {"2026-01": Counter(placements=9)},
        "municipality": {"Nijmegen": Counter(placements=9)},
    }
    hidden = hidden_cells(all_rows, Counter(placements=9), "benefit")
    assert ("WIA", "placements") in hidden  # below 5
    assert ("WW", "placements") in hidden  # else WIA = total − WW
    assert ("Wajong", "placements") not in hidden  # zero people: nothing to hide
    assert ("total", "placements") not in hidden
    assert ("total", "employers") not in hidden  # employers are not people


def test_the_median_and_the_cost_need_enough_people(world):
    placed(world, TODAY - datetime.timedelta(days=10))
    figures = region_figures(world.region, *YEAR)
    assert figures.median_days is None and figures.median_group == 1
    assert figures.total("placements") is None and figures.approach_cost == 0


def answer_satisfaction(world, employers: int, score: int):
    """`employers` more joined employers, each with an HR contact who answers every item with `score`."""
    from inzetbaar.core.tests.factories import OrganisationFactory
    from inzetbaar.matching.models import EmployerProfile

    for _ in range(employers):
        organisation = OrganisationFactory(region=world.region)
        MembershipFactory(organisation=organisation, role=Role.HR)
        EmployerProfile.objects.create(
            organisation=organisation, service_point=world.service_point, location=world.employer.location
        )
    campaign = services.ask_employer_satisfaction(
        world.relationship_manager, world.service_point, closes_on=TODAY, base_url="http://test/"
    )
    plan = instruments.plan("employer_satisfaction", instruments.definition("employer_satisfaction").version)
    answers = {v.id: (score if v.high <= 5 else 8) for v in plan.variable_info}
    for invitation in campaign.invitations.filter(completed_at__isnull=True):
        for page in instruments.pages_of(campaign):
            instruments.save_page(invitation, page, {item.id: answers[item.id] for item in page.group.items})
        instruments.submit(invitation)
    return campaign


def test_employer_satisfaction_is_asked_with_the_form_and_needs_the_minimum(world, client, mailoutbox):
    campaign = answer_satisfaction(world, 2, 4)  # the world's employer has an HR contact too: 3
    assert campaign.organisation == world.service_point and len(mailoutbox) == 3
    figures = region_figures(world.region, *YEAR)
    assert figures.satisfaction is None and figures.satisfaction_responses == 3
    answer_satisfaction(world, 2, 2)  # 5 employers now; earlier respondents answer again in a new wave
    figures = region_figures(world.region, *YEAR)
    assert figures.satisfaction_responses == 8
    assert figures.satisfaction == pytest.approx((3 * 4 + 5 * 2) / 8, abs=0.01)
    assert_only = reverse("matching:ask_satisfaction", args=[world.service_point.slug])
    client.force_login(world.relationship_manager)
    assert client.post(assert_only).status_code == 302


def test_indicators_count_placements_for_the_guide_and_the_employer(world):
    assert get_indicator("matching:placements") is not None
    placement = placed(world, TODAY - datetime.timedelta(days=300))
    start, end = TODAY - datetime.timedelta(days=400), TODAY
    assert measure("matching:placements", world.municipality_org, start, end) == 1
    assert measure("matching:placements", world.employer_org, start, end) == 1
    assert (
        measure("matching:placements", world.municipality_org, TODAY - datetime.timedelta(days=10), end) == 0
    )
    assert measure("matching:durable", world.municipality_org, start, end) == 0
    for follow_up in placement.follow_ups.filter(months__lte=6).order_by("months"):
        services.complete_follow_up(world.client_manager, follow_up, True, "ended", on=follow_up.due_on)
    assert measure("matching:durable", world.municipality_org, start, end) == 1


def test_home_page_offers_each_role_its_matching_tasks(client, world):
    client.force_login(world.client_manager)
    page = client.get(reverse("home")).content.decode()
    assert reverse("matching:rounds", args=[world.municipality_org.slug]) in page
    client.force_login(world.employer_hr)
    assert (
        reverse("matching:employer_home", args=[world.employer_org.slug])
        in client.get(reverse("home")).content.decode()
    )
    client.force_login(world.candidate.person)
    assert reverse("matching:my_profile") in client.get(reverse("home")).content.decode()
