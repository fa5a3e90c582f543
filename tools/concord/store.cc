// concord ingest | stories | show --db FILE : the incremental store.
//
// ingest adds inputs to an SQLite database and brings its stories up to
// date (Store::Ingest); Ctrl-C or SIGTERM stops reading, commits what was
// read and leaves the stories as they were (exit 130; the next ingest takes
// the pending articles in). stories lists the stories, largest first; show
// prints one story's report, as JSON (the element `analyze --format json`
// writes) or as text.
#include "concord/render.h"
#include "concord/store.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/base/progress_bar.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_updating{false};

// While reading: stop after the current block, commit, exit 130. While the
// stories are updated (one transaction): exit at once; SQLite drops the
// unfinished transaction as it would after kill -9, so the stories stay as
// they were and the next ingest takes the pending articles in.
extern "C" void OnStopSignal(int) {
  if (g_updating.load()) {
    static const char kMsg[] =
        "\ningest: interrupted while updating stories: the articles are "
        "committed, the stories are as before the update (run concord "
        "ingest again)\n";
    [[maybe_unused]] ssize_t n = write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
    _exit(130);
  }
  g_stop.store(true);
}

struct IngestArgs {
  std::string db;
  std::vector<std::string> inputs;
  unsigned threads = 0;
  uint64_t memory_budget_mb = 1024;
  size_t batch = 500;
  bool recompute = false;
  bool quiet = false;
};

// Opens the store, or says why not and returns null. Only ingest creates
// one (a typo in `stories --db` must not leave an empty database behind).
std::unique_ptr<Store> OpenStore(const std::string& db, bool create) {
  Result<std::unique_ptr<Store>> store =
      !create && !std::filesystem::exists(db)
          ? Result<std::unique_ptr<Store>>(
                Status::NotFound(db + ": no such store (concord ingest --db " +
                                 db + " INPUT... creates it)"))
          : Store::Open(db);
  if (!store.ok()) {
    std::cerr << "concord: " << store.status().ToString() << "\n";
    return nullptr;
  }
  return std::move(store).value();
}

int RunIngest(const IngestArgs& args) {
  std::unique_ptr<Store> store = OpenStore(args.db, true);
  if (store == nullptr) return 2;
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  // Restarted reads: a pipe being read (`... | concord ingest /dev/stdin`)
  // keeps its data; the flag is seen before the next block.
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  StoreIngestOptions options;
  options.analyze.threads = args.threads;
  options.analyze.reuse.threads = args.threads;
  options.analyze.memory_budget = args.memory_budget_mb << 20;
  options.batch_articles = args.batch;
  options.recompute_all = args.recompute;
  options.cancel = &g_stop;
  options.before_update = [] { g_updating.store(true); };
  ProgressBar bar(stderr, !args.quiet && isatty(STDERR_FILENO) != 0);
  options.progress = [&bar](const Progress& p) {
    bar.Update(p.stage, p.unit, p.done, p.total, p.bytes);
  };
  Result<StoreIngestResult> result = store->Ingest(args.inputs, options);
  bar.Finish();
  if (!result.ok()) {
    std::cerr << "concord: " << result.status().ToString() << "\n";
    return 2;
  }
  const StoreIngestResult& r = *result;
  for (const Status& w : r.warnings) {
    std::cerr << "concord: warning: " << w.message() << "\n";
  }
  for (const Status& e : r.errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
  }
  std::fprintf(
      stderr,
      "ingest: %llu articles read: %llu added, %llu already stored"
      "%s; %llu articles in %s\n",
      static_cast<unsigned long long>(r.read),
      static_cast<unsigned long long>(r.added),
      static_cast<unsigned long long>(r.unchanged),
      r.renamed ? (", " + std::to_string(r.renamed) + " renamed").c_str() : "",
      static_cast<unsigned long long>(r.articles), args.db.c_str());
  if (r.interrupted) {
    std::fprintf(stderr,
                 "ingest: interrupted: the articles read are committed; "
                 "stories not updated (run concord ingest --db %s again)\n",
                 args.db.c_str());
    return 130;
  }
  if (r.stories_updated && r.older_analysis) {
    std::fprintf(stderr,
                 "ingest: the stories were analysed by another version of "
                 "concord: every story recomputed\n");
  }
  if (r.stories_updated) {
    std::fprintf(stderr,
                 "ingest: %llu stories: %llu analysed, %llu unchanged "
                 "(%.1f s)\n",
                 static_cast<unsigned long long>(r.stories),
                 static_cast<unsigned long long>(r.stories_analysed),
                 static_cast<unsigned long long>(r.stories_kept),
                 r.stats.ingest_seconds + r.stats.extract_seconds +
                     r.stats.cluster_seconds + r.stats.reuse_seconds);
  } else {
    std::fprintf(stderr, "ingest: %llu stories, none changed\n",
                 static_cast<unsigned long long>(r.stories));
  }
  return r.errors.empty() ? 0 : 1;
}

struct StoriesArgs {
  std::string db;
  std::string format = "text";
  size_t limit = 0;
};

int RunStories(const StoriesArgs& args) {
  std::unique_ptr<Store> store = OpenStore(args.db, false);
  if (store == nullptr) return 2;
  Result<std::vector<StoredStory>> stories = store->Stories();
  Result<int64_t> pending = store->PendingArticles();
  if (!stories.ok() || !pending.ok()) {
    std::cerr << "concord: "
              << (stories.ok() ? pending.status() : stories.status()).ToString()
              << "\n";
    return 2;
  }
  size_t n = 0;
  for (const StoredStory& s : *stories) {
    if (args.limit > 0 && n++ >= args.limit) break;
    if (args.format == "json") {
      nlohmann::ordered_json j;
      j["key"] = s.key;
      j["number"] = s.number;
      j["size"] = s.size;
      j["first_published"] = s.first_published;
      j["last_published"] = s.last_published;
      j["headline"] = s.headline;
      std::cout << j.dump(-1, ' ', false,
                          nlohmann::ordered_json::error_handler_t::replace)
                << "\n";
    } else {
      const std::string dates =
          s.first_published.substr(0, 10) +
          (s.last_published.substr(0, 10) != s.first_published.substr(0, 10)
               ? " to " + s.last_published.substr(0, 10)
               : "");
      std::printf("%5lld  %-24s %-24s %s\n", static_cast<long long>(s.size),
                  s.key.c_str(), dates.c_str(), s.headline.c_str());
    }
  }
  if (*pending > 0) {
    std::cerr << "concord: " << *pending << " articles are not in stories "
              << "yet (an ingest is running, or was interrupted: then run "
              << "concord ingest --db " << args.db << ")\n";
  }
  return 0;
}

struct ShowArgs {
  std::string db;
  std::string story;
  std::string format = "json";
};

// A readable view of a story's JSON report.
std::string StoryText(const nlohmann::ordered_json& s) {
  std::string out;
  auto str = [](const nlohmann::json& j, const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>()
                                            : std::string();
  };
  out += "Story " + std::to_string(s.value("id", 0)) + ": " +
         str(s, "headline") + "\n";
  out += "  " + std::to_string(s.value("size", 0)) + " articles, " +
         str(s, "first_published") + " to " + str(s, "last_published") + "\n";
  if (s.contains("keywords") && !s["keywords"].empty()) {
    out += "  keywords:";
    for (const auto& k : s["keywords"]) out += " " + k.get<std::string>();
    out += "\n";
  }
  out += "\nArticles\n";
  for (const auto& a : s["articles"]) {
    const std::string role = RoleLabel(
        str(a, "role"), str(a, "derived_from"), a.value("family", -1));
    out += "  " + str(a, "id") + "  " + str(a, "source") + "  " +
           str(a, "published").substr(0, 10) + "  " + role + "\n    " +
           str(a, "title") + "\n";
    if (a.contains("swaps")) {
      out += "    swaps:";
      for (const auto& w : a["swaps"]) {
        out += " " + str(w, "from") + "→" + str(w, "to");
      }
      out += "\n";
    }
  }
  if (!s["families"].empty()) {
    out += "\nFamilies\n";
    for (const auto& f : s["families"]) {
      out += "  origin " + str(f, "origin") + ":";
      for (const auto& id : f["articles"]) out += " " + id.get<std::string>();
      out += "\n";
    }
  }
  if (!s["relations"].empty()) {
    out += "\nRelations\n";
    for (const auto& r : s["relations"]) {
      char buf[96];
      std::snprintf(buf, sizeof buf,
                    "  score %.2f, coverage %.2f/%.2f, longest %d words",
                    r.value("score", 0.0), r.value("coverage_a", 0.0),
                    r.value("coverage_b", 0.0), r.value("longest_passage", 0));
      out += "  " + str(r, "a") + " ~ " + str(r, "b") + ": " +
             str(r, "relation") + buf + "\n";
    }
  }
  if (s.contains("facts") && !s["facts"].empty()) {
    out += "\nFacts\n";
    for (const auto& c : s["facts"]) {
      out += "  [" + str(c, "status") + "] " + str(c, "kind") + " " +
             str(c, "slot") + ": " + str(c, "value") + " (" +
             std::to_string(c.value("sources", 0)) + " sources)";
      if (!str(c, "flag").empty()) out += " " + str(c, "flag");
      out += "\n";
    }
  }
  if (s.contains("conflicts") && !s["conflicts"].empty()) {
    out += "\nConflicts\n";
    for (const auto& c : s["conflicts"]) {
      out += "  " + str(c, "kind") + " " + str(c, "slot") + ":";
      const char* sep = " ";
      for (const auto& side : c["sides"]) {
        out += sep + str(side, "value") + " (";
        const char* comma = "";
        for (const auto& id : side["articles"]) {
          out += comma + id.get<std::string>();
          comma = ", ";
        }
        out += ")";
        sep = " vs ";
      }
      out += "\n";
    }
  }
  return out;
}

int RunShow(const ShowArgs& args) {
  std::unique_ptr<Store> store = OpenStore(args.db, false);
  if (store == nullptr) return 2;
  Result<std::string> report = store->StoryReport(args.story);
  if (!report.ok()) {
    std::cerr << "concord: " << report.status().ToString() << "\n";
    return 2;
  }
  const nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(*report, nullptr, false);
  if (j.is_discarded()) {
    std::cerr << "concord: " << args.db << ": the stored report of \""
              << args.story << "\" is not JSON\n";
    return 2;
  }
  if (args.format == "json") {
    std::cout << j.dump(2, ' ', false,
                        nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << StoryText(j);
  }
  return 0;
}

}  // namespace

void AddStoreCommands(CLI::App& app, Action* action) {
  auto ingest = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Add articles to an SQLite store and update its stories: new articles "
      "join stories or start new ones; relations and facts are recomputed "
      "for the stories they touch. The same article twice changes nothing.");
  cmd->add_option("--db", ingest->db, "The database file (created if absent)")
      ->required();
  cmd->add_option("inputs", ingest->inputs,
                  "Files or folders, as for analyze (none: only bring the "
                  "stories up to date)");
  cmd->add_option("--threads", ingest->threads,
                  "Worker threads (default 0: one per core)");
  cmd->add_option("--memory-budget", ingest->memory_budget_mb,
                  "MB of article texts held while updating stories "
                  "(default 1024)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 24));
  cmd->add_option("--batch", ingest->batch,
                  "Articles per committed transaction (default 500)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 24));
  cmd->add_flag("--recompute", ingest->recompute,
                "Recompute relations and facts of every story");
  cmd->add_flag("--quiet", ingest->quiet, "No progress bar");
  cmd->callback(
      [ingest, action] { *action = [ingest] { return RunIngest(*ingest); }; });

  auto stories = std::make_shared<StoriesArgs>();
  cmd = app.add_subcommand("stories",
                           "List the stories of a store, largest first: "
                           "size, key (its first article), dates, headline");
  cmd->add_option("--db", stories->db, "The database file")->required();
  cmd->add_option("--format", stories->format, "text or json (JSON Lines)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--limit", stories->limit, "At most this many (0: all)");
  cmd->callback([stories, action] {
    *action = [stories] { return RunStories(*stories); };
  });

  auto show = std::make_shared<ShowArgs>();
  cmd = app.add_subcommand(
      "show", "Print one story's report from a store, as analyze makes it");
  cmd->add_option("--db", show->db, "The database file")->required();
  cmd->add_option("story", show->story,
                  "A story key, the id of one of its articles, or its number")
      ->required();
  cmd->add_option("--format", show->format, "json (default) or text")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback(
      [show, action] { *action = [show] { return RunShow(*show); }; });
}

}  // namespace concord::cli
