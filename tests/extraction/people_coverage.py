"""Where the people gazetteer (actors.json) has gaps: for each state Russia dealt with most, the stretches of
1995-2005 with no head of state, no head of government, no foreign minister or no defence minister on record.

    .venv/bin/python -m tests.extraction.people_coverage            # every gap of a month or more
    .venv/bin/python -m tests.extraction.people_coverage --role fm  # one role only (head, gov, fm, dm)

Used by tests/extraction/test_people_data.py, which holds the gaps left (known and written down) so that a
new gap, or one filled and not struck off, fails.
"""
import argparse
import datetime
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "events" / "extraction" / "data"

# The states Russia dealt with most (issue 11): Europe, the former Soviet states, the Middle East, East, South
# and Southeast Asia, the Americas' main states and the main African partners.
PARTNERS = (
    # former Soviet states
    "RU UA BY MD GE AM AZ KZ UZ TM KG TJ EE LV LT "
    # Europe
    "DE FR GB IT ES PT NL BE LU AT CH IE DK SE NO FI IS PL CZ SK HU RO BG GR CY MT SI HR BA YU MK AL "
    # Middle East and North Africa
    "TR IR IQ SY LB JO IL PS SA KW AE QA BH OM YE EG LY DZ MA TN "
    # Asia
    "CN JP KP KR MN IN PK AF BD LK NP VN LA KH TH MY SG ID PH MM BN TW AU NZ "
    # the Americas
    "US CA MX CU BR AR CL VE CO PE "
    # Africa
    "ZA AO NA NG ET SD"
).split()

# The four roles, by the start of a role's title (an "Acting " is dropped first).
ROLES = {
    "head": ("President", "Leader of", "King", "Queen", "Emperor", "Emir", "Sultan", "Supreme Leader", "Grand Duke",
             "Prince of", "Chairman of the Presidential Council", "Chairman of the Presidency",
             "Chairman of the State", "Head of State", "Chairman of the Interim Administration",
             "Chief Executive", "Governor-General", "Chairman of the National Peace", "Pope",
             "Chairman of the Council of State", "Chairman of the National Transitional Government"),
    "gov": ("Prime Minister", "Premier", "Chancellor", "Chief Executive", "Chairman of the Council of Ministers",
            "Chairman of the Interim Administration", "State Minister of Georgia", "Head of Government",
            "Chief Adviser"),
    "fm": ("Foreign Minister", "Secretary of State", "Foreign Secretary",
           "Minister of Foreign Affairs", "Secretary for Relations with States"),
    "dm": ("Defense Minister", "Secretary of Defense", "Defence Secretary", "Minister of Defence",
           "Defence Minister"),
}
# States where the president heads the government and there is no separate head of government.
PRESIDENTIAL = set("US MX BR AR CL VE CO PE CY AF ID PH KR KP NG AO NA ZA IR CU TW BJ".split()) - {"KR", "KP"}
START, END = datetime.date(1995, 1, 1), datetime.date(2005, 12, 31)


def load_actors():
    return json.loads((DATA / "actors.json").read_text(encoding="utf-8"))


def intervals(actors, code, role):
    """The (start, end) dates of every role of that kind held for the state."""
    prefixes = ROLES[role]
    found = []
    for actor in actors:
        for r in actor["roles"]:
            title = r["title"].removeprefix("Acting ")
            if r["country"] == code and title.startswith(prefixes):
                start = datetime.date.fromisoformat(r["start"])
                end = datetime.date.fromisoformat(r["end"]) if r["end"] else datetime.date(9999, 1, 1)
                found.append((start, end))
    return sorted(found)


def gaps(actors, code, role, min_days=31):
    """The stretches of 1995-2005 of at least min_days with nobody in the role."""
    out = []
    cursor = START
    for start, end in intervals(actors, code, role):
        if start > cursor and (start - cursor).days >= min_days:
            out.append((cursor, min(start, END)))
        cursor = max(cursor, end + datetime.timedelta(days=1))
        if cursor > END:
            break
    if cursor <= END and (END - cursor).days >= min_days:
        out.append((cursor, END))
    return [(a, b) for a, b in out if a <= END]


def report(actors=None, roles=("head", "gov", "fm", "dm"), codes=PARTNERS):
    actors = actors if actors is not None else load_actors()
    table = {}
    for code in codes:
        for role in roles:
            if role == "gov" and code in PRESIDENTIAL:
                continue
            found = gaps(actors, code, role)
            if found:
                table[(code, role)] = found
    return table


# Beyond the partners: states whose president (or monarch, or council) heads the government, with no separate
# head of government in 1995-2005 (for the world-wide coverage figure, where "gov" is not asked of them).
NO_SEPARATE_GOV = PRESIDENTIAL | set(
    "EC BO PY UY CR PA NI HN SV GT DO GH KE BW ZM MW SL LR GM SC MV PW FM MH KI NR TM CH VA ZW UG SR".split())


# States with no defence minister in 1995-2005 (no army, or defence held by another state or ministry).
NO_DEFENCE = set("IS CR PA LI AD MC SM VA KI MH FM NR PW TV WS SB VU TO DM LC VC GD KN MV".split())


def world_coverage(actors=None, codes=None):
    """The share of 1995-2005 days with a holder on record, per role, over every state of countries.json
    ("gov" only where the state has a separate head of government): {role: (covered days, days)}."""
    actors = actors if actors is not None else load_actors()
    if codes is None:
        codes = [c["code"] for c in json.loads((DATA / "countries.json").read_text(encoding="utf-8"))]
    total_days = (END - START).days + 1
    out = {}
    for role in ROLES:
        covered = days = 0
        for code in codes:
            if (role == "gov" and code in NO_SEPARATE_GOV) or (role == "dm" and code in NO_DEFENCE):
                continue
            days += total_days
            covered += total_days - sum((min(b, END + datetime.timedelta(days=1)) - a).days
                                        for a, b in gaps(actors, code, role, min_days=1))
        out[role] = (covered, days)
    return out


def print_world_coverage(codes=None, label="every state of countries.json"):
    table = world_coverage(codes=codes)
    covered = sum(c for c, _ in table.values())
    days = sum(d for _, d in table.values())
    parts = ", ".join(f"{role} {c / d:.1%}" for role, (c, d) in table.items())
    print(f"coverage 1995-2005, {label}: {covered / days:.1%} of state-role-days ({parts})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--role", choices=sorted(ROLES), action="append")
    parser.add_argument("--world", action="store_true", help="the coverage figure over every state, then stop")
    args = parser.parse_args()
    if args.world:
        print_world_coverage()
        print_world_coverage(codes=PARTNERS, label=f"the {len(PARTNERS)} partner states")
        return
    table = report(roles=tuple(args.role or ROLES))
    for (code, role), found in sorted(table.items()):
        days = sum((b - a).days for a, b in found)
        spans = ", ".join(f"{a:%Y-%m}..{b:%Y-%m}" for a, b in found)
        print(f"{code} {role:4} {days:5d} days: {spans}")
    print(f"{len(table)} state-role pairs with gaps over {len(PARTNERS)} states")


if __name__ == "__main__":
    main()
