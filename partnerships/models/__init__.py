from partnerships.models.courses import CoursePage
from partnerships.models.institutions import PartnerInstitution, Person
from partnerships.models.partnerships import PartnershipIndexPage, PartnershipPage

__all__ = [
    "CoursePage",
    "PartnerInstitution",
    "PartnershipIndexPage",
    "PartnershipPage",
    "Person",
]
