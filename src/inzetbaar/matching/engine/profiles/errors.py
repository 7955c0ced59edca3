"""The one error type of preference building: bad input, with the offending entry named in the message."""


class ProfileError(ValueError):
    """A profile file, vocabulary or centroid CSV that cannot be used as it is.

    The message names the entry (``candidates[3] (id "c4")``, ``row 12``) and the field, so a user
    can fix the input without reading code; the command line turns it into exit code 2.
    """
