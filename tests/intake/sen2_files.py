"""SEN2 returns written by hand for the import tests."""

from __future__ import annotations

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>SEN2</Collection><Year>2026</Year><ReferenceDate>2026-01-15</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>999</LEA><SoftwareCode>other</SoftwareCode><Release>1</Release>
      <SerialNo>001</SerialNo><DateTime>2026-01-20T10:00:00</DateTime><DMO>Y</DMO><DCO>Y</DCO><DSCO>Y</DSCO></Source>
  </Header>
  <Persons>
"""
FOOTER = """  </Persons>
</Message>
"""

# Ann: a plan made in 2019 (H: decided before the period, no request date given) that ceased in
# March 2025; a second request in June 2025 whose plan was issued late with a Week20 exception,
# now maintained, with a move to secondary school in September 2026.
ANN = """    <Person>
      <Surname>Lee</Surname><Forename>Ann</Forename><PersonBirthDate>2015-02-10</PersonBirthDate>
      <Sex>F</Sex><Ethnicity>WBRI</Ethnicity><PostCode>NB1 2AA</PostCode><UPN>A123456789012</UPN>
      <Requests>
        <RequestOutcome>H</RequestOutcome>
        <Assessment>
          <AssessmentOutcome>H</AssessmentOutcome>
          <NamedPlan>
            <StartDate>2019-05-10</StartDate>
            <PlanDetail><URN>100001</URN><PlacementRank>1</PlacementRank></PlanDetail>
            <PB>0</PB><CeaseDate>2025-03-31</CeaseDate><CeaseReason>2</CeaseReason>
          </NamedPlan>
        </Assessment>
      </Requests>
      <Requests>
        <ReceivedDate>2025-06-02</ReceivedDate><RequestSource>2</RequestSource><RYA>0</RYA>
        <RequestOutcomeDate>2025-07-10</RequestOutcomeDate><RequestOutcome>Y</RequestOutcome>
        <RequestMediation>0</RequestMediation><RequestTribunal>0</RequestTribunal>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome><AssessmentOutcomeDate>2025-11-14</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation><AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>1</OtherMediation><OtherTribunal>0</OtherTribunal><Week20>1</Week20>
          <NamedPlan>
            <StartDate>2025-11-14</StartDate>
            <PlanDetail><URN>100002</URN><PlacementRank>1</PlacementRank></PlanDetail>
            <PB>1</PB>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail><URN>100002</URN><PlacementRank>1</PlacementRank>
            <SENunitIndicator>0</SENunitIndicator><ResourcedProvisionIndicator>1</ResourcedProvisionIndicator></PlacementDetail>
          <SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
          <SENneed><SENtype>SLCN</SENtype><SENtypeRank>2</SENtypeRank></SENneed>
          <PhaseTransferDueDate>2026-02-14</PhaseTransferDueDate>
        </ActivePlans>
      </Requests>
    </Person>
"""

# Ben: a request received in 2025 and refused.
BEN = """    <Person>
      <Surname>Shah</Surname><Forename>Ben</Forename><PersonBirthDate>2018-09-01</PersonBirthDate>
      <Sex>M</Sex><Ethnicity>APKN</Ethnicity><UPN>B123456789012</UPN>
      <Requests>
        <ReceivedDate>2025-03-03</ReceivedDate><RequestSource>1</RequestSource><RYA>0</RYA>
        <RequestOutcomeDate>2025-04-28</RequestOutcomeDate><RequestOutcome>N</RequestOutcome>
        <RequestMediation>1</RequestMediation><RequestTribunal>0</RequestTribunal>
      </Requests>
    </Person>
"""


def sen2_file(*persons: str) -> bytes:
    return (HEADER + "".join(persons) + FOOTER).encode()
