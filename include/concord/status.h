// Status and Result<T>: errors as values.
//
// A Status is either OK or carries a code and a message that says what failed
// and where ("examples/a.jsonl:12: malformed JSON at byte 41: ..."). Functions
// whose failure a caller should expect return a Status or a Result<T>; the
// core never throws for them. Both types are cheap to move and [[nodiscard]].
//
// Thread safety: values; distinct objects may be used from distinct threads.
#ifndef CONCORD_STATUS_H_
#define CONCORD_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "concord/export.h"

namespace concord {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something that cannot be done
  kNotFound,         // a file or record does not exist
  kIoError,          // the operating system refused a read or write
  kBadInput,         // input data is malformed: bad UTF-8, bad JSON, binary
  kUnsupported,      // a format or feature this build does not handle
  kInternal,         // a bug in Concord
};

class [[nodiscard]] CONCORD_EXPORT Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) {
    return {StatusCode::kNotFound, std::move(m)};
  }
  static Status IoError(std::string m) {
    return {StatusCode::kIoError, std::move(m)};
  }
  static Status BadInput(std::string m) {
    return {StatusCode::kBadInput, std::move(m)};
  }
  static Status Unsupported(std::string m) {
    return {StatusCode::kUnsupported, std::move(m)};
  }
  static Status Internal(std::string m) {
    return {StatusCode::kInternal, std::move(m)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "bad input: file.jsonl:3: ..." ; "OK" when ok().
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Result<T> holds a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT
  // REQUIRES: !status.ok() for the Status constructor.

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace concord

#define CONCORD_RETURN_IF_ERROR(expr)         \
  do {                                        \
    ::concord::Status _st = (expr);           \
    if (!_st.ok()) return _st;                \
  } while (0)

#endif  // CONCORD_STATUS_H_
