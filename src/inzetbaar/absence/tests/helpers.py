"""Test data for the absence app: an organisation with a department of two teams, and CSV files."""

import csv
import io

from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory, UnitFactory


def make_org():
    organisation = OrganisationFactory()
    department = UnitFactory(organisation=organisation, name="Zorg")
    big = UnitFactory(organisation=organisation, parent=department, name="Team Groot")
    small = UnitFactory(organisation=organisation, parent=department, name="Team Klein")
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    return organisation, department, big, small, hr


def csv_bytes(rows: list[list[object]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode()


EMPLOYMENT_HEADER = ["employee", "unit", "start", "end", "contract_hours", "fulltime_hours"]
ABSENCE_HEADER = ["case", "employee", "start", "end", "fraction"]


def employment_file(big: int = 8, small: int = 3) -> bytes:
    """``big`` people in Team Groot, ``small`` in Team Klein, all from 2023 on."""
    rows = [EMPLOYMENT_HEADER]
    for number in range(1, big + small + 1):
        unit = "Team Groot" if number <= big else "Team Klein"
        rows.append([f"P{number:03d}", unit, "2023-01-01", "", 36 if number % 2 else 18, 36])
    return csv_bytes(rows)


def absence_file() -> bytes:
    return csv_bytes(
        [
            ABSENCE_HEADER,
            ["C1", "P001", "2024-01-10", "2024-01-19", 1],
            ["C2", "P002", "2024-02-01", "2024-02-10", 1],
            ["C2", "P002", "2024-02-11", "2024-03-05", "0,5"],
            ["C3", "P009", "2024-03-01", "", 1],
        ]
    )
