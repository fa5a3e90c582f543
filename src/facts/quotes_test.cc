// Golden table for FindQuotes: invented news passages and every quotation
// they must yield, formatted as
//   "<text> | <speaker as written> -> <resolved name> | <verb> | <venue>"
// with "/" between the parts of a split quote and "!" after an unbalanced
// one.
#include "src/facts/quotes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace concord::facts {
namespace {

std::string Format(const Quote& q, std::string_view text) {
  std::string s;
  for (size_t k = 0; k < q.parts.size(); ++k) {
    if (k > 0) s += " / ";
    s += text.substr(q.parts[k].begin, q.parts[k].end - q.parts[k].begin);
  }
  if (q.unbalanced) s += "!";
  s += " | " + q.speaker + " -> " + q.speaker_name + " | " + q.verb + " | " +
       q.venue;
  return s;
}

struct Row {
  const char* text;
  std::vector<std::string> expected;
};

const Row kRows[] = {
    // Speaker after the quote.
    {"\"We are counting on the exchanges,\" President Volodymyr Zelensky "
     "said.",
     {"We are counting on the exchanges | President Volodymyr Zelensky -> "
      "Volodymyr Zelensky | said | "}},
    {"“We are ready for talks,” said Foreign Minister Andrii Sybiha.",
     {"We are ready for talks | Foreign Minister Andrii Sybiha -> Andrii "
      "Sybiha | said | "}},
    {"“We’re counting on the exchanges,” Zelenskyy wrote on X.",
     {"We’re counting on the exchanges | Zelenskyy -> Zelenskyy | wrote | on "
      "X"}},
    {"\"The parties agreed to return to the agreements,\" Mr Umerov said in "
     "a statement on Telegram.",
     {"The parties agreed to return to the agreements | Mr Umerov -> Umerov "
      "| said | in a statement on Telegram"}},
    {"\"Many meetings are devoted to this,\" Mr Zelensky said in a video "
     "posted on the Telegram messaging app.",
     {"Many meetings are devoted to this | Mr Zelensky -> Zelensky | said | "
      "in a video posted on the Telegram messaging app"}},
    {"“The city is surrounded,” the mayor told reporters.",
     {"The city is surrounded | mayor -> mayor | told | "}},
    {"\"Units struck the refinery,\" the Ukrainian General Staff said.",
     {"Units struck the refinery | Ukrainian General Staff -> Ukrainian "
      "General Staff | said | "}},
    {"\"The toll is rising,\" said a senior official.",
     {"The toll is rising | a senior official -> a senior official | said | "}},
    // Pronouns resolve to the last person named before.
    {"Rustem Umerov met the envoys. \"This concerns 1,200 Ukrainians,\" he "
     "said.",
     {"This concerns 1,200 Ukrainians | he -> Rustem Umerov | said | "}},
    {"Mr Zelensky spoke after Rustem Umerov. \"Many meetings are under way,\" "
     "he said.",
     {"Many meetings are under way | he -> Rustem Umerov | said | "}},
    {"Maria Zakharova spoke on Friday. “Nothing was agreed,” she said.",
     {"Nothing was agreed | she -> Maria Zakharova | said | "}},
    {"\"Ten people were killed in the attack on the taxi stand\" a district "
     "of the old city said Governor Talal al-Barazi.",
     {"Ten people were killed in the attack on the taxi stand | Governor "
      "Talal al-Barazi -> Talal al-Barazi | said | "}},
    {"\"Much of the aid was destroyed,\" Red Cross spokesman Benoit "
     "Carpentier told reporters in Geneva.",
     {"Much of the aid was destroyed | Red Cross spokesman Benoit Carpentier "
      "-> Benoit Carpentier | told | in Geneva"}},
    {"\"We redesigned the valve,\" said Pellora's chief engineer, Ines "
     "Carrow.",
     {"We redesigned the valve | Pellora's chief engineer, Ines Carrow -> "
      "Ines Carrow | said | "}},
    {"Rhys Gannet, 67, who has lived on Tanner Street for years, sat down. "
     "\"I have never seen it that brown,\" he said.",
     {"I have never seen it that brown | he -> Rhys Gannet | said | "}},
    // Speaker before the quote.
    {"Umerov said: \"We will return to the Istanbul agreements.\"",
     {"We will return to the Istanbul agreements. | Umerov -> Umerov | said "
      "| "}},
    {"In a message on X, Zelenskyy emphasized the efforts, stating, “We are "
     "counting on the resumption of exchanges.”",
     {"We are counting on the resumption of exchanges. | Zelenskyy -> "
      "Zelenskyy | stating | "}},
    {"Rustem Umerov said talks would resume, hoping that soldiers could "
     "“celebrate the New Year at home.”",
     {"celebrate the New Year at home. | Rustem Umerov -> Rustem Umerov | "
      "said | "}},
    {"The ceasefire is \"holding for now,\" according to Reuters.",
     {"holding for now | Reuters -> Reuters | according to | "}},
    // Split quotes and multi-sentence quotes.
    {"\"We hope,\" he said, \"that the guns fall silent.\"",
     {"We hope / that the guns fall silent. | he -> he | said | "}},
    {"“We are counting on the exchanges. Many meetings are under way to "
     "ensure this,” Zelenskyy wrote.",
     {"We are counting on the exchanges. Many meetings are under way to "
      "ensure this | Zelenskyy -> Zelenskyy | wrote | "}},
    {"“The front is holding,” Oleksandr Syrskyi said, “but the enemy is "
     "pressing hard.”",
     {"The front is holding / but the enemy is pressing hard. | Oleksandr "
      "Syrskyi -> Oleksandr Syrskyi | said | "}},
    // Continuation paragraphs and unbalanced marks.
    {"“We are counting on the exchanges,” Zelenskyy wrote on X.\n“Many "
     "meetings are under way to ensure this.”",
     {"We are counting on the exchanges | Zelenskyy -> Zelenskyy | wrote | on "
      "X",
      "Many meetings are under way to ensure this. | Zelenskyy -> Zelenskyy "
      "|  | "}},
    {"\"The strikes are a deadly escalation\" said Kenneth Roth. \"In the "
     "last six months the shelling has doubled.\" Aid agencies disagreed.",
     {"The strikes are a deadly escalation | Kenneth Roth -> Kenneth Roth | "
      "said | ",
      "In the last six months the shelling has doubled. | Kenneth Roth -> "
      "Kenneth Roth |  | "}},
    {"\"We will stay,\" said Kenneth Roth. Aid agencies disagreed and "
     "left. \"Nobody asked us what we think about it.\"",
     {"We will stay | Kenneth Roth -> Kenneth Roth | said | ",
      "Nobody asked us what we think about it. |  ->  |  | "}},
    {"The spokesman said: \"The talks failed and nobody knows why\nThe next "
     "paragraph has no quote.",
     {"The talks failed and nobody knows why! | spokesman -> spokesman | said "
      "| "}},
    {"“The first paragraph of a long statement goes on\n“and the second one "
     "ends it,” the minister said.",
     {"The first paragraph of a long statement goes on |  ->  |  | ",
      "and the second one ends it | minister -> minister | said | "}},
    {"At the summit: «We will not give in», Macron said.",
     {"We will not give in | Macron -> Macron | said | "}},
    {"In Berlin: „Wir verhandeln weiter“, Scholz told reporters.",
     {"Wir verhandeln weiter | Scholz -> Scholz | told | "}},
    // Nested single quotes stay inside.
    {"“They called it a ‘special operation’ from the start,” the analyst "
     "said.",
     {"They called it a ‘special operation’ from the start | analyst -> "
      "analyst | said | "}},
    {"“We will rebuild every house,” Mayor Vitali Klitschko told the BBC.",
     {"We will rebuild every house | Mayor Vitali Klitschko -> Vitali "
      "Klitschko | told | "}},
    {"\"Ten people were killed,\" said Talal al-Barazi, the governor.",
     {"Ten people were killed | Talal al-Barazi -> Talal al-Barazi | said | "}},
    {"“Where is the aid we were promised?” asked a resident.",
     {"Where is the aid we were promised? | a resident -> a resident | asked "
      "| "}},
    {"“The strikes will continue,” the ministry said in a statement on "
     "Telegram.",
     {"The strikes will continue | ministry -> ministry | said | in a "
      "statement on Telegram"}},
    {"The minister said 'we are ready to talk' before leaving.", {}},
    // Not quotes: scare quotes without a speaker, stray marks, apostrophes.
    {"The so-called \"liberation\" of the town was brief.", {}},
    {"Russia's army and Ukraine's forces didn't advance.", {}},
    {"A stray ” mark and a lone \" mark do no harm", {}},
    {"The report was titled \"Winter\" and sold well.", {}},
    {"", {}},
    {"\"\"", {}},
};

TEST(QuotesGolden, EachRow) {
  for (const Row& row : kRows) {
    std::vector<std::string> got;
    for (const Quote& q : FindQuotes(row.text))
      got.push_back(Format(q, row.text));
    EXPECT_EQ(got, row.expected) << "input: " << row.text;
  }
}

TEST(Quotes, SpeakerOffsetsPointAtTheName) {
  const std::string text = "\"We hope for peace,\" Mr Umerov said.";
  const std::vector<Quote> qs = FindQuotes(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(
      text.substr(qs[0].speaker_begin, qs[0].speaker_end - qs[0].speaker_begin),
      "Mr Umerov");
  EXPECT_EQ(qs[0].cue, SpeakerCue::kAfter);
  EXPECT_EQ(text.substr(qs[0].parts[0].begin,
                        qs[0].parts[0].end - qs[0].parts[0].begin),
            "We hope for peace");
}

TEST(Quotes, LongUnclosedQuoteIsCapped) {
  std::string text = "He said: \"";
  for (int k = 0; k < 2000; ++k) text += "word ";
  const std::vector<Quote> qs = FindQuotes(text, {.max_bytes = 1000});
  ASSERT_FALSE(qs.empty());
  EXPECT_TRUE(qs[0].unbalanced);
  EXPECT_LE(qs[0].parts[0].end - qs[0].parts[0].begin, 1100u);
}

// Inside a quotation the pairing jumps from one mark, line break or
// max_bytes limit to the next: these pin down what each one does.
TEST(Quotes, LineBreakInsideQuoteEndsItUnbalanced) {
  for (const std::string& text :
       {std::string("He said: \"We will stay here\nand fight\" on."),
        std::string("He said: \"We will stay here\r\nand fight\" on.")}) {
    const std::vector<Quote> qs = FindQuotes(text);
    ASSERT_EQ(qs.size(), 1u) << text;
    EXPECT_TRUE(qs[0].unbalanced);
    EXPECT_EQ(qs[0].text, "We will stay here");
  }
}

TEST(Quotes, LineBreakRightAfterTheOpeningMarkIsKept) {
  // (A straight mark opens only before a word; a curly one before anything.)
  const std::string text = "“\nWe will stay here,” Mr Umerov said.";
  const std::vector<Quote> qs = FindQuotes(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_FALSE(qs[0].unbalanced);
  EXPECT_EQ(qs[0].text, "We will stay here");
}

TEST(Quotes, ParagraphOpeningWithAMarkContinuesTheQuote) {
  const std::string text =
      "He said: \"We will stay here and fight.\n\n\"We will not leave "
      "the city,\" he added.";
  const std::vector<Quote> qs = FindQuotes(text);
  ASSERT_EQ(qs.size(), 2u);
  EXPECT_FALSE(qs[0].unbalanced);
  EXPECT_EQ(qs[0].text, "We will stay here and fight.");
  EXPECT_EQ(qs[1].text, "We will not leave the city");
}

TEST(Quotes, LongQuoteAfterLineBreaksIsCapped) {
  // Line breaks before the opening mark and far after it: the cap still
  // closes the quote at the first token past max_bytes.
  std::string text = "Intro.\n\nHe said: \"";
  for (int k = 0; k < 400; ++k) text += "word ";
  text += "\nmore\" end.";
  const std::vector<Quote> qs = FindQuotes(text, {.max_bytes = 100});
  ASSERT_FALSE(qs.empty());
  EXPECT_TRUE(qs[0].unbalanced);
  EXPECT_LE(qs[0].parts[0].end - qs[0].parts[0].begin, 105u);
  EXPECT_GE(qs[0].parts[0].end - qs[0].parts[0].begin, 95u);
}

}  // namespace
}  // namespace concord::facts
