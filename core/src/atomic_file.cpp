// SPDX-License-Identifier: MIT
#include "claimcheck/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
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

diagnostic exists_error(const std::filesystem::path& target) {
  return diagnostic{severity::error, "file.exists", source_location{target.string(), 0, 0, ""},
                    "'" + target.string() + "' exists; use --force to replace it"};
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

// A file descriptor closed when it goes out of scope.
class descriptor {
 public:
  explicit descriptor(int fd) : fd_(fd) {}
  ~descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  int get() const { return fd_; }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // Closes now and says whether the close succeeded (it can report a
  // delayed write error).
  bool close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

// A target that exists and is not a regular file is never renamed over: a
// character device (/dev/null, a terminal) or a FIFO is written in place, as
// the shell's `>` would; anything else is refused. Replacing /dev/null with a
// regular file (as root) would break every program on the machine.
std::optional<diagnostic> write_in_place(const std::filesystem::path& target,
                                         std::string_view content, mode_t kind) {
  if (S_ISDIR(kind)) {
    return write_error(target, "'" + target.string() + "' is a folder; name a file to write");
  }
  if (!S_ISCHR(kind) && !S_ISFIFO(kind)) {
    return write_error(target, "'" + target.string() +
                                   "' is not a regular file, a character device or a FIFO; "
                                   "claimcheck does not write to it");
  }
  // O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of
  // blocking; blocking is restored for the writes.
  descriptor fd(::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENXIO) {
      return write_error(
          target, "'" + target.string() + "' is a FIFO that nobody reads; start its reader first");
    }
    return write_error(target, std::string("cannot open for writing: ") + std::strerror(errno));
  }
  struct stat opened {};
  if (::fstat(fd.get(), &opened) != 0 || (opened.st_mode & S_IFMT) != (kind & S_IFMT)) {
    return write_error(target, "'" + target.string() + "' changed while it was opened");
  }
  int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
  if (!write_all(fd.get(), content)) {
    return write_error(target, std::string("cannot write: ") + std::strerror(errno));
  }
  if (!fd.close()) {
    return write_error(target, std::string("cannot write: ") + std::strerror(errno));
  }
  return std::nullopt;
}

// The temporary name of a write of `target`: ".NAME.tmp-XXXXXX" beside it.
std::string temp_prefix(const std::filesystem::path& target) {
  return "." + target.filename().string() + ".tmp-";
}

// Removes temporary files of our naming that a killed writer left beside the
// target. A writer holds an exclusive flock on its temporary file while it
// writes, and the kernel drops the lock when the process dies: a file whose
// lock can be taken belongs to no live writer.
void remove_stale_temporaries(const std::filesystem::path& folder,
                              const std::filesystem::path& target) {
  const std::string prefix = temp_prefix(target);
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name(entry->d_name);
    if (name.size() != prefix.size() + 6 || name.substr(0, prefix.size()) != prefix) continue;
    const std::filesystem::path path = folder / std::string(name);
    descriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) continue;
    struct stat opened {
    }, named{};
    if (::fstat(fd.get(), &opened) != 0 || !S_ISREG(opened.st_mode)) continue;
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;  // a writer is at work
    // Still the same file under that name (not replaced since it was opened).
    if (::lstat(path.c_str(), &named) == 0 && named.st_ino == opened.st_ino &&
        named.st_dev == opened.st_dev) {
      ::unlink(path.c_str());
    }
  }
  ::closedir(dir);
}

// Moves the finished temporary file `temp` into place: with force, rename()
// replaces the target atomically; without, link() refuses to replace an
// existing name, closing the gap between the existence test and the move.
std::optional<diagnostic> move_into_place(const std::string& temp,
                                          const std::filesystem::path& target, bool force) {
  int result =
      force ? ::rename(temp.c_str(), target.c_str()) : ::link(temp.c_str(), target.c_str());
  int saved_errno = errno;
  if (result == 0) {
    if (!force) ::unlink(temp.c_str());
    return std::nullopt;
  }
  ::unlink(temp.c_str());
  if (!force && saved_errno == EEXIST) return exists_error(target);
  return write_error(target, std::string("cannot write: ") + std::strerror(saved_errno));
}

// The usual permissions of a new file: 0666 less the umask.
mode_t new_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

enum class unnamed_outcome { done, unsupported };

// The temporary file has no name while it is written (O_TMPFILE), so a
// writer killed mid-write leaves nothing behind; it is linked into the
// folder only when complete. Returns `unsupported` where the file system or
// the kernel lacks O_TMPFILE, or /proc is not mounted (linkat needs it).
unnamed_outcome write_unnamed(const std::filesystem::path& folder,
                              const std::filesystem::path& target, std::string_view content,
                              bool force, std::optional<diagnostic>& problem) {
#ifdef O_TMPFILE
  descriptor fd(::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, new_file_mode()));
  if (fd.get() < 0) return unnamed_outcome::unsupported;
  const std::string self = "/proc/self/fd/" + std::to_string(fd.get());
  if (::access(self.c_str(), F_OK) != 0) return unnamed_outcome::unsupported;
  if (!write_all(fd.get(), content) || ::fsync(fd.get()) != 0) {
    problem = write_error(target, std::string("cannot write: ") + std::strerror(errno));
    return unnamed_outcome::done;
  }
  if (!force) {
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      problem = errno == EEXIST
                    ? exists_error(target)
                    : write_error(target, std::string("cannot write: ") + std::strerror(errno));
    }
    return unnamed_outcome::done;
  }
  // Replacing needs a name to rename from; it exists only for the moment
  // between the link and the rename.
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp = (folder / (temp_prefix(target) + "XXXXXX")).string();
    descriptor reserve(::mkstemp(temp.data()));
    if (reserve.get() < 0) break;
    ::unlink(temp.c_str());
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      if (errno == EEXIST) continue;
      break;
    }
    problem = move_into_place(temp, target, true);
    return unnamed_outcome::done;
  }
  problem = write_error(target, std::string("cannot write: ") + std::strerror(errno));
  return unnamed_outcome::done;
#else
  (void)folder, (void)target, (void)content, (void)force, (void)problem;
  return unnamed_outcome::unsupported;
#endif
}

// Without O_TMPFILE: a named temporary file, locked while it is written so
// that remove_stale_temporaries can tell it from one a killed writer left.
std::optional<diagnostic> write_named(const std::filesystem::path& folder,
                                      const std::filesystem::path& target, std::string_view content,
                                      bool force) {
  std::string temp;
  descriptor fd(-1);
  for (int attempt = 0; attempt < 100 && fd.get() < 0; ++attempt) {
    temp = (folder / (temp_prefix(target) + "XXXXXX")).string();
    int created = ::mkstemp(temp.data());
    if (created < 0) {
      return write_error(target,
                         std::string("cannot create a temporary file: ") + std::strerror(errno));
    }
    ::flock(created, LOCK_EX);
    // Another write's clean-up may have taken the file for a stale one
    // between its creation and the lock: then it has no name, start again.
    struct stat locked {};
    if (::fstat(created, &locked) == 0 && locked.st_nlink > 0) {
      fd.reset(created);
    } else {
      ::close(created);
    }
  }
  if (fd.get() < 0) return write_error(target, "cannot create a temporary file");
  bool ok = write_all(fd.get(), content) && ::fsync(fd.get()) == 0;
  int saved_errno = errno;
  if (ok) {
    // mkstemp creates 0600; give the file the usual permissions.
    ::fchmod(fd.get(), new_file_mode());
    // The lock is held until the file has its final name.
    auto problem = move_into_place(temp, target, force);
    return problem;
  }
  ::unlink(temp.c_str());
  return write_error(target, std::string("cannot write: ") + std::strerror(saved_errno));
}

}  // namespace

std::optional<diagnostic> write_file_atomically(const std::filesystem::path& target,
                                                std::string_view content,
                                                const write_options& options) {
  if (target.empty()) return write_error(target, "the file name is empty; name a file to write");
  // What the name leads to, through links: a device or a FIFO is written in
  // place, never replaced (with or without force: nothing stored is lost).
  struct stat followed {};
  if (::stat(target.c_str(), &followed) == 0 && !S_ISREG(followed.st_mode)) {
    return write_in_place(target, content, followed.st_mode);
  }
  std::error_code ec;
  if (!options.force && std::filesystem::exists(std::filesystem::symlink_status(target, ec))) {
    return exists_error(target);
  }
  // The temporary file lives in the target's folder so that rename() is
  // atomic (same file system) and a crash leaves the old file intact.
  std::filesystem::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  remove_stale_temporaries(folder, target);
  std::optional<diagnostic> problem;
  if (write_unnamed(folder, target, content, options.force, problem) == unnamed_outcome::done) {
    return problem;
  }
  return write_named(folder, target, content, options.force);
}

}  // namespace claimcheck
