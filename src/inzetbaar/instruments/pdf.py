"""PDF versions of a person's result and of a group report, made by WeasyPrint from HTML.

WeasyPrint (and the Pango library under it) is imported only when a PDF is asked for, so the app runs
without it; a missing installation raises :class:`PdfUnavailable`, which the views turn into a clear page.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfUnavailable(RuntimeError):
    """PDF generation is not installed on this server."""


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: WeasyPrint installed but Pango missing
        raise PdfUnavailable(_("PDF maken is op deze server niet beschikbaar.")) from error
    return HTML(string=html).write_pdf()
