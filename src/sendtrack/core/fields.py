"""A column holding one code of a closed list that grows with the code: audit verbs, job kinds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    CharField = models.CharField[str, str]
else:
    CharField = models.CharField


class CodeField(CharField):
    """One of `codes`' values, checked when a row is written rather than listed as the column's choices.

    Django puts a field's choices into its migrations, so a list that gains a member with each new
    feature would need a migration every time, each repeating the whole list. Here the list lives
    only in `codes`: writing any other value raises ValueError, `get_<name>_display()` gives the
    label (or the stored value, for a code since retired), and the migrations see a plain CharField.
    """

    def __init__(self, *args: Any, codes: type[models.TextChoices], **kwargs: Any) -> None:
        self.codes = codes
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def clone(self) -> CodeField:
        _name, _path, args, kwargs = self.deconstruct()
        return self.__class__(*args, codes=self.codes, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        self.codes(value)
        return value

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only)
        labels = dict(self.codes.choices)
        attname = self.attname

        def display(instance: models.Model) -> str:
            value = getattr(instance, attname)
            return str(labels.get(value, value))

        setattr(cls, f"get_{name}_display", display)
