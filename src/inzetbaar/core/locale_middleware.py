"""Dutch unless the person chose English with the switch: the browser's language does not decide.

Django's LocaleMiddleware would follow the Accept-Language header, so most visitors with an English
browser would get English; Inzetbaar's users work in Dutch, and the switch in the header is explicit.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
