"""Councils and their working groups: one level deep, as far as a role on a council reaches."""

import pytest
from django.core.exceptions import ValidationError

from council import services
from tests.council.factories import CouncilFactory


def test_a_working_group_sits_under_a_top_level_council(root, anyang):
    group = services.council_create(
        actor=root, name="안양 실무협의회", short_name="안양 실무", slug="anyang-wg"
    )
    services.council_update(actor=root, council=group, parent=anyang)
    group.refresh_from_db()
    assert group.parent == anyang


def test_a_council_is_not_placed_under_a_working_group_or_itself(root, anyang):
    group = CouncilFactory(parent=anyang)
    other = CouncilFactory()
    with pytest.raises(ValidationError) as under_group:
        services.council_update(actor=root, council=other, parent=group)
    assert "parent" in under_group.value.message_dict
    with pytest.raises(ValidationError) as under_itself:
        services.council_update(actor=root, council=other, parent=other)
    assert "parent" in under_itself.value.message_dict


def test_a_council_with_working_groups_does_not_become_one(root, anyang, busan):
    CouncilFactory(parent=anyang)
    with pytest.raises(ValidationError) as moved:
        services.council_update(actor=root, council=anyang, parent=busan)
    assert "parent" in moved.value.message_dict
    anyang.refresh_from_db()
    assert anyang.parent is None
