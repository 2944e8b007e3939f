"""The words of the synthetic archive (events/synthetic.py): month and weekday names, news agencies,
invented officials' names and offices, the sentence templates of each event type (past and future), of
postponements, follow-ups and commentary, the headlines, the event types' weights and the countries the
archive is mostly about. Every sentence is invented; nothing is copied from the real archive."""

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AGENCIES = ["Interfax", "ITAR-TASS", "AP", "AFP", "Reuters", "RIA Novosti", "Xinhua", "Kyodo", "Yonhap", "IRNA",
            "NTV", "ORT", "RTR", "Segodnya", "Izvestia", "Kommersant", "Nezavisimaya Gazeta", "UPI", "BBC",
            "Korean Central News Agency", "Itar-Tass", "Ekho Moskvy", "Vremya MN", "Obshchaya Gazeta"]
# Invented officials (open world: not in the gazetteer). Syllables, not names from any source.
_FIRST = ["Anton", "Boris", "Gennady", "Oleg", "Pavel", "Stepan", "Yuri", "Arkady", "Lev", "Timur", "Rustam",
          "Farid", "Javad", "Hamid", "Chol", "Min", "Sung", "Wei", "Jun", "Taro", "Kenji", "Piotr", "Andris"]
_SURNAME_A = ["Bel", "Kor", "Dro", "Vas", "Mar", "Tel", "Sol", "Gor", "Zar", "Lom", "Pet", "Kal", "Nab", "Hos",
              "Ri", "Pak", "Cho", "Ta", "Mu", "Ka", "Sa", "Ber"]
_SURNAME_B = ["arev", "inov", "etsky", "ukhin", "omov", "enko", "adze", "yan", "ov", "ani", "zadeh", "ong-chol",
              "myong", "an-hu", "kawa", "moto", "iewicz", "ins"]
_OFFICES = ["Deputy Foreign Minister", "First Deputy Defense Minister", "Trade Minister", "Energy Minister",
            "Ambassador", "presidential envoy", "Deputy Prime Minister", "Fuel and Energy Minister",
            "chief of staff", "Security Council aide"]

# Templates. {a}: the acting side (an actor with title, or a country's leadership), {b}: the other side,
# {A}/{B}: country names, {cap_b}: the other side's capital, {date}: the date phrase, {topic}: a topic
# keyword. Status: past (reported as happened), future (planned), off (put off).
_EVENTS = {
    "visit": {
        "past": ["{a} arrived in {cap_b} {date} for talks on {topic}.",
                 "{a} paid a visit to {B} {date}, the first at that level in several years.",
                 "{date_cap}, {a} traveled to {cap_b}, where he was received by {b}.",
                 "During his visit to {B} {date}, {a} raised the question of {topic}."],
        "future": ["{a} is due to visit {B} {date}, officials in {cap_a} said.",
                   "{a} will travel to {cap_b} {date} to discuss {topic}.",
                   "A visit by {a} to {B} is planned for {date}, according to diplomatic sources.",
                   "{b} has invited {a} to visit {cap_b} {date}."],
    },
    "meeting": {
        "past": ["{a} met with {b} {date} to discuss {topic}.",
                 "{a} and {b} held talks in {cap_b} {date}.",
                 "{date_cap}, {a} conferred with {b} on {topic}.",
                 "Negotiations between {A} and {B} on {topic} resumed {date} in {cap_b}."],
        "future": ["{a} is expected to meet with {b} {date}.",
                   "Talks between {a} and {b} on {topic} are set for {date}.",
                   "{a} and {b} will meet {date} in {cap_b}, their offices confirmed."],
    },
    "summit": {
        "past": ["{a} and {b} held a summit in {cap_b} {date}.",
                 "At the {A}-{B} summit {date}, the two leaders spoke at length about {topic}."],
        "future": ["A summit of {a} and {b} is scheduled for {date} in {cap_b}.",
                   "{a} will go to {cap_b} {date} for a summit with {b}."],
    },
    "agreement": {
        "past": ["{a} and {b} signed an agreement on {topic} {date}.",
                 "{A} and {B} agreed {date} to expand {topic}.",
                 "A treaty on {topic} between {A} and {B} was signed in {cap_b} {date}."],
        "future": ["{A} and {B} are to sign an agreement on {topic} {date}.",
                   "The two sides expect to sign a treaty on {topic} {date}."],
    },
    "statement": {
        "past": ["{a} said {date} that {A} would not change its position on {topic}.",
                 "{date_cap}, {a} declared that {topic} remained a priority for {A}.",
                 "In a statement issued {date}, {a} criticized {B} over {topic}."],
        "future": ["{a} is expected to announce {A}'s position on {topic} {date}."],
    },
    "letter": {
        "past": ["{a} sent a letter to {b} {date} about {topic}.",
                 "{date_cap}, {a} wrote to {b} proposing new talks on {topic}."],
        "future": ["{a} will send a message to {b} {date}, his press office said."],
    },
    "military": {
        "past": ["{A} and {B} held joint military exercises {date}.",
                 "{a} and {b} agreed {date} on military cooperation, including {topic}."],
        "future": ["Joint naval exercises of {A} and {B} are planned for {date}.",
                   "{A} will deliver {topic} to {B} {date} under a military cooperation accord."],
    },
    "nuclear": {
        "past": ["{A} and {B} signed a nuclear cooperation protocol {date}.",
                 "{date_cap}, {a} confirmed that {A} would build a nuclear reactor for {B}."],
        "future": ["Work on the nuclear power plant that {A} is building for {B} is to resume {date}."],
    },
    "economic": {
        "past": ["{A} and {B} agreed {date} to double trade, with {topic} at the center of the deal.",
                 "{a} and {b} signed a trade agreement {date}."],
        "future": ["An intergovernmental commission on trade between {A} and {B} will meet {date}."],
    },
    "appointment": {
        "past": ["{a} was appointed {office} {date}.",
                 "{date_cap}, {b} named {a} as {office}."],
        "future": ["{a} is to take up the post of {office} {date}."],
    },
    "protest": {
        "past": ["{A} protested {date} against {B}'s plans for {topic}.",
                 "{a} lodged a formal protest with {b} {date} over {topic}."],
        "future": ["Demonstrations against {topic} are planned outside the {B} embassy in {cap_a} {date}."],
    },
}
_POSTPONED = ["The visit by {a} to {B}, planned for {date}, has been postponed.",
              "{a} put off the talks with {b} that had been set for {date}.",
              "The summit in {cap_b} originally scheduled for {date} was postponed indefinitely."]
_FOLLOW_UP = ["As reported earlier, {a} and {b} met {date}.",
              "The talks {a} held in {cap_b} {date} produced no agreement on {topic}.",
              "{a}'s visit to {B} {date} was followed by a flurry of contacts on {topic}."]
_COMMENTARY = [
    "Observers in {cap_a} read the move as a signal to {cap_b}.",
    "The question of {topic} has long divided the two capitals.",
    "Diplomats in {cap_b} were cautious in their comments.",
    "{A} has given no sign that it will soften its line.",
    "The step is likely to be watched closely in {cap_c}.",
    "Critics argued that {topic} would gain little from the exchange.",
    "Officials in {cap_a} played down any link with {topic}.",
    "The tone of the remarks was markedly warmer than a year ago.",
    "It remains unclear what {B} will offer in return.",
    "Some commentators in {cap_c} called the announcement premature.",
    "{A}'s leadership appears keen to show that it has partners beyond the West.",
    "Much will depend on how {cap_b} responds in the coming weeks.",
]
_HEADLINES = {
    "visit": "{A_up} LEADER IN {B_up}", "meeting": "{A_up} AND {B_up} TALK {topic_up}",
    "summit": "{A_up}-{B_up} SUMMIT", "agreement": "{A_up} AND {B_up} SIGN DEAL",
    "statement": "{A_up} RESTATES POSITION ON {topic_up}", "letter": "A MESSAGE FROM {A_up}",
    "military": "{A_up} AND {B_up} STEP UP MILITARY TIES", "nuclear": "NUCLEAR DEAL FOR {B_up}",
    "economic": "{A_up}-{B_up} TRADE TALKS", "appointment": "NEW FACE IN {A_up}",
    "protest": "{A_up} PROTESTS",
}
_TYPES = list(_EVENTS)
_TYPE_WEIGHTS = [16, 20, 5, 12, 12, 4, 7, 4, 6, 4, 5]
# A few countries are at the center of most stories (the Monitor's beat), the rest appear less often.
_HOME = ["RU", "RU", "RU", "UA", "BY", "GE", "AZ", "AM", "KZ", "UZ", "MD"]
