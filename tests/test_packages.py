"""events.models and events.admin are packages, one module per model family (docs/architecture.md). The
rest of the code, the migrations and the editors' admin rely on the packages as a whole: every model is
importable as events.models.X, and every model an editor works on has its admin registered."""
import importlib
import pkgutil

from django.apps import apps
from django.contrib import admin

import events.admin
import events.models


def _family_modules(package):
    return [importlib.import_module(f"{package.__name__}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)]


def _models_of_the_app():
    """The events app's own models: not simple_history's Historical* copies, not m2m link tables."""
    return [model for model in apps.get_app_config("events").get_models()
            if not model.__name__.startswith("Historical")]


def test_every_model_of_the_app_is_importable_from_events_models():
    missing = [model.__name__ for model in _models_of_the_app()
               if getattr(events.models, model.__name__, None) is not model]
    assert missing == []


def test_every_public_name_of_a_family_module_is_exported_by_the_package():
    # A model added to, say, events/models/gazetteer.py but not to the package's imports would be
    # registered (Django imports the module) yet not importable as events.models.X.
    for module in _family_modules(events.models):
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__ and not name.startswith(
                    ("_", "Historical")):
                assert getattr(events.models, name, None) is value, f"{module.__name__}.{name}"
                assert name in events.models.__all__, name


def test_the_id_array_field_keeps_the_path_the_migrations_use():
    # Migration 0012 names events.models.IdArrayField; a new migration must write the same path.
    field = events.models.Happening._meta.get_field("country_ids")
    assert field.deconstruct()[1] == "events.models.IdArrayField"


def test_the_models_register_in_the_order_they_were_declared_in_one_module():
    # The single events/models.py declared them in this order (issues and calendar, articles, gazetteers,
    # events, jobs, happenings); the package imports its modules in the same order, so the app registry
    # (and what follows it: content types, dumps) lists them as before the split.
    names = [model.__name__ for model in _models_of_the_app()]
    assert names[:6] == ["Issue", "CalendarDay", "VolumeCalendar", "Import", "Article", "ArticleVersion"]
    assert names.index("Country") < names.index("TopicKeyword") < names.index("Thread") < names.index("Event")
    assert names.index("Event") < names.index("Job") < names.index("Happening") < names.index("HappeningTally")


def test_the_editors_admin_registers_each_family():
    registered = {model.__name__ for model in admin.site._registry if model._meta.app_label == "events"}
    # What an editor works on, from each module of events/admin/ (articles, events, gazetteer, calendar).
    assert {"Issue", "Article", "Import", "Event", "Thread", "Actor", "Country", "Topic", "Organization",
            "CalendarDay", "VolumeCalendar"} <= registered
    # The derived tables (happenings and their tallies) and the job queue have no editors' admin.
    assert not registered & {"Happening", "HappeningDirty", "HappeningTally"}
    assert {module.__name__.rsplit(".", 1)[1] for module in _family_modules(events.admin)} == {
        "base", "filters", "articles", "events", "gazetteer", "calendar"}
