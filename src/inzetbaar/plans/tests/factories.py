"""Factories for annual plans, goals and actions."""

import datetime

import factory
from django.utils import timezone

from inzetbaar.core.tests.factories import OrganisationFactory
from inzetbaar.plans.models import Action, AnnualPlan, Goal


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    organisation = factory.SubFactory(OrganisationFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = "Jaarplan"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    theme = "healthy_work"
    title = factory.Sequence(lambda n: f"Doel {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    theme = "healthy_work"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
