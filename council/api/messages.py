"""Django REST framework messages the portal words better in Korean than the framework's own catalog.

DRF's Korean leaves words such as "blank", "null" and "Datetime" in English. Listing the message
ids here puts them in the portal's catalog, which Django consults before the framework's.
Nothing imports this module; `makemessages` reads it.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("This field may not be blank."),
    gettext_noop("This field may not be null."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Time has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Duration has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Extra Actions"),
]
