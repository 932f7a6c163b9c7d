"""API pieces every app uses for attached documents: the files a request carries, how one reads."""

from typing import Any

from django.urls import reverse
from rest_framework import serializers
from rest_framework.request import Request


def request_files(request: Request, name: str = "documents") -> list[Any]:
    """The files uploaded under `name`; none for a JSON body."""
    return request.FILES.getlist(name) if hasattr(request, "FILES") else []


class DocumentSerializer(serializers.Serializer):
    """An attached file; `url` downloads it for whoever may see its owner."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    type = serializers.CharField(source="type_label", read_only=True)
    size = serializers.IntegerField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, document: Any) -> str:
        url_name, owner = self.context["document_url"]
        path = reverse(url_name, args=[owner(document), document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()
