from rest_framework import serializers

from council.models import Council


class CouncilSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:council-detail")

    class Meta:
        model = Council
        fields = [
            "id",
            "url",
            "name",
            "name_en",
            "short_name",
            "slug",
            "parent",
            "region",
            "description",
            "established_on",
            "is_public",
            "is_active",
        ]
