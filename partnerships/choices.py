"""Fixed vocabularies. Codes are stored and filtered on; labels are translated by gettext."""

from django.utils.translation import gettext_lazy as _

PARTNERSHIP_KINDS = [
    ("strategic-agreement", _("Strategic cooperation agreement")),
    ("joint-college", _("Joint college")),
    ("exchange-programme", _("Exchange programme")),
    ("joint-programme", _("Joint degree or training programme")),
    ("memorandum", _("Memorandum of understanding")),
]

PARTNERSHIP_STATUSES = [
    ("negotiating", _("Under negotiation")),
    ("active", _("Active")),
    ("suspended", _("Suspended")),
    ("ended", _("Ended")),
]

COOPERATION_AREAS = [
    ("technical-exchange", _("Technical exchanges")),
    ("visits", _("Teacher and student visits")),
    ("joint-training", _("Joint training")),
    ("joint-courses", _("Joint courses")),
    ("research", _("Joint research")),
    ("staff-training", _("Training for enterprise staff")),
    ("culture", _("Cultural exchange")),
]

DELIVERY_MODES = [
    ("online", _("Online")),
    ("on-site", _("On site")),
    ("blended", _("Blended")),
]

SUBJECT_AREAS = [
    ("emergency-management", _("Emergency management")),
    ("network-security", _("Network security")),
    ("intelligent-technology", _("Intelligent technology application")),
    ("disaster-reduction", _("Disaster reduction")),
    ("chinese-culture", _("Chinese language and culture")),
    ("vocational-skills", _("Vocational skills")),
]

AUDIENCES = [
    ("partner-students", _("Students of partner institutions")),
    ("partner-staff", _("Teachers and staff of partner institutions")),
    ("enterprise-staff", _("Staff of Chinese-funded enterprises abroad")),
    ("own-students", _("The college's own students")),
    ("public", _("The public")),
]

INSTRUCTION_LANGUAGES = [
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
]

PHASE_STATUSES = [
    ("announced", _("Announced")),
    ("in-progress", _("In progress")),
    ("completed", _("Completed")),
]
