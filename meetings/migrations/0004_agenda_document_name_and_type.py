# Agenda documents take the shared document shape: the original file name, the MIME type in
# content_type, and the short type label ("PDF") in type_label, where content_type used to hold it.

import posixpath

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import council.files.uploads

# The label -> MIME type table as it stood when this migration was written, frozen so that later
# changes to the accepted types do not change what this migration does.
MIMETYPES = {
    "PDF": "application/pdf",
    "HWP": "application/x-hwp",
    "HWPX": "application/hwp+zip",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "PPTX": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
UNKNOWN_MIMETYPE = "application/octet-stream"


def original_name(title, stored):
    """The name a download was offered under so far: the title with the stored file's extension."""
    basename = posixpath.basename(stored or "")
    extension = posixpath.splitext(basename)[1]
    if not title:
        return basename or "file"
    if not extension or title.lower().endswith(extension.lower()):
        return title
    return f"{title}{extension}"


def fill_name_and_type(apps, schema_editor):
    AgendaDocument = apps.get_model("meetings", "AgendaDocument")
    documents = []
    for document in AgendaDocument.objects.only("id", "title", "file", "content_type").iterator(chunk_size=500):
        label = document.content_type
        document.type_label = label[:10]
        document.content_type = MIMETYPES.get(label.upper(), UNKNOWN_MIMETYPE)
        document.name = original_name(document.title, document.file.name)[:255]
        documents.append(document)
    AgendaDocument.objects.bulk_update(documents, ["name", "type_label", "content_type"], batch_size=500)


def restore_label(apps, schema_editor):
    """Going back, content_type holds the label again."""
    AgendaDocument = apps.get_model("meetings", "AgendaDocument")
    AgendaDocument.objects.update(content_type=models.F("type_label"))


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_search_trigram_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='agendadocument',
            name='name',
            field=models.CharField(default='', max_length=255, verbose_name='file name'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='agendadocument',
            name='type_label',
            field=models.CharField(default='', max_length=10, verbose_name='file type'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='agendadocument',
            name='content_type',
            field=models.CharField(max_length=120, verbose_name='content type'),
        ),
        migrations.AlterField(
            model_name='agendadocument',
            name='file',
            field=models.FileField(max_length=300, upload_to=council.files.uploads.upload_to, verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='agendadocument',
            name='size',
            field=models.PositiveBigIntegerField(verbose_name='size in bytes'),
        ),
        migrations.AlterField(
            model_name='agendadocument',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by'),
        ),
        migrations.RunPython(fill_name_and_type, restore_label, elidable=True),
    ]
