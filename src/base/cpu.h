// What the processor offers beyond the build's baseline (plain x86-64),
// for the SIMD paths chosen at run time (tokenizer, shingles and MinHash,
// chrome rules, word counts, family bit sets). Each feature is asked once,
// on first use; elsewhere (or with another compiler) all are false.
#ifndef CONCORD_BASE_CPU_H_
#define CONCORD_BASE_CPU_H_

namespace concord::cpu {

struct Features {
  bool avx2 = false;
  bool popcnt = false;
  bool bmi = false;
};

inline const Features& Get() {
  static const Features f = [] {
    Features r;
#if defined(__x86_64__) && defined(__GNUC__)
    // May run before the library's own start-up code initialised what
    // __builtin_cpu_supports reads, hence the explicit init.
    __builtin_cpu_init();
    r.avx2 = __builtin_cpu_supports("avx2") != 0;
    r.popcnt = __builtin_cpu_supports("popcnt") != 0;
    r.bmi = __builtin_cpu_supports("bmi") != 0;
#endif
    return r;
  }();
  return f;
}

inline bool HasAvx2() { return Get().avx2; }
inline bool HasPopcnt() { return Get().popcnt; }
inline bool HasBmi() { return Get().bmi; }

}  // namespace concord::cpu

#endif  // CONCORD_BASE_CPU_H_
