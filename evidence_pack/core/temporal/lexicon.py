"""Words that name or qualify times, and the numbers written as words."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": 4, "final": 4,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
    "couple": 2, "dozen": 12,
}
# Numbers we cannot count: "several years" is PXY in TIMEX3.
VAGUE_COUNTS = {"several", "few", "a few", "many", "some", "numerous", "recent", "coming",
                "past", "last", "next"}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W2",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
TIME_UNITS = {"S", "M", "H"}  # P T... in ISO 8601 durations when the unit is below a day
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI"}
MODIFIERS = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "dawn": "START", "mid": "MID", "middle": "MID", "late": "END", "later": "END",
    "end": "END", "close": "END", "turn": "END",
}
APPROX = {"about", "around", "approximately", "roughly", "circa", "c.", "some", "nearly",
          "almost", "up to"}
HOLIDAYS = {  # fixed-date ones only; Easter moves
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
    "valentine's day": (2, 14), "halloween": (10, 31), "bonfire night": (11, 5),
    "independence day": (7, 4),
}
# Vague references: TIMEX3 value and the interval we give them, in months before and after
# the document's date (None for open-ended). Documented in the README.
VAGUE = {
    "recently": ("PAST_REF", 12, 0), "recent": ("PAST_REF", 12, 0),
    "lately": ("PAST_REF", 12, 0), "of late": ("PAST_REF", 12, 0),
    "in recent years": ("PAST_REF", 60, 0), "recent years": ("PAST_REF", 60, 0),
    # TimeML marks "recent months" and "recent weeks" as spans of time (PXM, PXW)
    "in recent months": ("PXM", 6, 0), "recent months": ("PXM", 6, 0),
    "in recent weeks": ("PXW", 2, 0), "recent weeks": ("PXW", 2, 0),
    "recent days": ("PAST_REF", 1, 0), "in recent days": ("PAST_REF", 1, 0),
    "in the past": ("PAST_REF", None, 0), "the past": ("PAST_REF", None, 0),
    "now": ("PRESENT_REF", 0, 0), "currently": ("PRESENT_REF", 0, 0),
    "current": ("PRESENT_REF", 0, 0), "at present": ("PRESENT_REF", 0, 0),
    "presently": ("PRESENT_REF", 0, 0), "at the moment": ("PRESENT_REF", 0, 0),
    "nowadays": ("PRESENT_REF", 0, 0), "these days": ("PRESENT_REF", 0, 0),
    # ("to date" is not here: like "so far", it bounds a span at the DCT rather than naming
    # a time, and TimeML leaves it unmarked; "the year to date" is no year either)
    "at this time": ("PRESENT_REF", 0, 0), "right now": ("PRESENT_REF", 0, 0),
    "soon": ("FUTURE_REF", 0, 6), "shortly": ("FUTURE_REF", 0, 3),
    "in the near future": ("FUTURE_REF", 0, 12), "in the coming months": ("FUTURE_REF", 0, 12),
    "in the coming weeks": ("FUTURE_REF", 0, 2), "in the coming years": ("FUTURE_REF", 0, 60),
    "the future": ("FUTURE_REF", 0, None), "in future": ("FUTURE_REF", 0, None),
    "in the future": ("FUTURE_REF", 0, None), "the near future": ("FUTURE_REF", 0, 12),
    "the foreseeable future": ("FUTURE_REF", 0, None),
    "the immediate future": ("FUTURE_REF", 0, 3),
    "coming days": ("FUTURE_REF", 0, 1), "coming weeks": ("FUTURE_REF", 0, 2),
    "coming months": ("FUTURE_REF", 0, 12), "coming quarters": ("FUTURE_REF", 0, 12),
    "coming years": ("FUTURE_REF", 0, 60),
    "the near term": ("FUTURE_REF", 0, 12), "the short term": ("FUTURE_REF", 0, 12),
    "a later date": ("FUTURE_REF", 0, None), "future years": ("FUTURE_REF", 0, None),
    # an earlier time the text does not date, opening a sentence ("Previously, the company
    # advertised"); not "the previously announced plan" (relative_rules.vague)
    "previously": ("PAST_REF", None, 0),
    # TimeML marks "the weeks ahead" as a span of some weeks
    "the days ahead": ("PXD", 0, 1), "the weeks ahead": ("PXW", 0, 2),
    "the months ahead": ("PXM", 0, 12), "the years ahead": ("PXY", 0, 60),
}
# ("next" is not among them: "next week" is an expression of its own, "next to" a place)
FUTURE_CUES = ("will", "'ll", "shall", "going to", "expected to", "expects to", "plans to",
               "planned for", "plan to", "scheduled", "due to", "is due", "are due", "aims to",
               "intends to", "upcoming", "forthcoming", "will be", "won't", "planning",
               "set to", "is to", "are to", "planned", "planning", "plans", "as soon as",
               "as early as", "would be", "is scheduled", "are scheduled", "is expected",
               "are expected", "expected in", "expected by", "on track to", "poised to")
# Makers whose vehicles are named by model year: "a 2020 Hyundai Tucson" names a car, not a
# date (rules.year)
VEHICLE_MAKES = (
    "Acura", "Alfa Romeo", "Aston Martin", "Audi", "Bentley", "BMW", "Buick", "Cadillac",
    "Chevrolet", "Chevy", "Chrysler", "Citroen", "Citroën", "Dacia", "Dodge", "Ferrari", "Fiat",
    "Ford", "Freightliner", "GMC", "Harley-Davidson", "Honda", "Hummer", "Hyundai", "Infiniti",
    "Isuzu", "Jaguar", "Jeep", "Kawasaki", "Kenworth", "Kia", "Lamborghini", "Land Rover",
    "Lexus", "Lincoln", "Maserati", "Mazda", "Mercedes", "Mercedes-Benz", "Mercury", "Mini",
    "Mitsubishi", "Nissan", "Oldsmobile", "Opel", "Peterbilt", "Peugeot", "Plymouth", "Polestar",
    "Pontiac", "Porsche", "Ram", "Range Rover", "Renault", "Rivian", "Saab", "Saturn", "Seat",
    "Skoda", "Škoda", "Subaru", "Suzuki", "Tesla", "Toyota", "Vauxhall", "Volkswagen", "Volvo",
    "VW", "Yamaha",
)
