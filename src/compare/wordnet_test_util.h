// Shared by the WordNet tests: synthetic dictionaries written to disk.
#ifndef CONCORD_COMPARE_WORDNET_TEST_UTIL_H_
#define CONCORD_COMPARE_WORDNET_TEST_UTIL_H_

#include <map>
#include <string>

namespace concord::compare {

// Writes `files` (file name -> contents) into a fresh, empty directory
// `name` under the test temporary directory; returns its path.
std::string WriteWordNetDir(const std::string& name,
                            const std::map<std::string, std::string>& files);

}  // namespace concord::compare

#endif  // CONCORD_COMPARE_WORDNET_TEST_UTIL_H_
