#include "claimcheck/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace claimcheck {
namespace {

diagnostic write_error(const std::filesystem::path& target, const std::string& what) {
  return diagnostic{severity::error, "file.write", source_location{target.string(), 0, 0, ""},
                    what};
}

// Writes all of `content` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

std::optional<diagnostic> write_file_atomically(const std::filesystem::path& target,
                                                std::string_view content,
                                                const write_options& options) {
  std::error_code ec;
  if (!options.force && std::filesystem::exists(std::filesystem::symlink_status(target, ec))) {
    return diagnostic{severity::error, "file.exists", source_location{target.string(), 0, 0, ""},
                      "'" + target.string() + "' exists; use --force to replace it"};
  }
  // The temporary file lives in the target's folder so that rename() is
  // atomic (same file system) and a crash leaves the old file intact.
  std::filesystem::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return write_error(target, std::string("cannot create a temporary file: ") + std::strerror(errno));
  bool ok = write_all(fd, content) && ::fsync(fd) == 0;
  int saved_errno = errno;
  ok = (::close(fd) == 0) && ok;
  if (ok) {
    // mkstemp creates 0600; give the file the usual permissions.
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(pattern.c_str(), 0666 & ~mask);
    if (options.force) {
      if (::rename(pattern.c_str(), target.c_str()) == 0) return std::nullopt;
    } else {
      // link() refuses to replace an existing name, closing the gap between
      // the exists() test above and the move into place.
      if (::link(pattern.c_str(), target.c_str()) == 0) {
        ::unlink(pattern.c_str());
        return std::nullopt;
      }
      if (errno == EEXIST) {
        ::unlink(pattern.c_str());
        return diagnostic{severity::error, "file.exists",
                          source_location{target.string(), 0, 0, ""},
                          "'" + target.string() + "' exists; use --force to replace it"};
      }
    }
    saved_errno = errno;
  }
  ::unlink(pattern.c_str());
  return write_error(target, std::string("cannot write: ") + std::strerror(saved_errno));
}

}  // namespace claimcheck
