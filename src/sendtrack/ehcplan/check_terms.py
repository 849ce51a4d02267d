"""The words the plan checks look for, the sources they cite, and each check's plain-English name.

Pure data, no Django. Phrase lists are lower case; a phrase matches at the start of a word, so
"regular" also finds "regularly".
"""

from __future__ import annotations

import re

REG_12 = "SEND Regulations 2014, reg. 12(1)"
CODE_9_62 = "SEND Code of Practice 2015, para. 9.62"
CODE_9_66 = "SEND Code of Practice 2015, paras. 9.64 to 9.66"
CODE_9_69 = "SEND Code of Practice 2015, para. 9.69"
EX_P_E = (
    "R v Secretary of State for Education, ex p E [1992] 1 FLR 377; DfE national template's golden thread"
)
S21_5 = "Children and Families Act 2014, s.21(5)"
LIVERPOOL = "Liverpool area SEND inspection letter, January 2019"
REG_12_3 = "SEND Regulations 2014, reg. 12(3)"
OUT_OF_DATE = "Area SEND inspection reports 2023-2025 (plans out of date); CFA 2014 s.44 (annual review)"
CONFIRMED = "Essex area SEND inspection, January 2026; reg. 12(2) (G agreed by the commissioning body)"

VAGUE_PHRASES = (
    "access to",
    "opportunities to",
    "opportunity to",
    "regular",
    "as appropriate",
    "as required",
    "when needed",
    "would benefit from",
)
EDUCATES_OR_TRAINS = (
    "speech and language therapy",
    "speech and language therapist",
    "salt",
    "occupational therapy",
    "occupational therapist",
    "teaching",
    "to teach",
    "skills",
    "programme to develop",
)
HEALTH_PROFESSIONALS = (
    "paediatrician",
    "nurse",
    "doctor",
    "general practitioner",
    "camhs",
    "consultant",
    "health visitor",
    "physiotherapist",
    "health",
)
EDUCATION_RESPONSIBILITIES = (
    "curriculum",
    "attainment",
    "academic",
    "learning potential",
    "progress in learning",
)
PREPARATION_FOR_ADULTHOOD = (
    "adulthood",
    "employment",
    "paid work",
    "independent living",
    "live independently",
    "independent travel",
    "travel independently",
    "college",
    "community",
    "friends and relationships",
    "supported internship",
)
TIME_BOUND = re.compile(
    r"\bby (the end of |the |)(year \d+|key stage \d|ks\d|term|spring|summer|autumn|(january|february|march|"
    r"april|may|june|july|august|september|october|november|december)( \d{4})?|\d{4}|age \d+|the time)"
    r"|\bwithin \d+ (weeks|months|terms)",
    re.IGNORECASE,
)
MEASURABLE = re.compile(
    r"\d|\bwill (be able to|independently|consistently|read|write|use|say|name|count|travel|manage|"
    r"ask|follow|dress|choose|tell|identify|complete|attend)",
    re.IGNORECASE,
)
KEY_STAGE = re.compile(r"\b(?:key stage|ks) ?(\d)\b", re.IGNORECASE)


CHECK_LABELS = {
    "missing_section": "A section is missing",
    "sections_merged": "Sections are merged",
    "need_without_provision": "A need has no provision",
    "provision_without_outcome": "Provision serves no outcome",
    "outcome_without_need": "An outcome answers no need",
    "provision_not_quantified": "Provision is not quantified",
    "vague_wording": "Vague wording",
    "educates_or_trains_outside_f": "Provision that educates or trains is outside Section F",
    "health_responsible_for_education": "Health is made responsible for education",
    "outcome_not_measurable": "An outcome is not time-bound or measurable",
    "no_preparation_for_adulthood": "No preparation for adulthood from Year 9",
    "plan_out_of_date": "The plan is out of date",
    "issued_before_agencies_confirmed": "Issued before the agencies confirmed",
    "council_phrase": "Wording the council's standard does not accept",
    "council_required_field": "A field the council's standard requires is empty",
}
