// Engine: the whole Concord pipeline behind one object.
//
//   concord::Engine engine(options);
//   engine.AddPaths({"news/"});          // text files, JSON Lines, folders
//   concord::Report report = engine.Run();
//
// Inputs that cannot be read (a missing file, invalid UTF-8, a malformed JSON
// line) do not stop the batch: each becomes an entry of Report::errors that
// names the file and the line or byte offset, and everything else is
// analysed. An Engine is not thread-safe; use one per thread. Run() analyses
// everything added so far; the report owns all its data.
#ifndef CONCORD_ENGINE_H_
#define CONCORD_ENGINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "concord/article.h"
#include "concord/export.h"
#include "concord/options.h"
#include "concord/status.h"

namespace concord {

// What the report says about one article.
struct ArticleSummary {
  std::string id;
  std::string title;  // from the metadata, else the headline found in text
  std::string source;
  std::string url;
  std::string published;  // as given, ISO 8601; empty when unknown
  std::string lang;       // given or detected (ISO 639-1)
  std::string origin;     // file, or file:line
  std::vector<std::string> headings;  // sub-headings inside the text
  std::vector<std::string> captions;
  std::vector<std::string> credits;   // "ALJAZEERA" from "Credited from: ..."
  std::vector<std::string> dropped;   // chrome lines removed from the body
  std::string body;  // the extracted body; filled only with keep_text
  // Text reuse within its story (empty for one-article stories): origin,
  // duplicate, near-duplicate, spun copy, rewrite, summary or independent.
  std::string role;
  int family = -1;  // index into its Story::families, -1 for none
  // The id of the family member it most likely derives from (its role is
  // their relation); empty for an origin and outside families.
  std::string derived_from;
  // For a spun copy: the substitutions that betray the spinner, as
  // (relative's words, this article's words).
  std::vector<std::pair<std::string, std::string>> swaps;
  uint32_t words = 0;  // words in the body
  uint32_t bytes = 0;  // bytes of the body
  uint32_t story = 0;  // Story::id of its story
};

// How two articles of a story relate (see docs/output.md for the classes).
struct PairwiseRelation {
  uint32_t a = 0, b = 0;  // indexes into Report::articles
  std::string relation;   // duplicate, near-duplicate, spun copy, rewrite,
                          // summary, independent
  double score = 0;
  double coverage_a = 0, coverage_b = 0;  // share of words aligned
  uint32_t longest_passage = 0;           // words
  uint32_t swaps = 0;                     // one-word substitutions
};

// Articles derived from one source text; the origin first.
struct Family {
  std::vector<uint32_t> articles;  // indexes into Report::articles
};

// Facts across the sources of a story (src/facts/reconcile.h). Sources are
// families: copies of one text count once, so an article outside every
// family is a source of its own.
struct FactClaim {
  std::string kind;   // "quantity" or "date"
  std::string slot;   // what is counted ("prisoner", "drone", "km", "usd")
                      // or "date"
  std::string value;  // normalised: "1200", "2023-12-03"
  std::vector<std::string> texts;  // as written, distinct ("1,200", "1200")
  std::vector<uint32_t> articles;  // indexes into Report::articles
  uint32_t sources = 0;            // independent sources stating it
  std::string status;              // "corroborated" or "single-source"
  std::string flag;  // why it deserves a look, or "": e.g. "date far from
                     // the story's dates (704 days)"
};

struct FactConflictSide {
  std::string value;  // as written in the first article giving it
  std::vector<uint32_t> articles;
};

// Two sources give different values for what reads as the same slot.
struct FactConflict {
  std::string kind;  // "number" (quantity) or "date"
  std::string slot;
  std::vector<FactConflictSide> sides;
};

// A person, place or organisation, its spellings merged across articles;
// `sources` 1 means only one source names it (a single-source detail).
struct EntityGroup {
  std::string name;                   // the longest spelling
  std::string type;                   // person, place, organization, other
  std::vector<std::string> variants;  // distinct spellings, several when
                                      // sources spell it differently
  std::vector<uint32_t> articles;
  uint32_t sources = 0;
};

struct QuoteVariant {
  uint32_t article = 0;
  std::string text;
  std::string venue;  // "on X", "in a video posted on Telegram", or ""
  // "" (as its relatives quote it, or no relative to compare with),
  // "altered" (words inside the marks swapped against a relative of the
  // same source) or "paraphrased" (the same quote reworded inside marks).
  std::string flag;
  std::vector<std::pair<std::string, std::string>> swaps;  // relative → this
};

struct QuoteGroup {
  std::string speaker;  // "" when no article names one
  std::vector<QuoteVariant> variants;  // one per article quoting it
  uint32_t sources = 0;
};

// One sentence of the extractive brief, taken verbatim from an article.
struct BriefSentence {
  uint32_t article = 0;
  std::string text;
  std::vector<uint32_t> supported_by;  // articles stating its facts
  uint32_t sources = 0;                // independent sources among them
};

struct Story {
  uint32_t id = 0;        // 0, 1, 2, … in order of first publication
  std::string headline;   // the headline of its earliest article with one
  std::vector<uint32_t> articles;  // indexes into Report::articles, in
                                   // publication order
  std::string first_published, last_published;  // empty when undated
  std::vector<std::string> keywords;  // the centroid's heaviest terms
  std::vector<PairwiseRelation> relations;  // every pair compared
  std::vector<Family> families;
  // Facts across sources (stories of two or more articles).
  std::vector<FactClaim> claims;          // corroborated first
  std::vector<FactConflict> conflicts;
  std::vector<EntityGroup> entities;      // most sources first
  std::vector<QuoteGroup> quotes;
  std::vector<BriefSentence> brief;       // in reading order of importance
};

// Where the time went, for `analyze --stats` and the benchmarks.
struct RunStats {
  double ingest_seconds = 0;    // reading and decoding inputs
  double extract_seconds = 0;   // chrome removal, language id, term counts
  double cluster_seconds = 0;   // weighting and online clustering
  double reuse_seconds = 0;     // alignment and relations within stories
  uint64_t pairs_compared = 0;  // article pairs aligned
  // Stories analysed while clustering went on (closed to new members
  // before the input ended); their time counts in cluster_seconds.
  uint64_t stories_early = 0;
  uint64_t input_bytes = 0;     // text bytes ingested
  uint64_t candidates_scored = 0;  // story comparisons made by the clusterer
  uint64_t postings_scanned = 0;   // index entries read by the clusterer
  uint64_t index_bytes = 0;  // clusterer's index and centroids at the end
  uint64_t articles = 0;           // articles analysed
  uint64_t stories = 0;            // stories found
  // Article texts and term bags kept for later stages (bytes): held in
  // memory up to AnalyzeOptions::memory_budget, the rest spilled to a
  // temporary file.
  uint64_t held_bytes = 0;
  uint64_t spilled_bytes = 0;
  unsigned threads = 1;  // worker threads used
};

struct Report {
  std::vector<ArticleSummary> articles;  // in input order
  std::vector<Story> stories;            // largest first, then by id
  std::vector<Status> errors;            // inputs that failed, in order
  std::vector<Status> warnings;          // repaired inputs (renamed ids)
  RunStats stats;
};

// Receives a report one story at a time from Engine::Run(ReportSink*), so a
// report larger than memory is written as it is made. The engine calls
// Begin once, then Render for every story (from worker threads, several
// stories at once) and Write with the rendered stories in report order
// (largest first, then by id; one call at a time, from the thread that
// called Run), then End. A failed Begin or Write stops the run.
class CONCORD_EXPORT ReportSink {
 public:
  virtual ~ReportSink() = default;
  // `head` holds the errors and warnings (its articles and stories are
  // empty); `articles` and `stories` are the counts the report will have.
  virtual Status Begin(const Report& head, size_t articles,
                       size_t stories) = 0;
  // Renders one story. Must only read its arguments: it runs concurrently
  // with other Render calls. `articles` is indexed by Story::articles; only
  // the story's own members may be read (others are being written).
  virtual std::string Render(
      const Story& story, const std::vector<ArticleSummary>& articles) const = 0;
  virtual Status Write(const std::string& rendered) = 0;
  virtual Status End() = 0;
};

// Progress of a run, for a progress bar (Engine::SetProgress).
struct Progress {
  const char* stage = "";  // "read", "cluster", "reuse"
  const char* unit = "";   // "articles", "stories"
  uint64_t done = 0;
  uint64_t total = 0;      // 0 when not known yet (while reading)
  uint64_t bytes = 0;      // input bytes so far (reading), else 0
};

class CONCORD_EXPORT Engine {
 public:
  explicit Engine(AnalyzeOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Reads files and folders (recursively: text files, JSON Lines, web pages
  // (.html, .htm, .gz), WARC archives and RSS/Atom feeds; see
  // src/ingest/reader.h). Each article is handed to AddArticle as soon as
  // it is read. Failures are recorded for the report; reading goes on.
  void AddPaths(const std::vector<std::string>& paths);
  // Adds one article. Its `ordinal` is assigned by the engine. When
  // `article.html` is set, the page is extracted now (ExtractWebPage, web.h):
  // its body becomes `text`, its metadata fills empty fields, the markup is
  // dropped; a page with no article text is recorded as an error instead.
  void AddArticle(Article article);
  size_t articles() const;

  // Analyses everything added and returns the whole report. Run() and
  // Run(sink) may be called once per engine, one of them.
  Report Run();

  // The same report, streamed to `sink` story by story, with memory for a
  // few stories at a time; returns the run's statistics, or the sink's
  // first failure (or a spill-file failure).
  Result<RunStats> Run(ReportSink* sink);

  // Called now and then (every few hundred articles or dozens of stories)
  // from the thread calling AddPaths/Run, for a progress bar. Optional.
  void SetProgress(std::function<void(const Progress&)> callback);

  // Called before a story's relations, families and facts are computed,
  // from worker threads (several stories at once; it must only read its
  // arguments, as ReportSink::Render). Returning false skips that work:
  // the story reaches the sink with its members, dates and keywords but no
  // relations, families or facts, and its articles without role, family or
  // swaps. The store uses it to recompute only the stories a new batch
  // touched. Optional; by default every story is analysed.
  void SetReuseFilter(
      std::function<bool(const Story&, const std::vector<ArticleSummary>&)>
          filter);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord

#endif  // CONCORD_ENGINE_H_
