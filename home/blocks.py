"""Body blocks shared by every kind of page. Declared once; news and partnerships reuse them."""

from pathlib import PurePath

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock

from home.images import BODY_FILTERS, serialize_image

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its alt text (or a decorative flag), a caption and a credit."""

    image = ImageBlock(
        label=_("Image"),
        help_text=_(
            "Describe what the photo shows for readers who cannot see it, or tick "
            "'decorative' if it adds nothing to the text."
        ),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Caption"),
        help_text=_("Shown under the photo, e.g. 'Picture commentary: the first class ...'."),
    )
    credit = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Photo credit"),
        help_text=_("Who took the photo, if it should be named."),
    )

    class Meta:
        icon = "image"
        label = _("Captioned image")
        # What a collapsed block shows, so the editor can tell one photo from another.
        label_format = "{caption}"

    def get_api_representation(self, value, context=None):
        """The one representation of a captioned photo, in both APIs (and in galleries)."""
        # ImageBlock's value is the Image, carrying the alt text chosen for this use of it.
        image = value.get("image")
        return {
            "image": serialize_image(
                image,
                alt_text=getattr(image, "contextual_alt_text", ""),
                decorative=getattr(image, "decorative", False),
                filters=BODY_FILTERS,
            ),
            "caption": value.get("caption") or "",
            "credit": value.get("credit") or "",
        }


class ImageGalleryBlock(blocks.StructBlock):
    """Several photos shown side by side, with an optional caption for the whole row."""

    images = blocks.ListBlock(
        CaptionedImageBlock(),
        min_num=2,
        max_num=12,
        label=_("Images"),
        help_text=_("From 2 to 12 photos, shown side by side."),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Caption for the row"),
        help_text=_("One caption for all the photos, when they illustrate the same moment."),
    )

    class Meta:
        icon = "image"
        label = _("Row of images")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), help_text=_("The words said, without quotation marks."))
    attribution = blocks.CharBlock(
        required=False, max_length=200, label=_("Attribution"), help_text=_("Who said it, and their role.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video link"),
        help_text=_("The address of the video's page (for example on a video platform)."),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Caption"),
        help_text=_("Optional: a line shown under the video."),
    )

    class Meta:
        icon = "media"
        label = _("Embedded video")


class BodyBlock(blocks.StreamBlock):
    """The body of articles, partnerships and courses."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        help_text=_("Text with headings, lists, links, bold and italic."),
    )
    image = CaptionedImageBlock()
    gallery = ImageGalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()

    class Meta:
        label = _("Body")


class PrinciplesBlock(blocks.StreamBlock):
    principle = blocks.CharBlock(
        max_length=200,
        label=_("Principle"),
        icon="tick",
        help_text=_("One short principle, e.g. 优势互补 (complementary advantages)."),
    )

    class Meta:
        label = _("Guiding principles")


# --- Captions as image titles -------------------------------------------------------------------


def captioned_images(page):
    """(image, caption) for every CaptionedImageBlock in the page's StreamFields, at any depth."""
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for child in getattr(page, field.name):
                yield from _captioned(child.block, child.value)


def _captioned(block, value):
    if isinstance(block, CaptionedImageBlock):
        yield value.get("image"), value.get("caption") or ""
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _captioned(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            yield from _captioned(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _captioned(child.block, child.value)


def has_file_name_title(image):
    """Whether the image is still called after its file, as an upload names it (IMG_0412)."""
    name = PurePath(image.file.name).name
    return image.title in (name, PurePath(name).stem)


def title_images_after_captions(page):
    """Give each image still called after its file the caption it is first used with.

    Captions live in blocks, not on the image, and the image chooser lists and searches images by
    title: "IMG_0412" tells an editor nothing. An image an editor has named keeps its name.
    """
    renamed = set()
    for image, caption in captioned_images(page):
        if image is None or not caption.strip() or image.pk in renamed or not has_file_name_title(image):
            continue
        image.title = caption.strip()[: image._meta.get_field("title").max_length]
        image.save(update_fields=["title"])
        renamed.add(image.pk)
