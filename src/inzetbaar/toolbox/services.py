"""The toolbox's operations: the catalogue as ranking facts, the choice menu, and suggested
interventions from a campaign's group report (gap × relevance), in the reader's language.

Suggestions use only what the group report publishes: a group hidden under the instrument's minimum
gets no suggestions at all, so they cannot hint at its scores.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from inzetbaar.core.models import SizeClass

from . import choices, ranking
from .models import CatalogueItem

# The House of Work Ability floor a scale of another questionnaire belongs to (its own scales are floors).
SCALE_FLOORS = {
    "wai:wai_total": choices.Floor.HEALTH,
    "work_energy_balance:demands": choices.Floor.WORK,
    "work_energy_balance:job_resources": choices.Floor.WORK,
    "work_energy_balance:personal_resources": choices.Floor.HEALTH,
    "work_energy_balance:resources": choices.Floor.WORK,
    "work_energy_balance:balance": choices.Floor.HEALTH,
    "employability_profile:expertise": choices.Floor.COMPETENCE,
    "employability_profile:development": choices.Floor.COMPETENCE,
    "employability_profile:flexibility": choices.Floor.COMPETENCE,
    "employability_profile:connection": choices.Floor.VALUES,
    "employability_profile:balance": choices.Floor.VALUES,
}
LOWER_IS_BETTER = {"work_energy_balance:demands"}
# Scales whose range the definition does not give as a mean or sum of items.
KNOWN_RANGES = {"wai:wai_total": (7.0, 49.0)}
SUGGESTED_SCALES = 3  # the weakest scales that lead to suggestions
SUGGESTIONS = 5


def catalogue():
    return CatalogueItem.objects.filter(active=True)


def ranking_items(items=None) -> dict[str, ranking.Item]:
    fields = ["slug", "name", "themes", "levels", "audiences", "sizes", "sectors", "floors", "scales"]
    rows = (items if items is not None else catalogue()).values(*fields, "evidence", "platform_instrument")
    return {row["slug"]: ranking.as_item(row) for row in rows}


def _label(vocabulary, code: str) -> str:
    try:
        return str(vocabulary(code).label)
    except ValueError:
        return code


def reason_text(reason: ranking.Reason, scale_titles: dict[str, str] | None = None) -> str:
    """A reason in words, with the points it adds."""
    values = reason.values
    if reason.code == "theme":
        themes = ", ".join(_label(choices.Theme, v) for v in values)
        text = _("past bij uw thema's: %(themes)s") % {"themes": themes}
    elif reason.code == "audience":
        text = _("bedoeld voor %(who)s") % {"who": _label(choices.Audience, values[0])}
    elif reason.code == "level":
        text = _("past bij waar u staat: %(level)s") % {"level": _label(choices.Level, values[0]).lower()}
    elif reason.code == "next_level":
        text = _("de volgende stap: %(level)s") % {"level": _label(choices.Level, values[0]).lower()}
    elif reason.code == "size":
        text = _("geschikt voor uw organisatiegrootte")
    elif reason.code == "sector":
        text = _("gemaakt voor uw sector (%(sector)s)") % {"sector": values[0]}
    elif reason.code == "evidence":
        text = _("onderbouwing: %(evidence)s") % {"evidence": _label(choices.Evidence, values[0]).lower()}
    elif reason.code == "own_instrument":
        text = _("direct te gebruiken op dit platform")
    else:
        title = (scale_titles or {}).get(values[0], values[0])
        percentage = round(float(values[1]) * 100)
        if reason.code == "scale":
            text = _("werkt aan %(scale)s (achterstand %(gap)s%%)") % {"scale": title, "gap": percentage}
        else:
            text = _("werkt aan dezelfde verdieping als %(scale)s (achterstand %(gap)s%%)") % {
                "scale": title,
                "gap": percentage,
            }
    return f"{text} (+{number_format(reason.points, 1)})" if reason.points else text


@dataclass(frozen=True)
class Suggestion:
    rank: int
    item: CatalogueItem
    score: float
    reasons: list[str]


def _suggestions(found: list[ranking.Ranked], scale_titles=None) -> list[Suggestion]:
    items = CatalogueItem.objects.in_bulk([r.item.slug for r in found], field_name="slug")
    return [
        Suggestion(position, items[r.item.slug], r.score, [reason_text(x, scale_titles) for x in r.reasons])
        for position, r in enumerate(found, start=1)
    ]


def choice_menu(profile: ranking.Profile, limit: int = 10) -> list[Suggestion]:
    return _suggestions(ranking.rank(ranking_items().values(), profile, limit))


def size_choices():
    return SizeClass.choices


def sectors() -> list[str]:
    """The sectors named in the catalogue and by organisations, for the choice menu."""
    from inzetbaar.core.models import Organisation

    named = {s for row in catalogue().values_list("sectors", flat=True) for s in row}
    named |= set(Organisation.objects.exclude(sector="").values_list("sector", flat=True).distinct())
    return sorted(named)


# --- suggestions from a group report ---------------------------------------------------------------------


@dataclass(frozen=True)
class GroupSuggestions:
    label: str
    published: bool
    weakest: list[tuple[str, float, float]]  # (scale title, mean, gap)
    suggestions: list[Suggestion]


def _scale_gaps(report, means) -> list[ranking.Gap]:
    from inzetbaar.instruments import services as instruments

    definition = instruments.definition(report.instrument.instrument_id, report.instrument.instrument_version)
    gaps = []
    for scale, mean in zip(report.scales, means, strict=True):
        key = f"{definition.id}:{scale.id}"
        found = KNOWN_RANGES.get(key) or instruments.scale_range(definition, scale.id)
        floor = scale.id if definition.id == "house_of_work_ability" else SCALE_FLOORS.get(key, "")
        if mean is None or found is None or floor not in choices.Floor.values:
            continue
        gap = ranking.gap_of(mean, *found, higher_is_better=key not in LOWER_IS_BETTER)
        gaps.append(ranking.Gap(key, floor, gap))
    return gaps


def suggestions_for_report(report, organisation) -> list[GroupSuggestions]:
    """Per row of the report (organisation, then units): the weakest published scales and what helps.

    Rows the report hides (too few respondents) are listed without figures or suggestions.
    """
    # The questionnaire just used is no answer to its own outcome.
    items = ranking_items(catalogue().exclude(platform_instrument=report.instrument.instrument_id))
    titles = {f"{report.instrument.instrument_id}:{s.id}": s.title for s in report.scales}
    result = []
    for row in report.rows:
        label = row.label
        if not row.published:
            result.append(GroupSuggestions(label, False, [], []))
            continue
        gaps = ranking.weakest(_scale_gaps(report, row.means), SUGGESTED_SCALES)
        mean_of = {
            f"{report.instrument.instrument_id}:{s.id}": m
            for s, m in zip(report.scales, row.means, strict=True)
        }
        found = ranking.rank_for_gaps(items.values(), gaps, SUGGESTIONS, size=organisation.size_class)
        weakest = [(titles[g.scale], mean_of[g.scale], g.gap) for g in gaps]
        result.append(GroupSuggestions(label, True, weakest, _suggestions(found, titles)))
    return result
