"""How stored answers and changes are named: which models a reader can see, and the tag of a row."""

ALL = "*"
SET = "set"
# `p:<translation key>`: an answer that shows a page's neighbours (previous, next), marked when a
# page appears, moves or goes next to it (invalidation.register_neighbours); its summaries are not.
NEIGHBOURS = "p:"

# Models whose rows never change what the delivery API shows.
IGNORED = {
    ("home", "viewcount"),
    ("home", "storedanswer"),
    ("home", "storedanswertag"),
    ("home", "contentversion"),
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "referenceindex"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailsearch", "indexentry"),
    ("wagtailimages", "rendition"),
    ("wagtail_localize", "translationlog"),
    ("wagtail_localize", "segmentoverride"),
}
# The libraries' apps whose rows answers show; each content app adds itself (`watch_app`).
WATCHED_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs", "wagtail_localize"}
# Changes to these can alter what any answer shows (which branches are visible, the locales).
GLOBAL_MODELS = {
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtail_localize.localesynchronization",
}
# Fields a draft save writes on a page or snippet: saving only these changes nothing a reader sees.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def watch_app(label):
    """Changes to the rows of app `label` can change an answer: each app whose models the delivery
    API shows calls this from its `ready()`."""
    WATCHED_APPS.add(label)


def watched(model):
    """Whether a change to `model`'s rows can change an answer."""
    meta = model._meta
    return meta.app_label in WATCHED_APPS and (meta.app_label, meta.model_name) not in IGNORED


def tagged(model):
    """Whether loading `model`'s rows makes a tag: what is watched, except the models whose
    changes mark every answer or are traced to another object."""
    meta = model._meta
    return watched(model) and meta.label_lower not in GLOBAL_MODELS and meta.app_label != "wagtail_localize"


def instance_tag(instance):
    meta = instance._meta
    values = instance.__dict__
    translation_key = values.get("translation_key")
    if translation_key is not None:
        return f"t:{translation_key}"
    pk = values.get(meta.pk.attname)
    return None if pk is None else f"{meta.label_lower}:{pk}"
