// Stop word lists.
//
// The idea. In a bag-of-words comparison the most frequent words of a
// language carry almost no information about what an article is about, and
// they dominate similarity scores unless removed (the idea goes back to
// Luhn's 1958 work on automatic abstracts). News adds its own filler: every
// story "said" something, "according to" someone, about "Mr" somebody. The
// lists below are short on purpose: a word that might name a topic
// ("government", "people", "new") stays out.
//
// Lookup is a WordSet (src/base/word_table.h: open addressing over
// string_views into the literals below, with a length and first-byte check
// before any hashing), one per language, built on first use (C++11 guarantees thread-safe
// initialisation of function-local statics). Tests: stopwords_test.cc, which
// also checks that every entry is already in folded form.
#include "src/text/stopwords.h"

#include <string>

#include "src/base/word_table.h"

namespace concord::text {
namespace {

constexpr std::string_view kEnglish[] = {
    "a",         "about",      "above",        "according",  "across",
    "after",     "afterwards", "again",        "against",    "ago",
    "all",       "almost",     "along",        "already",    "also",
    "although",  "always",     "am",           "among",      "an",
    "and",       "another",    "any",          "anybody",    "anyone",
    "anything",  "anyway",     "anywhere",     "are",        "aren't",
    "around",    "as",         "at",           "be",         "became",
    "because",   "become",     "becomes",      "been",       "before",
    "being",     "below",      "beside",       "besides",    "between",
    "beyond",    "both",       "but",          "by",         "can",
    "can't",     "cannot",     "could",        "couldn't",   "did",
    "didn't",    "do",         "does",         "doesn't",    "doing",
    "don't",     "done",       "down",         "dr",         "during",
    "each",      "either",     "else",         "enough",     "even",
    "ever",      "every",      "everyone",     "everything", "few",
    "for",       "from",       "further",      "had",        "hadn't",
    "has",       "hasn't",     "have",         "haven't",    "having",
    "he",        "he'd",       "he'll",        "he's",       "her",
    "here",      "here's",     "hers",         "herself",    "him",
    "himself",   "his",        "how",          "however",    "i",
    "i'd",       "i'll",       "i'm",          "i've",       "if",
    "in",        "into",       "is",           "isn't",      "it",
    "it's",      "its",        "itself",       "just",       "least",
    "less",      "let",        "let's",        "like",       "many",
    "may",       "me",         "might",        "mine",       "more",
    "most",      "mostly",     "mr",           "mrs",        "ms",
    "much",      "must",       "mustn't",      "my",         "myself",
    "neither",   "never",      "nevertheless", "no",         "nobody",
    "none",      "nor",        "not",          "nothing",    "now",
    "of",        "off",        "often",        "on",         "once",
    "one",       "only",       "onto",         "or",         "other",
    "others",    "otherwise",  "our",          "ours",       "ourselves",
    "out",       "over",       "own",          "per",        "perhaps",
    "please",    "quite",      "rather",       "really",     "said",
    "same",      "say",        "saying",       "says",       "see",
    "seem",      "seemed",     "seems",        "several",    "shall",
    "she",       "she'd",      "she'll",       "she's",      "should",
    "shouldn't", "since",      "so",           "some",       "somebody",
    "someone",   "something",  "sometimes",    "somewhat",   "still",
    "such",      "than",       "that",         "that's",     "the",
    "their",     "theirs",     "them",         "themselves", "then",
    "there",     "there's",    "therefore",    "these",      "they",
    "they'd",    "they'll",    "they're",      "they've",    "this",
    "those",     "though",     "through",      "throughout", "thus",
    "to",        "together",   "told",         "too",        "toward",
    "towards",   "under",      "unless",       "until",      "up",
    "upon",      "us",         "very",         "via",        "was",
    "wasn't",    "we",         "we'd",         "we'll",      "we're",
    "we've",     "were",       "weren't",      "what",       "what's",
    "whatever",  "when",       "whenever",     "where",      "whereas",
    "wherever",  "whether",    "which",        "while",      "who",
    "who's",     "whoever",    "whom",         "whose",      "why",
    "will",      "with",       "within",       "without",    "won't",
    "would",     "wouldn't",   "yet",          "you",        "you'd",
    "you'll",    "you're",     "you've",       "your",       "yours",
    "yourself",  "yourselves",
};

constexpr std::string_view kFrench[] = {
    "à",      "afin",  "ai",      "ainsi",   "alors", "après",   "as",
    "au",     "aucun", "aussi",   "autre",   "aux",   "avaient", "avait",
    "avant",  "avec",  "avoir",   "c'est",   "ça",    "car",     "ce",
    "ceci",   "cela",  "celle",   "celui",   "ces",   "cet",     "cette",
    "chez",   "comme", "dans",    "de",      "déjà",  "depuis",  "des",
    "dit",    "donc",  "dont",    "du",      "elle",  "elles",   "en",
    "encore", "entre", "d'un",    "d'une",   "est",   "et",      "été",
    "être",   "eu",    "fait",    "il",      "ils",   "je",      "jusqu'à",
    "l'on",   "n'a",   "n'est",   "qu'elle", "s'est", "la",      "le",
    "les",    "leur",  "leurs",   "lors",    "lui",   "ma",      "mais",
    "me",     "même",  "mes",     "moi",     "mon",   "ne",      "ni",
    "nos",    "notre", "nous",    "on",      "ont",   "ou",      "où",
    "par",    "pas",   "pendant", "peu",     "plus",  "pour",    "qu'il",
    "quand",  "que",   "qui",     "sa",      "sans",  "se",      "selon",
    "ses",    "si",    "son",     "sont",    "sous",  "sur",     "ta",
    "tes",    "toi",   "ton",     "tous",    "tout",  "toute",   "toutes",
    "très",   "tu",    "un",      "une",     "vers",  "vos",     "votre",
    "vous",   "y",
};

constexpr std::string_view kGerman[] = {
    "aber",   "als",    "also",    "am",     "an",     "auch",   "auf",
    "aus",    "bei",    "bereits", "bis",    "da",     "dabei",  "damit",
    "dann",   "das",    "dass",    "dem",    "den",    "denn",   "der",
    "des",    "dessen", "die",     "dies",   "diese",  "diesem", "diesen",
    "dieser", "dieses", "doch",    "dort",   "du",     "durch",  "ein",
    "eine",   "einem",  "einen",   "einer",  "eines",  "er",     "es",
    "für",    "gegen",  "hat",     "hatte",  "hatten", "haben",  "ich",
    "ihr",    "ihre",   "ihrem",   "ihren",  "ihrer",  "im",     "in",
    "ins",    "ist",    "jedoch",  "kann",   "können", "man",    "mit",
    "muss",   "nach",   "nicht",   "noch",   "nun",    "nur",    "ob",
    "oder",   "ohne",   "sagte",   "sagt",   "schon",  "sehr",   "sein",
    "seine",  "seinem", "seinen",  "seiner", "sich",   "sie",    "sind",
    "so",     "soll",   "sollen",  "über",   "um",     "und",    "uns",
    "unter",  "vom",    "von",     "vor",    "war",    "waren",  "was",
    "weil",   "wenn",   "wer",     "werden", "wie",    "wir",    "wird",
    "wo",     "wurde",  "wurden",  "zu",     "zum",    "zur",    "zwischen",
};

constexpr std::string_view kSpanish[] = {
    "a",       "al",     "algo",  "ante",    "así",   "aunque", "como",
    "con",     "cuando", "de",    "del",     "desde", "dijo",   "donde",
    "durante", "e",      "el",    "él",      "ella",  "ellas",  "ellos",
    "en",      "entre",  "era",   "es",      "esa",   "ese",    "eso",
    "esta",    "está",   "están", "este",    "esto",  "estos",  "estas",
    "fue",     "fueron", "ha",    "había",   "han",   "hasta",  "hay",
    "la",      "las",    "le",    "les",     "lo",    "los",    "más",
    "me",      "mi",     "muy",   "ni",      "no",    "nos",    "o",
    "para",    "pero",   "por",   "porque",  "que",   "qué",    "quien",
    "se",      "según",  "ser",   "si",      "sí",    "sin",    "sobre",
    "son",     "su",     "sus",   "también", "tras",  "un",     "una",
    "uno",     "unos",   "unas",  "y",       "ya",    "yo",
};

constexpr std::string_view kItalian[] = {
    "a",      "ad",     "al",     "alla",   "alle",   "anche", "ancora",
    "avere",  "aveva",  "che",    "chi",    "ci",     "come",  "con",
    "cui",    "da",     "dal",    "dalla",  "dei",    "del",   "della",
    "delle",  "degli",  "detto",  "di",     "dopo",   "e",     "è",
    "ed",     "era",    "erano",  "essere", "fa",     "fra",   "gli",
    "ha",     "hanno",  "i",      "il",     "in",     "la",    "le",
    "lo",     "loro",   "ma",     "mi",     "molto",  "nei",   "nel",
    "nella",  "non",    "o",      "per",    "più",    "poi",   "quale",
    "quando", "quella", "quello", "questa", "questo", "se",    "secondo",
    "si",     "sia",    "sono",   "stata",  "stato",  "su",    "sua",
    "sue",    "sul",    "sulla",  "suo",    "suoi",   "tra",   "un",
    "una",    "uno",
};

constexpr std::string_view kPortuguese[] = {
    "a",    "à",    "ao",   "aos",   "as",   "até",    "com", "como",
    "da",   "das",  "de",   "disse", "do",   "dos",    "e",   "é",
    "ela",  "elas", "ele",  "eles",  "em",   "entre",  "era", "essa",
    "esse", "esta", "está", "estão", "este", "eu",     "foi", "foram",
    "há",   "isso", "já",   "lhe",   "mais", "mas",    "me",  "muito",
    "na",   "nas",  "não",  "no",    "nos",  "o",      "os",  "ou",
    "para", "pela", "pelo", "por",   "que",  "quando", "se",  "segundo",
    "sem",  "ser",  "seu",  "seus",  "sua",  "suas",   "são", "também",
    "tem",  "têm",  "um",   "uma",   "umas", "uns",
};

constexpr std::string_view kDutch[] = {
    "aan",     "al",     "als",  "bij",   "dan",  "dat",  "de",   "deze",
    "die",     "dit",    "door", "een",   "en",   "er",   "geen", "had",
    "heeft",   "hebben", "het",  "hij",   "hun",  "ik",   "in",   "is",
    "je",      "maar",   "met",  "na",    "naar", "niet", "nog",  "of",
    "om",      "ook",    "op",   "over",  "te",   "tot",  "u",    "uit",
    "van",     "voor",   "was",  "waren", "wat",  "we",   "werd", "wij",
    "wordt",   "worden", "ze",   "zei",   "zich", "zij",  "zijn", "zo",
    "volgens",
};

template <size_t N>
WordSet MakeSet(const std::string_view (&words)[N]) {
  return WordSet(words);
}

enum class Lang { kNone, kEn, kFr, kDe, kEs, kIt, kPt, kNl };

Lang ParseLang(std::string_view lang) {
  if (lang == "en") return Lang::kEn;  // most calls
  for (size_t i = 0; i < lang.size(); ++i) {
    if (lang[i] == '-' || lang[i] == '_') {
      lang = lang.substr(0, i);
      break;
    }
  }
  if (lang.size() != 2) return Lang::kNone;
  const char code[2] = {static_cast<char>(lang[0] | 0x20),
                        static_cast<char>(lang[1] | 0x20)};
  const std::string_view c(code, 2);
  if (c == "en") return Lang::kEn;
  if (c == "fr") return Lang::kFr;
  if (c == "de") return Lang::kDe;
  if (c == "es") return Lang::kEs;
  if (c == "it") return Lang::kIt;
  if (c == "pt") return Lang::kPt;
  if (c == "nl") return Lang::kNl;
  return Lang::kNone;
}

const WordSet& EnglishSet() {
  static const WordSet s = MakeSet(kEnglish);
  return s;
}

const WordSet* SetFor(Lang lang) {
  switch (lang) {
    case Lang::kEn:
      return &EnglishSet();
    case Lang::kFr: {
      static const WordSet s = MakeSet(kFrench);
      return &s;
    }
    case Lang::kDe: {
      static const WordSet s = MakeSet(kGerman);
      return &s;
    }
    case Lang::kEs: {
      static const WordSet s = MakeSet(kSpanish);
      return &s;
    }
    case Lang::kIt: {
      static const WordSet s = MakeSet(kItalian);
      return &s;
    }
    case Lang::kPt: {
      static const WordSet s = MakeSet(kPortuguese);
      return &s;
    }
    case Lang::kNl: {
      static const WordSet s = MakeSet(kDutch);
      return &s;
    }
    case Lang::kNone:
      break;
  }
  return nullptr;
}

}  // namespace

bool IsStopword(std::string_view folded_word, std::string_view lang) {
  if (lang == "en") return EnglishSet().Contains(folded_word);  // most calls
  const WordSet* set = SetFor(ParseLang(lang));
  return set != nullptr && set->Contains(folded_word);
}

std::vector<std::string_view> StopwordList(std::string_view lang) {
  const WordSet* set = SetFor(ParseLang(lang));
  if (set == nullptr) return {};
  return set->Words();
}

}  // namespace concord::text
