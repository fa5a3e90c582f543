// Symbol visibility for the public API. Everything outside include/concord/
// is built with hidden visibility; only declarations marked CONCORD_EXPORT
// are part of the library's interface.
#ifndef CONCORD_EXPORT_H_
#define CONCORD_EXPORT_H_

#if defined(CONCORD_BUILDING)
#define CONCORD_EXPORT [[gnu::visibility("default")]]
#else
#define CONCORD_EXPORT
#endif

#endif  // CONCORD_EXPORT_H_
