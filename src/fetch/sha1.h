// SHA-1 (FIPS 180-4), for WARC digests only ("sha1:" + base 32, the form WARC
// tools expect). SHA-1 is broken for collision resistance; here it only
// lets a reader check that a record arrived intact, which is what the WARC
// digests are for.
//
// Thread safety: Sha1 objects are values; the functions are reentrant.
// Cost: linear in the input, no allocation.
// Tests: sha1_test.cc (the FIPS 180 examples and a million 'a's).
#ifndef CONCORD_FETCH_SHA1_H_
#define CONCORD_FETCH_SHA1_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace concord::fetch {

class Sha1 {
 public:
  Sha1();
  void Update(std::string_view bytes);
  // The digest; the object must not be updated afterwards.
  std::array<uint8_t, 20> Finish();

 private:
  void Block(const uint8_t* p);
  uint32_t h_[5];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // bytes
};

// Lower-case hex of SHA-1(bytes), 40 characters.
std::string Sha1Hex(std::string_view bytes);
// RFC 4648 base 32 (upper case, no padding needed for 20 bytes: 32 chars).
std::string Base32(const uint8_t* data, size_t size);
// "sha1:" + Base32(SHA-1(bytes)), the WARC digest form.
std::string WarcSha1(std::string_view bytes);

}  // namespace concord::fetch

#endif  // CONCORD_FETCH_SHA1_H_
