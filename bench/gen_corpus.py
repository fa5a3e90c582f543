#!/usr/bin/env python3
"""Generate a large, realistic-looking news corpus (JSON Lines) for benchmarks.

    python3 bench/gen_corpus.py --articles N --out FILE [--seed S] [--examples DIR]

The bundled example articles (examples/articles/*.txt) are the raw material. Each
synthetic event takes one example as its template and turns it into a
different event: proper names and numbers are replaced consistently with
invented ones, paragraphs are dropped and moved, and paragraphs and sentences
from other templates are mixed in until the story is 2,500-4,500 bytes long.
The event's articles are then variants of that story: the origin, verbatim
copies (sometimes with page chrome), light edits, synonym-spun copies,
rewrites (reordered, reworded, trimmed) and summaries, plus independent
reports built from another template with the same names and numbers.

About N/8 events (sizes 1-30, skewed towards small), starting on days spread
uniformly over N / --per-day days from 2026-01-01 (default 3,000 articles a
day: a larger corpus covers a longer period at the same daily volume, so the
number of stories live at any time, and with it the clustering cost per
article, does not depend on N); an event's articles fall within about 3 days
of each other. Output is written in
date order as it is generated (a few days' articles are buffered at a time).
Each record has: id, source, title, published (YYYY-MM-DD), text, lang, label
(the synthetic event id, for `concord eval clustering`).

Python 3 standard library only; deterministic for a given --seed and examples
directory. Prints one summary line to stderr.
"""

import argparse
import datetime
import glob
import json
import os
import random
import re
import sys
import time

YEAR = 2026

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
MONTH_ABBR = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug",
              "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]

# Capitalised words that are never treated as proper names to replace.
KEEP_CAPS = set(MONTHS + MONTH_ABBR + WEEKDAYS + """
    Bay Point Lane Road Street Avenue Row Ridge End River Reservoir Water
    Lines Line Terminals Aerospace Agency Space Council University Research
    Transport Inn Hills Hill Mayor Deputy Opposition Port St Co Celsius Earth
    Photo Credited Skip Share Sign Dr Mr Mrs Ms The A An In On At Of And But
    """.split())

# Lines of page furniture in the examples; dropped when reading templates.
CHROME_IN = ("Skip to main content", "Sign up for", "Share this", "Advertisement")

# What the generator adds to some copies.
CHROME_TOP = ["Skip to main content", "Skip to content", "Menu", "Home > News",
              "Advertisement", "Toggle navigation"]
CHROME_MID = ["Sign up for our morning briefing, delivered to your inbox",
              "Advertisement", "Read more: our full coverage of the region",
              "Get the latest headlines sent straight to your phone",
              "Subscribe for unlimited access from 1 euro a week"]
CHROME_END = ["Share this story: Facebook | X | LinkedIn | Email",
              "Share this article", "Comments are closed for this article.",
              "Copyright 2026. All rights reserved.",
              "Related: more stories from this week"]
SUBHEADS = ["What happens next", "Background", "The response", "What we know",
            "Reaction", "The numbers", "How it unfolded", "Looking ahead",
            "The wider picture", "Questions remain", "The view from the ground",
            "Counting the cost"]

# Article-spinner synonyms: one clumsy substitute per word.
SPIN = dict(
    said="stated", says="states", say="state", told="instructed", big="giant",
    large="giant", thousands="1000's", hundreds="100's", help="assist",
    helped="assisted", start="commence", started="commenced",
    begin="commence", began="commenced", celebrate="rejoice",
    people="individuals", leave="depart", left="departed", homes="houses",
    houses="homes", home="house", about="round", around="round",
    town="township", city="metropolis", company="corporate",
    agency="company", quickly="rapidly", near="close to", area="space",
    road="highway", fire="fireplace", officials="officers",
    strong="sturdy", next="subsequent", critical="crucial", real="actual",
    chance="probability", more="extra", treated="handled", heat="warmth",
    released="launched", other="different", injuries="accidents",
    cause="trigger", asked="requested", anyone="anybody",
    highest="very best", summer="summer time", night="night time",
    rain="rainfall", normal="regular", level="degree", schools="faculties",
    car="automobile", every="each", closed="shut", only="solely",
    but="however", until="till", might="would possibly",
    similar="identical", cost="value", including="together with",
    series="collection", first="primary", built="constructed",
    sell="promote", foreign="overseas", customers="clients",
    healthy="wholesome", talking="speaking", news="information",
    conference="convention", images="pictures", available="out there",
    monitor="watch", reached="attained", upper="higher", local="native",
    high="excessive", caused="brought on", worked="labored",
    toward="towards", workers="staff", increase="improve", offer="supply",
    offered="supplied", ready="prepared", fair="truthful", talks="talks",
    plan="scheme", guarantee="assure", expected="anticipated",
    estimated="estimated", shortages="shortfalls", fresh="contemporary",
    running="working", situation="scenario", urged="urged",
    accept="settle for", votes="votes", debate="dialogue",
    lasted="lasted", stops="halts", passengers="passengers",
    trees="bushes", felled="felled", protesters="protesters",
    build="construct", linking="linking", district="district",
    fastest="quickest", choice="selection", traffic="site visitors",
    project="mission", price="value", review="evaluate",
    estimates="estimates", forced="compelled", burned="burned",
    spread="unfold", through="by", without="with out",
    significant="important", firefighters="firefighters",
    working="working", stop="cease", destroyed="destroyed",
    overnight="in a single day", housed="housed", holiday="vacation",
    government="authorities", declared="declared", emergency="emergency",
    funds="funds", investigating="investigating", ruled="dominated",
    forward="ahead", region="area", degrees="levels", residents="residents",
    ordered="instructed", rose="climbed", flooded="inundated",
    lower="decrease", live="reside", below="under", medication="medicine",
    back="again", stuck="caught", position="place", already="by now",
    filled="stuffed", percent="p.c.", sports="sports activities",
    hall="corridor", brought="introduced", lift="raise",
    could="may", would="would", flow="stream",
    four="4", three="3", important="vital", major="main", main="major",
    new="recent", old="outdated", small="tiny", little="tiny",
    week="week", weekend="weekend", afternoon="afternoon",
    morning="morning", rescue="rescue", damage="harm", damaged="broken",
    killed="killed", injured="harm", hospital="hospital",
    warned="cautioned", announced="introduced", planned="deliberate",
    decision="determination", result="end result", members="members",
    vote="vote", voted="voted", agreed="agreed", director="director",
    spokesperson="spokesperson", spokesman="spokesman", added="added",
    explained="defined", believe="consider", think="suppose",
    want="need", wanted="needed", need="want", needed="wanted",
    enough="sufficient", however="nonetheless", also="additionally",
    very="very", quite="fairly", whole="entire", number="quantity",
    amount="quantity", show="present", showed="confirmed",
    support="help", supported="supported", team="crew", staff="employees",
    building="constructing", safe="secure", safety="security",
    danger="hazard", dangerous="harmful", water="water",
)

# Plainer alternatives used by rewrites and for per-event variation.
REWORD = dict(
    said=["added", "explained", "noted", "told reporters"],
    roughly=["about", "some"], almost=["nearly", "close to"],
    began=["started"], homes=["houses", "properties"],
    houses=["homes", "properties"], quickly=["rapidly", "fast"],
    officials=["authorities", "officers"], strong=["powerful", "fierce"],
    critical=["decisive", "crucial"], destroyed=["lost", "wrecked"],
    asked=["urged"], closed=["shut", "sealed off"],
    reported=["recorded", "confirmed"], expected=["due"],
    increase=["rise", "raise"], offer=["proposal", "deal"],
    people=["residents", "locals"], residents=["people", "householders"],
    town=["community"], company=["firm", "operator"],
    agency=["body", "organisation"], warned=["cautioned"],
    estimated=["calculated"], monitor=["track", "watch"],
    quoted=["cited", "given"], approved=["passed", "backed"],
    build=["construct", "lay"], review=["examine", "scrutinise"],
    described=["recalled", "spoke of"], believed=["thought", "understood"],
    damaged=["hit", "affected"], announced=["said", "confirmed"],
    major=["big", "leading"], large=["big", "sizeable"],
    meeting=["session", "sitting"], decision=["move", "ruling"],
    members=["workers", "staff"], help=["assist", "support"],
    injured=["hurt", "wounded"], urged=["called on", "pressed"],
    after=["following"], near=["close to", "not far from"],
    night=["evening"], evening=["night"], told=["informed"],
    ships=["vessels"], vessels=["ships"], talks=["negotiations"],
    walkout=["stoppage", "strike"], stoppage=["walkout", "strike"],
    blaze=["fire", "wildfire"], wildfire=["blaze", "fire"],
    evacuated=["moved out"], district=["area"], crews=["teams"],
    firefighters=["fire crews"], emergency=["crisis"],
    government=["administration"], ministry=["department"],
    debate=["discussion"], voted=["cast their votes"], project=["scheme"],
    plan=["proposal", "scheme"], price=["cost"], passengers=["riders"],
    rocket=["launcher"], satellite=["spacecraft"],
    engineers=["technicians"], director=["head", "chief"], chief=["head"],
    operator=["company", "firm"], regional=["provincial"],
    schools=["school buildings"], buses=["coaches"],
    already=["by then"], earlier=["previously"], without=["with no"],
    because=["since"], above=["over"], although=["though"],
    however=["but"], secretary=["general secretary"], leader=["head"],
    manager=["boss"], figure=["number"], promised=["pledged", "vowed"],
    confirmed=["said"], reached=["hit"], spent=["passed"],
    gathered=["assembled"], goods=["cargo", "freight"],
    cargo=["freight", "goods"], containers=["boxes"], jammed=["stuck"],
    flooded=["swamped"], rose=["climbed"], lasted=["ran"],
)

SPIN_ENDINGS = set('.,;:!?")\'')

# Invented outlets. The generated local papers are "<Place> <Suffix>".
WIRES = ["Meridian Wire Service", "Coastline Press Agency", "Civic News Agency",
         "Northgate Press", "Continental Newswire", "Atlas Press Agency",
         "Harbourline Wire", "Summit News Agency"]
PAPER_SUFFIXES = ["Courier", "Gazette", "Herald", "Post", "Times", "Observer",
                  "Chronicle", "Ledger", "Journal", "Evening Star", "Tribune",
                  "Record", "Bulletin", "Express", "Review", "Mercury",
                  "Argus", "Sentinel", "Advertiser", "News", "Daily",
                  "Weekly", "Standard", "Echo", "Examiner"]
AGG_NAMES = ["NewsFlash Hub", "DailyBuzz Aggregator", "TopStories Daily",
             "HeadlineStream", "NewsNow24", "TrendWire Online", "QuickRead News",
             "Breaking Feed", "StoryPulse", "ClickDaily", "The News Digest",
             "InstaNews Network", "FeedPoint", "NewsRush", "ViralDesk",
             "InfoCascade", "NewsLoop", "SnapHeadlines"]

ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n",
          "p", "r", "s", "st", "t", "th", "tr", "v", "w", "z", "sh", "ch",
          "bl", "cr", "fl", "pr", "sk", "sl"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ie", "ou", "au", "y"]
CODAS = ["", "", "", "n", "r", "l", "s", "th", "ck", "m", "nd", "rt", "ll",
         "st", "x", "rn", "sh"]
ENDINGS = ["", "", "", "ton", "ford", "by", "wick", "mere", "holm", "ley",
           "dale", "ham", "stead", "wyn", "ard", "ia", "ova", "en", "is", "ik"]

SENT_SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-Z])|(?<=[.!?]")\s+(?=[A-Z])')
DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+(?:, [A-Z][a-z]{2,8}\.? \d{1,2} \([^)]*\))? - ")
TOKEN = re.compile(
    r"(?P<date>\b(?:" + "|".join(MONTHS) + r") \d{1,2}\b)"
    r"|(?P<time>\b\d{1,2}[:.]\d{2}(?= ?[ap]\.m\.)|\b\d{2}:\d{2}\b)"
    r"|(?P<num>(?<![\w.,-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]))"
    r"|(?P<word>\b[A-Z][^\W\d_]+)")
WORD = re.compile(r"[^\W\d_]+")
# The dateline this generator puts on wire stories ("BRAVIK, Feb 3 (MWS) - ").
OWN_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Za-z]+ \d{1,2} \([^)]*\) - ")


def make_name(rng):
    parts = []
    for _ in range(rng.choice((1, 1, 2, 2, 2, 3))):
        parts.append(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS))
    name = "".join(parts) + rng.choice(ENDINGS)
    return name[0].upper() + name[1:]


def name_pool(rng, n):
    seen, out = set(), []
    while len(out) < n:
        s = make_name(rng)
        if 4 <= len(s) <= 12 and s not in seen and \
                s.lower() not in COMMON_LOW and not TRIPLE.search(s):
            seen.add(s)
            out.append(s)
    return out


COMMON_LOW = set()  # filled from the templates' vocabulary
TRIPLE = re.compile(r"(.)\1\1")


def number_shape(s):
    digits = s.replace(",", "")
    if "." in digits:
        a, b = digits.split(".", 1)
        return ("f", len(a), len(b))
    if "," in s:
        return ("c", len(digits))
    return ("i", len(digits))


def random_number(shape, rng):
    if shape[0] == "f":
        lo = 10 ** (shape[1] - 1) if shape[1] > 1 else 1
        a = rng.randrange(lo, 10 ** shape[1])
        b = rng.randrange(0, 10 ** shape[2])
        return "%d.%0*d" % (a, shape[2], b)
    n = shape[1]
    if n == 1:
        return str(rng.randrange(2, 10))
    if n == 2:
        return str(rng.randrange(11, 100))
    # two significant digits, like the round figures news reports use
    v = rng.randrange(10, 100) * 10 ** (n - 2)
    return "{:,}".format(v) if shape[0] == "c" else str(v)


class EventMap(dict):
    """Placeholder key -> invented value, chosen on first use, per event."""

    def __init__(self, rng, names, month):
        super().__init__()
        self.rng, self.names, self.month = rng, names, month

    def __missing__(self, key):
        rng, kind = self.rng, key[0]
        if kind == "n":
            v = rng.choice(self.names)
        elif kind == "d":
            v = "%s %d" % (MONTHS[self.month], rng.randrange(1, 29))
        elif kind == "t":
            v = "%d.%02d" % (rng.randrange(1, 12), rng.randrange(0, 60)) \
                if key[1] == "ampm" else \
                "%02d:%02d" % (rng.randrange(0, 24), rng.randrange(0, 60))
        else:  # ("x", shape, ordinal)
            v = random_number(key[1], rng)
        self[key] = v
        return v


class Sentence:
    __slots__ = ("fmt", "keys")

    def __init__(self, fmt, keys):
        self.fmt, self.keys = fmt, keys

    def render(self, emap):
        if not self.keys:
            return self.fmt
        return self.fmt.format(*[emap[k] for k in self.keys])


class Template:
    def __init__(self, stem, headline, paras):
        self.stem = stem
        self.group = stem.split("-")[0]
        self.headline_raw = headline
        self.paras_raw = paras  # list of list of sentence strings
        self.headline = None
        self.paras = None


def split_sentences(para):
    """Sentences of a paragraph; a quotation is never cut in two."""
    out = []
    for piece in SENT_SPLIT.split(para):
        if not piece:
            continue
        if out and out[-1].count('"') % 2 == 1:
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def read_blocks(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read().replace("\r\n", "\n")
    headline, paras = None, []
    for block in re.split(r"\n\s*\n", raw):
        lines = []
        for line in block.split("\n"):
            line = line.strip()
            if not line or line.startswith(CHROME_IN):
                continue
            if lines and lines[-1] == line:  # a caption printed twice
                continue
            lines.append(line)
        if not lines:
            continue
        if headline is None:
            headline = lines[0]
            lines = lines[1:]
        paras.append(lines)
    out = []
    for lines in paras:
        if out and out[-1] == lines:
            continue
        kept = []
        for line in lines:
            if line.startswith("Credited from:") or "Photo:" in line:
                continue
            if len(line) < 60 and not line.endswith((".", "!", "?", '"')):
                continue  # sub-heading
            kept.append(line)
        if kept:
            para = DATELINE.sub("", " ".join(kept))
            out.append(split_sentences(para))
    return headline or "", out


def load_templates(exdir):
    files = sorted(glob.glob(os.path.join(exdir, "*.txt")))
    if not files:
        sys.exit("gen_corpus: no example articles in %s" % exdir)
    preferred = [f for f in files
                 if re.search(r"wire|rewrite|independent", os.path.basename(f))]
    templates = []
    for f in preferred or files:
        stem = os.path.splitext(os.path.basename(f))[0]
        headline, paras = read_blocks(f)
        if paras:
            templates.append(Template(stem, headline, paras))
    # Proper names: capitalised words never seen in lower case, found at
    # least once away from the start of a sentence.
    lower, inner = set(), set()
    for t in templates:
        for s in [t.headline_raw] + [s for p in t.paras_raw for s in p]:
            for w in WORD.findall(s):
                if w[0].islower():
                    lower.add(w)
            for m in TOKEN.finditer(s):
                w = m.group("word")
                if w and m.start() > 0 and s[m.start() - 1] == " " and \
                        s[:m.start()].rstrip()[-1:] not in ".!?":
                    inner.add(w)
    COMMON_LOW.update(lower)
    names = {w for w in inner if w.lower() not in lower and w not in KEEP_CAPS}
    groups = {}
    for t in templates:
        groups.setdefault(t.group, []).append(t)
    for g, ts in sorted(groups.items()):
        compile_group(g, ts, names)
    return templates, names


SHARED_NAMES = 3  # an event's top names are shared by all its templates


def compile_group(group, templates, names):
    """Turns the group's templates (articles about one example event) into
    sentences with placeholders. The group's most frequent names and its
    numbers (by shape and order) get keys shared with other groups, so that
    stories built from different templates for one synthetic event name the
    same place, people and figures; its other names keep keys of their own."""
    counts, first = {}, {}
    pos = 0
    for t in templates:
        for s in [t.headline_raw] + [s for p in t.paras_raw for s in p]:
            for w in WORD.findall(s):
                if w in names:
                    counts[w] = counts.get(w, 0) + 1
                    first.setdefault(w, pos)
                    pos += 1
    rank = {w: i for i, w in enumerate(
        sorted(counts, key=lambda w: (-counts[w], first[w])))}
    name_key = {w: ("n", r) if r < SHARED_NAMES else ("n", group, r)
                for w, r in rank.items()}
    numbering = {}  # original number text -> key, in order of appearance
    shape_seen = {}

    def compile_sentence(s):
        fmt, keys, last = [], [], 0
        for m in TOKEN.finditer(s):
            kind = m.lastgroup
            text = m.group(kind)
            if kind == "word":
                key = name_key.get(text)
                if key is None:
                    continue
            elif kind == "num":
                if re.fullmatch(r"(19|20)\d\d", text):
                    continue  # a year
                key = numbering.get(text)
                if key is None:
                    shape = number_shape(text)
                    ordinal = shape_seen.get(shape, 0)
                    shape_seen[shape] = ordinal + 1
                    key = numbering[text] = ("x", shape, ordinal)
            elif kind == "date":
                key = ("d", text)
            else:
                key = ("t", "ampm" if "." in text else "24h", text)
            fmt.append(s[last:m.start()].replace("{", "{{").replace("}", "}}"))
            fmt.append("{}")
            keys.append(key)
            last = m.end()
        fmt.append(s[last:].replace("{", "{{").replace("}", "}}"))
        return Sentence("".join(fmt), tuple(keys))

    for t in templates:
        t.headline = compile_sentence(t.headline_raw)
        t.paras = [[compile_sentence(s) for s in p] for p in t.paras_raw]


def make_table(d, caps=True):
    """'word' keys, and with caps 'Word' keys too, values in matching case."""
    out = {}
    for k, v in d.items():
        out[k] = v
        if not caps:
            continue
        if isinstance(v, list):
            out[k.capitalize()] = [x[0].upper() + x[1:] for x in v]
        else:
            out[k.capitalize()] = v[0].upper() + v[1:]
    return out


SPIN_T = make_table({k: v for k, v in SPIN.items() if k != v})
# Lower case only: a capitalised "Agency" or "Company" is part of a name.
REWORD_T = make_table(REWORD, caps=False)


def swap_words(text, table, p, rng):
    toks = text.split(" ")
    get, rnd = table.get, rng.random
    changed = False
    for i, t in enumerate(toks):
        r = get(t)
        head = tail = ""
        if r is None:
            if not t:
                continue
            core = t
            if core[-1] in SPIN_ENDINGS:
                core = core.rstrip('.,;:!?")\'')
                tail = t[len(core):]
            if core[:1] in "\"'(":
                head, core = core[0], core[1:]
            if core is t:
                continue
            r = get(core)
            if r is None:
                continue
        if p < 1.0 and rnd() >= p:
            continue
        if r.__class__ is list:
            r = r[int(rnd() * len(r))]
        toks[i] = head + r + tail
        changed = True
    return " ".join(toks) if changed else text


def para_text(paras):
    return "\n\n".join(" ".join(p) for p in paras if p)


def size_of(paras):
    return sum(len(s) + 1 for p in paras for s in p) + 2 * len(paras)


class Generator:
    def __init__(self, templates, rng, days=400):
        self.t = templates
        self.rng = rng
        self.names = name_pool(rng, 40000)
        places = name_pool(rng, 400)
        self.papers = []
        for i, pl in enumerate(places):
            suf = rng.choice(PAPER_SUFFIXES)
            self.papers.append(("The " if i % 5 == 0 else "") + pl + " " + suf)
        self.aggs = AGG_NAMES + ["%s %s" % (n, rng.choice(["Hub", "Feed", "Now",
                                                           "Buzz", "Daily"]))
                                 for n in name_pool(rng, 60)]
        self.kinds = ["verbatim", "light", "spun", "rewrite", "independent",
                      "summary"]
        self.kind_w = [22, 20, 14, 14, 24, 6]
        self.dates = [(datetime.date(YEAR, 1, 1) + datetime.timedelta(d))
                      for d in range(days)]

    # -- event material ----------------------------------------------------
    def render(self, tmpl, emap):
        return [[s.render(emap) for s in p] for p in tmpl.paras]

    def extend(self, paras, emap, target, exclude_group):
        rng = self.rng
        others = [t for t in self.t if t.group != exclude_group] or self.t
        guard = 0
        while size_of(paras) < target and guard < 40:
            guard += 1
            t = rng.choice(others)
            src = t.paras[1:] or t.paras
            p = [s.render(emap) for s in rng.choice(src)]
            # mostly after the story's own paragraphs, sometimes among them
            at = len(paras) if rng.random() < 0.7 else \
                rng.randrange(1, len(paras) + 1)
            paras.insert(at, p)

    def mix_sentences(self, paras, emap, exclude_group, prob):
        rng = self.rng
        others = [t for t in self.t if t.group != exclude_group] or self.t
        for p in paras[1:]:
            if rng.random() < prob:
                t = rng.choice(others)
                s = rng.choice(rng.choice(t.paras)).render(emap)
                p.insert(rng.randrange(0, len(p) + 1), s)

    def event(self, eid, size, start):
        rng = self.rng
        d0 = self.dates[start]
        emap = EventMap(rng, self.names, d0.month - 1)
        tmpl = rng.choice(self.t)
        # the event's own choice of wording
        vocab = {k: v[int(rng.random() * len(v))] if isinstance(v, list) else v
                 for k, v in REWORD_T.items() if rng.random() < 0.5}
        paras = self.render(tmpl, emap)
        body = [paras[0]] + [p for p in paras[1:] if rng.random() > 0.2]
        body = [[x for i, x in enumerate(p) if i == 0 or rng.random() > 0.1]
                for p in body]
        if len(body) > 3 and rng.random() < 0.6:
            i = rng.randrange(1, len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        self.mix_sentences(body, emap, tmpl.group, 0.3)
        self.extend(body, emap, rng.randint(2500, 4500), tmpl.group)
        body = [[swap_words(s, vocab, 1.0, rng) for s in p] for p in body]
        title = swap_words(tmpl.headline.render(emap), vocab, 1.0, rng)
        place = emap[("n", 0)]

        if rng.random() < 0.6:
            osrc = rng.choice(WIRES)
            abbr = "".join(w[0] for w in osrc.split() if w[0].isupper())
            body[0][0] = "%s, %s %d (%s) - %s" % (
                place.upper(), MONTH_ABBR[d0.month - 1], d0.day, abbr,
                body[0][0])
        else:
            osrc = rng.choice(self.papers)
        label = "e%05d" % eid
        out = [(start, osrc, title, para_text(body), label, "original")]
        for _ in range(size - 1):
            kind = rng.choices(self.kinds, self.kind_w)[0]
            out.append(getattr(self, "v_" + kind)(
                start, osrc, title, body, emap, tmpl, label) + (kind,))
        return out

    # -- variants ------------------------------------------------------------
    def other_source(self, osrc):
        while True:
            s = self.rng.choice(self.papers)
            if s != osrc:
                return s

    def lede_title(self, paras):
        """A headline cut from the story's first sentence."""
        s = OWN_DATELINE.sub("", paras[0][0]).strip('"')
        cut = min([i for i in (s.find(", "), s.find(" after "),
                               s.find(" as "), s.find(" - ")) if i > 25] +
                  [len(s.rstrip("."))])
        s = s[:cut]
        if len(s) > 90:
            s = s[:s.rfind(" ", 0, 90)]
        return s[0].upper() + s[1:]

    def extras(self, text, osrc, emap):
        rng = self.rng
        r = rng.random()
        if r < 0.04:
            cap = "%s %s at %s on %s. Photo: %s %s" % (
                rng.choice(["Residents gather", "Officials speak", "The scene",
                            "Crowds wait", "Crews work", "Traffic queues"]),
                rng.choice(["outside the town hall", "near the main gate",
                            "by the river", "on the high street"]),
                emap[("n", 0)], rng.choice(WEEKDAYS), rng.choice(self.names),
                rng.choice(self.names))
            sep = "\n" if rng.random() < 0.5 else "\n\n"
            text = cap + sep + cap + "\n\n" + text
        elif r < 0.09:
            if rng.random() < 0.5:
                text += "\n\nCredited from: " + osrc.upper()
            else:
                text += "\n\n(Reporting by %s %s; editing by %s %s)" % tuple(
                    rng.choice(self.names) for _ in range(4))
        return text

    def v_verbatim(self, start, osrc, title, body, emap, tmpl, label):
        rng = self.rng
        text = para_text(body)
        if rng.random() < 0.6:
            ps = text.split("\n\n")
            if rng.random() < 0.5:
                ps.insert(rng.randrange(1, len(ps) + 1), rng.choice(CHROME_MID))
            if rng.random() < 0.4:
                ps.insert(0, rng.choice(CHROME_TOP))
            if rng.random() < 0.4:
                ps.append(rng.choice(CHROME_END))
            text = "\n\n".join(ps)
        src = self.other_source(osrc)
        r = rng.random()
        if r < 0.25:
            title = "%s | %s" % (title, src)
        elif r < 0.5:
            title = self.lede_title(body)
        return (start + (rng.random() < 0.3), src, title,
                self.extras(text, osrc, emap), label)

    def v_light(self, start, osrc, title, body, emap, tmpl, label):
        rng = self.rng
        paras = [list(p) for p in body]
        if rng.random() < 0.5 and "(" in paras[0][0]:
            paras[0][0] = re.sub(r"^([^,]+), [^)]*\) - ", r"\1 - ", paras[0][0])
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(0, len(paras))
            if len(paras[i]) > 1:
                del paras[i][rng.randrange(1, len(paras[i]))]
            elif i > 0 and len(paras) > 2:
                del paras[i]
        if len(paras) > 3 and rng.random() < 0.5:
            p = paras.pop(rng.randrange(1, len(paras)))
            paras.insert(rng.randrange(1, len(paras) + 1), p)
        for _ in range(2):
            i = rng.randrange(0, len(paras))
            paras[i] = [swap_words(s, REWORD_T, 0.15, rng) for s in paras[i]]
        if rng.random() < 0.3:
            title = swap_words(title, REWORD_T, 0.5, rng)
        return (start + (rng.random() < 0.4), self.other_source(osrc), title,
                self.extras(para_text(paras), osrc, emap), label)

    def v_spun(self, start, osrc, title, body, emap, tmpl, label):
        rng = self.rng
        text = "\n\n".join(swap_words(" ".join(p), SPIN_T, 0.85, rng)
                           for p in body)
        return (start + (rng.random() < 0.6), rng.choice(self.aggs),
                swap_words(title, SPIN_T, 0.85, rng),
                self.extras(text, osrc, emap), label)

    def v_rewrite(self, start, osrc, title, body, emap, tmpl, label):
        rng = self.rng
        lede = body[0][0]
        lede = OWN_DATELINE.sub("", lede)
        sents = [s for p in body for s in p][1:]
        sents = [s for s in sents if rng.random() > 0.2]
        # reorder in small blocks so the story still roughly flows
        blocks = [sents[i:i + 3] for i in range(0, len(sents), 3)]
        for b in blocks:
            rng.shuffle(b)
        if len(blocks) > 2:
            i = rng.randrange(0, len(blocks) - 1)
            blocks[i], blocks[i + 1] = blocks[i + 1], blocks[i]
        sents = [s for b in blocks for s in b]
        paras, i = [], 0
        first = [swap_words(lede, REWORD_T, 0.6, rng)]
        if sents and rng.random() < 0.5:
            first.insert(0, swap_words(sents.pop(0), REWORD_T, 0.6, rng))
        paras.append(first)
        while i < len(sents):
            k = rng.randint(1, 3)
            paras.append([swap_words(s, REWORD_T, 0.6, rng)
                          for s in sents[i:i + k]])
            i += k
        for _ in range(rng.randint(0, 2)):
            if len(paras) > 3:
                paras.insert(rng.randrange(2, len(paras)),
                             [rng.choice(SUBHEADS)])
        title = self.lede_title([[lede]]) if rng.random() < 0.5 else \
            swap_words(title, REWORD_T, 1.0, rng)
        return (start + rng.randint(0, 3), self.other_source(osrc), title,
                self.extras(para_text(paras), osrc, emap), label)

    def v_independent(self, start, osrc, title, body, emap, tmpl, label):
        rng = self.rng
        others = [t for t in self.t if t.group != tmpl.group] or self.t
        t2 = rng.choice(others)
        paras = [[s.render(emap) for s in p] for p in t2.paras]
        paras = [paras[0]] + [p for p in paras[1:] if rng.random() > 0.15]
        # a shared fact or two from the event's own story
        facts = [s for p in body for s in p if len(s) > 60]
        for s in rng.sample(facts, min(len(facts), rng.randint(1, 2))):
            s = OWN_DATELINE.sub("", s)
            paras.insert(rng.randrange(1, len(paras) + 1),
                         [swap_words(s, REWORD_T, 0.5, rng)])
        self.mix_sentences(paras, emap, t2.group, 0.25)
        self.extend(paras, emap, rng.randint(2500, 4500), t2.group)
        src = rng.choice(self.papers + WIRES[:3])
        return (start + rng.randint(0, 3), src, t2.headline.render(emap),
                self.extras(para_text(paras), osrc, emap), label)

    def v_summary(self, start, osrc, title, body, emap, tmpl, label):
        rng = self.rng
        sents = [s for p in body for s in p]
        lede = OWN_DATELINE.sub("", sents[0])
        pool = range(1, max(2, int(len(sents) * 0.6)))  # the story's own part
        rest = sorted(rng.sample(pool, min(len(pool), rng.randint(2, 4))))
        chosen = [lede] + [sents[i] for i in rest]
        chosen = [swap_words(s, REWORD_T, 0.3, rng) for s in chosen]
        chosen[0] = chosen[0].rstrip(".") + ", %s reported." % osrc
        text = "Credited from: %s\n\n%s" % (osrc.upper(), " ".join(chosen))
        title = rng.choice(["%s: what we know", "In brief: %s", "%s",
                            "Summary: %s"]) % title
        return (start + rng.randint(0, 2), rng.choice(self.aggs), title, text,
                label)


def event_sizes(n, rng):
    sizes, total = [], 0
    while total < n:
        s = min(30, 1 + int(rng.expovariate(1 / 7.7)))
        s = min(s, n - total)
        sizes.append(s)
        total += s
    return sizes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, required=True,
                    help="number of articles to write")
    ap.add_argument("--out", required=True, help="output .jsonl file ('-': stdout)")
    ap.add_argument("--kinds", help="also write, per article, a line 'id TAB "
                    "event TAB kind' (original, verbatim, light, spun, "
                    "rewrite, independent, summary) to this file")
    ap.add_argument("--per-day", type=int, default=3000,
                    help="articles per day (default 3000): the corpus spans "
                    "N / per-day days, so that a larger corpus is a longer "
                    "period at the same daily volume, not a denser one")
    ap.add_argument("--seed", type=int, default=1,
                    help="random seed (default 1); same seed, same corpus")
    ap.add_argument("--examples", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "examples", "articles"),
        help="folder of example .txt articles (default: examples/articles/)")
    args = ap.parse_args()
    if args.articles < 0:
        sys.exit("gen_corpus: --articles must be >= 0")
    if args.per_day <= 0:
        sys.exit("gen_corpus: --per-day must be > 0")
    span = max(1, -(-args.articles // args.per_day))  # days, rounded up

    t0 = time.time()
    rng = random.Random(args.seed)
    templates, _ = load_templates(args.examples)
    gen = Generator(templates, rng, span + 8)  # an event lasts up to 4 days
    sizes = event_sizes(args.articles, rng)
    starts = sorted(rng.randrange(0, span) for _ in sizes)
    width = max(6, len(str(args.articles)))
    dates = [d.isoformat() for d in gen.dates]

    out = sys.stdout if args.out == "-" else \
        open(args.out, "w", encoding="utf-8", buffering=1 << 20)
    kinds = open(args.kinds, "w", encoding="utf-8") if args.kinds else None
    pending = {}  # day -> records
    written = nbytes = 0
    dumps = json.dumps

    def flush(upto):
        nonlocal written, nbytes
        for day in sorted(d for d in pending if d < upto):
            recs = pending.pop(day)
            rng.shuffle(recs)
            lines = []
            for (_, src, title, text, label, kind) in recs:
                written += 1
                aid = "g%0*d" % (width, written)
                lines.append(dumps({
                    "id": aid, "source": src,
                    "title": title, "published": dates[day], "text": text,
                    "lang": "en", "label": label}, ensure_ascii=False))
                if kinds is not None:
                    kinds.write("%s\t%s\t%s\n" % (aid, label, kind))
            s = "\n".join(lines) + "\n"
            nbytes += len(s.encode("utf-8"))
            out.write(s)

    for eid, (size, start) in enumerate(zip(sizes, starts)):
        flush(start)
        for rec in gen.event(eid, size, start):
            pending.setdefault(rec[0], []).append(rec)
    flush(1 << 30)
    if out is not sys.stdout:
        out.close()
    if kinds is not None:
        kinds.close()
    print("gen_corpus: %d articles, %d events, %.1f MB -> %s in %.1f s (seed %d)"
          % (written, len(sizes), nbytes / 1e6, args.out, time.time() - t0,
             args.seed), file=sys.stderr)


if __name__ == "__main__":
    main()
