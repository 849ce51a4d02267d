"""Code lists of the SEN2 return that case records carry (SEN2 notes §2.3, §2.6). Pure data.

The case file, the casework forms, the export and the KPI breakdowns all read them from here.
"""

from __future__ import annotations

from types import MappingProxyType

# CBDS ethnicity codes (main list) in the words of the DfE's published breakdowns.
ETHNICITY_NAMES = MappingProxyType(
    {
        "WBRI": "White - White British",
        "WIRI": "White - Irish",
        "WIRT": "White - Traveller of Irish heritage",
        "WROM": "White - Gypsy/Roma",
        "WOTH": "White - Any other White background",
        "MWBC": "Mixed - White and Black Caribbean",
        "MWBA": "Mixed - White and Black African",
        "MWAS": "Mixed - White and Asian",
        "MOTH": "Mixed - Any other Mixed background",
        "AIND": "Asian - Indian",
        "APKN": "Asian - Pakistani",
        "ABAN": "Asian - Bangladeshi",
        "CHNE": "Asian - Chinese",
        "AOTH": "Asian - Any other Asian background",
        "BCRB": "Black - Black Caribbean",
        "BAFR": "Black - Black African",
        "BOTH": "Black - Any other Black background",
        "OOTH": "Any other ethnic group",
    }
)
ETHNICITY_CHOICES = [
    *ETHNICITY_NAMES.items(),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
]

UPN_UNKNOWN_CHOICES = [
    ("UN1", "Under 6 and not yet given a UPN"),
    ("UN2", "Never attended a state school in England"),
    ("UN3", "Educated outside England"),
    ("UN5", "Sources disagree (for example a duplicate UPN)"),
    ("UN8", "New to the area in the last week of the period"),
    ("UN9", "Young person never in an English state school or college"),
    ("UN10", "Request ended with no further action before the UPN or ULN was known"),
]

CEASE_REASON_CHOICES = [
    ("1", "Reached the maximum age"),
    ("2", "Needs met without a plan"),
    ("3", "Moved on to higher education"),
    ("4", "Moved on to paid employment"),
    ("5", "Transferred to another local authority in England"),
    ("6", "Young person no longer wishes to engage in education or training"),
    ("7", "Moved outside England"),
    ("8", "Died"),
    ("9", "Other"),
]

RESIDENTIAL_CHOICES = [("A", "Residential, 38 to 51 weeks a year"), ("B", "Residential, 52 weeks a year")]
