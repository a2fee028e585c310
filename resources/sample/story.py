"""The sample pack's story: a fictional diagnostic-scanning contract in a fictional city.

Every name is invented. The documents are written so the product shows its worth:
- the board paper dates Meridian's purchase of Castlegate Diagnostics to 2013, the council
  minutes to 2014 (a date on which two sources disagree);
- the board paper values the contract at £80 million, the minutes at £87m (an amount);
- a news article published in February 2016 says the contract was "recently" awarded, when
  it was awarded in January 2015 (a vague reference thirteen months stale);
- an earlier article expects a decision "in late 2014" (a range, not a day);
- the schedule is a password-protected PDF, which import must refuse clearly;
- the signed letter is a scanned page with no text layer: import reads it by OCR, and its
  sentence confirming the award month is cited (through OCR's misreadings).
"""

from __future__ import annotations

BOARD_TITLE = "Governing Body Meeting in Public: Diagnostic Imaging Procurement"
BOARD_AUTHOR = "Northfield Clinical Commissioning Group"
BOARD_DATE = "2015-03-12"
BOARD_PAGES = [
    [
        "NORTHFIELD CLINICAL COMMISSIONING GROUP",
        "Governing Body Meeting in Public, 12 March 2015",
        "Agenda item 7: Diagnostic Imaging Procurement - award and mobilisation",
        "",
        "Purpose of the report",
        "This paper informs the Governing Body of the outcome of the procurement of community "
        "diagnostic imaging services (MRI and CT) for the Northfield and Wyvern area, and asks "
        "members to note the mobilisation plan and the risks that remain open.",
        "",
        "Recommendation",
        "The Governing Body is asked to note the award of the contract and to approve the "
        "quarterly reporting arrangements set out in section 6.",
    ],
    [
        "1. Background",
        "Demand for MRI and CT scans in Northfield has grown by around 9% a year since 2011. "
        "Patients currently wait an average of five weeks for a routine MRI scan, against the "
        "national standard of six weeks, and the two scanners at Northfield General Hospital "
        "are more than ten years old.",
        "The procurement was advertised in the Official Journal on 2 June 2014. Eleven "
        "organisations expressed an interest and four submitted final bids by 19 September "
        "2014.",
        "",
        "2. Outcome of the procurement",
        "Following evaluation and moderation, the CCG awarded the diagnostic imaging contract "
        "to Meridian Imaging Ltd in January 2015. The ten-year contract is valued at £80 "
        "million and includes the replacement of both scanners and a new mobile CT unit "
        "serving Wyvern Community Hospital two days a week.",
        "Meridian Imaging Ltd completed its acquisition of Castlegate Diagnostics in 2013, "
        "which gives it an existing workforce of 46 radiographers in the region.",
    ],
    [
        "3. Quality and performance",
        "The contract requires 95% of routine scans to be reported within 14 days and 100% of "
        "urgent cancer referrals within 48 hours. Performance will be reported to the Quality "
        "Committee every quarter, starting in the first quarter of 2015/16.",
        "",
        "4. Financial implications",
        "The annual contract value of £8 million is contained within the CCG's financial plan "
        "for 2015/16. Any activity above the indicative volumes is paid at the national tariff.",
        "",
        "5. Risks",
        "The main risk is the transfer of 23 NHS staff to Meridian Imaging Ltd under TUPE. "
        "Staff-side representatives have asked for assurance on pensions. A full equality "
        "impact assessment will be completed by June 2015.",
        "",
        "6. Reporting",
        "Quarterly reports will come to the Governing Body in public. The next report is due "
        "in September 2015.",
    ],
]

MINUTES_TITLE = "Health Scrutiny Committee: Minutes of the meeting held on 24 June 2015"
MINUTES_AUTHOR = "Northfield City Council"
MINUTES_DATE = "2015-06-30"
MINUTES_PAGES = [
    [
        "NORTHFIELD CITY COUNCIL",
        "HEALTH SCRUTINY COMMITTEE",
        "Minutes of the meeting held on Wednesday 24 June 2015 at the Council House",
        "",
        "Present: Councillor A. Okafor (Chair), Councillors B. Hughes, C. Patel, D. Whitfield "
        "and E. Lindqvist.",
        "",
        "12. Community diagnostic imaging contract",
        "The Director of Commissioning of Northfield CCG introduced the report. She explained "
        "that the new provider, Meridian Imaging Ltd, had taken over the service on 1 April "
        "2015 and that both replacement scanners would be installed by the end of 2015.",
    ],
    [
        "Members asked about the company's history in the region. The Director confirmed that "
        "Meridian Imaging completed its purchase of Castlegate Diagnostics in 2014, and that "
        "the Castlegate name would no longer be used.",
        "Councillor Hughes asked about value for money. The Director said that Meridian would "
        "invest £87m over the life of the contract, including the mobile CT unit.",
        "Councillor Patel asked whether the 23 transferring staff had been given assurances on "
        "pensions. The Director undertook to provide a written answer.",
        "",
        "RESOLVED: that the Committee (a) notes the report, (b) requests a written answer on "
        "staff pensions within 28 days, and (c) asks for a further report in January 2016.",
    ],
]

EARLY_ARTICLE = {
    "file": "gazette-2014-11-scanning-bids.html",
    "site": "Northfield Gazette",
    "title": "Four firms bid for Northfield scanning contract",
    "author": "Priya Raman",
    "published": "2014-11-04",
    "url": "https://www.northfield-gazette.example/news/2014/11/04/scanning-bids",
    "paragraphs": [
        "Four companies are competing to run MRI and CT scanning for Northfield and Wyvern, "
        "the Gazette has learned.",
        "Northfield Clinical Commissioning Group said final bids closed in September and that "
        "a decision is expected in late 2014.",
        "Campaigners from Keep Northfield Scanning said patients had not been consulted. "
        "\"Nobody has asked people in Wyvern whether they want a mobile unit in a car park,\" "
        "said the group's chair, Tom Ashby.",
        "The CCG said the new contract would cut waiting times and replace scanners that are "
        "more than ten years old.",
    ],
}

LATE_ARTICLE = {
    "file": "gazette-2016-02-scanning-waits.html",
    "site": "Northfield Gazette",
    "title": "Scanning waits grow despite new contract",
    "author": "Priya Raman",
    "published": "2016-02-10",
    "url": "https://www.northfield-gazette.example/news/2016/02/10/scanning-waits",
    "paragraphs": [
        "Patients in Northfield are waiting longer for MRI scans than a year ago, figures "
        "obtained by the Gazette show.",
        "The clinical commissioning group recently awarded the diagnostic imaging contract to "
        "Meridian Imaging Ltd, which promised to cut waits to under four weeks.",
        "But the average wait for a routine MRI scan rose to seven weeks in December, and only "
        "one of the two replacement scanners has been installed.",
        "A Meridian spokesperson said the second scanner would be in place by the spring. "
        "The CCG said it was \"monitoring performance closely\" and would report to its "
        "governing body next month.",
    ],
}

SCHEDULE_TITLE = "Contract Schedule 4: Pricing (commercial in confidence)"
SCHEDULE_PASSWORD = "northfield"
SCHEDULE_PAGES = [["Schedule 4: Pricing. Commercial in confidence."]]

LETTER_TITLE = "Signed letter from the Chief Officer (scanned)"

CLAIMS = [
    {
        "statement": "Northfield CCG awarded the diagnostic imaging contract to Meridian "
                     "Imaging Ltd in January 2015.",
        "date": "January 2015",
        "tags": ["contract"],
        "status": "checked",
        "questions": "Why did the February 2016 Gazette describe the award as recent?",
        "citations": [
            ("board", 2, "the CCG awarded the diagnostic imaging contract to Meridian Imaging "
                         "Ltd in January 2015"),
            ("late", 1, "recently awarded the diagnostic imaging contract to Meridian "
                        "Imaging Ltd"),
            ("letter", 1, "I confirm that the award to Meridian Imaging Ltd was approved in "
                          "January 2015"),
        ],
    },
    {
        "statement": "Meridian Imaging completed its purchase of Castlegate Diagnostics.",
        "date": None,
        "tags": ["company"],
        "status": "disputed",
        "questions": "In which year did Meridian complete the purchase of Castlegate "
                     "Diagnostics, and was it disclosed during the procurement?",
        "citations": [
            ("board", 2, "Meridian Imaging Ltd completed its acquisition of Castlegate "
                         "Diagnostics in 2013"),
            ("minutes", 2, "Meridian Imaging completed its purchase of Castlegate Diagnostics "
                           "in 2014"),
        ],
    },
    {
        "statement": "The ten-year contract is worth £80 million.",
        "date": "January 2015",
        "tags": ["contract", "money"],
        "status": "draft",
        "questions": "Is the contract worth £80 million or £87 million, and what does the "
                     "difference cover?",
        "citations": [
            ("board", 2, "The ten-year contract is valued at £80 million"),
            ("minutes", 2, "Meridian would invest £87m over the life of the contract"),
        ],
    },
    {
        "statement": "Final bids for the contract closed in September 2014.",
        "date": "September 2014",
        "tags": ["procurement"],
        "status": "checked",
        "questions": "",
        "citations": [
            ("board", 2, "four submitted final bids by 19 September 2014"),
            ("early", 1, "final bids closed in September"),
        ],
    },
    {
        "statement": "A decision on the award was expected in late 2014.",
        "date": "late 2014",
        "tags": ["procurement"],
        "status": "draft",
        "questions": "Why did the award slip from late 2014 to January 2015?",
        "citations": [("early", 1, "a decision is expected in late 2014")],
    },
    {
        "statement": "Meridian took over the service on 1 April 2015.",
        "date": "2015-04-01",
        "tags": ["mobilisation"],
        "status": "checked",
        "questions": "",
        "citations": [("minutes", 1, "had taken over the service on 1 April 2015")],
    },
    {
        "statement": "23 NHS staff transfer to Meridian under TUPE; pension assurances are "
                     "outstanding.",
        "date": None,
        "tags": ["staff"],
        "status": "draft",
        "questions": "Has the written answer on staff pensions been provided?",
        "citations": [
            ("board", 3, "the transfer of 23 NHS staff to Meridian Imaging Ltd under TUPE"),
            ("minutes", 2, "The Director undertook to provide a written answer."),
        ],
    },
]

# The text drawn on the scanned letter's page image: it has no text layer, so import reads
# it by OCR.
LETTER_LINES = [
    "Northfield Clinical Commissioning Group",
    "Dear Councillor Okafor,",
    "Thank you for your letter about the diagnostic imaging contract.",
    "I confirm that the award to Meridian Imaging Ltd was approved in January 2015.",
    "Yours sincerely, Chief Officer",
]

BRIEFING_TITLE = "Northfield diagnostic imaging contract"
BRIEFING_SUBTITLE = "Evidence for the Health Scrutiny Committee"
BRIEFING_SUMMARY = (
    "Northfield CCG awarded a ten-year diagnostic imaging contract to Meridian Imaging Ltd in "
    "January 2015, after a decision expected in late 2014 slipped. The papers disagree on what "
    "the contract is worth (£80 million in the board paper, £87m in the council minutes) and "
    "on when Meridian bought Castlegate Diagnostics (2013 or 2014). A February 2016 news report "
    "still called the award recent. Pension assurances for 23 transferring staff remain "
    "outstanding."
)
