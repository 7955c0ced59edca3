"""The business case of less absence: what a reduction in percentage points frees, in people and in euros.

Pure Python. One percentage point less absence frees 1 % of the contracted time: headcount x 0.01
employee-years (545 = 1 % of 54,500 employees), which at the average part-time factor is that many
FTE, times the working days a year gives freed days, times the cost per absence day gives euros. The
freed people and the euros are two views of the same capacity: never add them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Inputs:
    headcount: int
    part_time_factor: float  # average contract hours / full-time hours
    working_days: int  # per full-time employee per year
    cost_per_day: float  # euros per absence day
    current_rate: float  # percent
    reduction: float  # percentage points

    def problems(self) -> list[str]:
        """English developer messages; forms check the same limits with their own texts."""
        found = []
        if self.headcount < 1:
            found.append("headcount must be at least 1")
        if not 0 < self.part_time_factor <= 1:
            found.append("part-time factor must be above 0 and at most 1")
        if not 1 <= self.working_days <= 366:
            found.append("working days must be between 1 and 366")
        if self.cost_per_day < 0:
            found.append("cost per day cannot be negative")
        if not 0 <= self.current_rate <= 100:
            found.append("current rate must be a percentage")
        if not 0 <= self.reduction <= self.current_rate:
            found.append("the reduction must be between 0 and the current rate")
        return found


@dataclass(frozen=True)
class Outcome:
    inputs: Inputs
    target_rate: float  # percent
    freed_employee_years: float  # people who need not be recruited, trained and supervised
    freed_fte: float
    freed_days: float
    euros_per_year: float  # the same capacity as freed_employee_years, in money


def compute(inputs: Inputs) -> Outcome:
    problems = inputs.problems()
    if problems:
        raise ValueError("; ".join(problems))
    share = inputs.reduction / 100
    employee_years = inputs.headcount * share
    fte = employee_years * inputs.part_time_factor
    days = fte * inputs.working_days
    return Outcome(
        inputs=inputs,
        target_rate=inputs.current_rate - inputs.reduction,
        freed_employee_years=employee_years,
        freed_fte=fte,
        freed_days=days,
        euros_per_year=days * inputs.cost_per_day,
    )


# The seed's claim for a care region: one percentage point for 54,500 employees frees about 545
# employee-years, about 40 million euros a year. Average part-time factor 0.70 (care), 261 weekdays a
# year, 400 euros per absence day (the upper end of the 250-410 euro rule of thumb), current rate 7 %.
CARE_REGION = Inputs(
    headcount=54_500,
    part_time_factor=0.70,
    working_days=261,
    cost_per_day=400.0,
    current_rate=7.0,
    reduction=1.0,
)
