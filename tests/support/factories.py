"""The base of the suite's model factories."""

from typing import Any

from factory.django import DjangoModelFactory

# Whether factories write history rows too: switched on for a test by the `factory_history` fixture.
WRITE_HISTORY = False


class ModelFactory(DjangoModelFactory):
    """A factory whose rows are written without the audit history row the portal writes with every save.

    Tests set their scene with factories, some seven thousand rows a run, and almost none reads the
    history of that scene: each history row cost half a millisecond, four CPU-seconds a run. What the
    portal's own services and pages change while a test runs is recorded as always. A test about the
    history of rows a factory made asks for the `factory_history` fixture, which turns it back on.
    """

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        if WRITE_HISTORY or cls._meta.django_get_or_create:
            return super()._create(model_class, *args, **kwargs)
        # What manager.create() does, through django-simple-history's save for models it records.
        instance = model_class(*args, **kwargs)
        save = getattr(instance, "save_without_historical_record", instance.save)
        save(force_insert=True, using=cls._get_manager(model_class).db)
        return instance
