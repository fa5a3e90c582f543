#include "concord/status.h"

namespace concord {

std::string Status::ToString() const {
  const char* prefix = "";
  switch (code_) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      prefix = "invalid argument: ";
      break;
    case StatusCode::kNotFound:
      prefix = "not found: ";
      break;
    case StatusCode::kIoError:
      prefix = "I/O error: ";
      break;
    case StatusCode::kBadInput:
      prefix = "bad input: ";
      break;
    case StatusCode::kUnsupported:
      prefix = "unsupported: ";
      break;
    case StatusCode::kInternal:
      prefix = "internal error: ";
      break;
  }
  return prefix + message_;
}

}  // namespace concord
