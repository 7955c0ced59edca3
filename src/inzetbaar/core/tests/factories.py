"""Factories for core objects, shared by every app's tests."""

import factory
from django.utils import timezone

from inzetbaar.core.models import LabourMarketRegion, Membership, Organisation, OrganisationKind, Unit, User
from inzetbaar.core.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password("een-lang-test-wachtwoord")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = OrganisationKind.EMPLOYER
    region = factory.LazyFunction(lambda: LabourMarketRegion.objects.order_by("code").first())


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYEE
    start = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)
