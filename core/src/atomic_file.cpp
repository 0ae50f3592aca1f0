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
#include <functional>
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

// Reads the file of `fd` from its start to its end, a buffer at a time,
// each block passed to `take`; false (errno set) when a read fails.
bool read_blocks(int fd, std::string& buffer, const std::function<void(std::string_view)>& take) {
  for (off_t at = 0;;) {
    ssize_t got = ::pread(fd, buffer.data(), buffer.size(), at);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) return true;
    take(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    at += got;
  }
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

// The folder of the target, where its temporary file lives: rename() is
// atomic within one file system, and a crash leaves the old file intact.
std::filesystem::path folder_of(const std::filesystem::path& target) {
  std::filesystem::path folder = target.parent_path();
  return folder.empty() ? std::filesystem::path(".") : folder;
}

// A temporary file beside the target, written and then moved into place.
// Unnamed (O_TMPFILE) where the file system, the kernel and /proc allow it
// (linkat needs /proc), so that a writer killed mid-write leaves nothing
// behind: it is linked into the folder only when complete. Elsewhere named
// ".NAME.tmp-XXXXXX" and locked while it is written, so that
// remove_stale_temporaries can tell it from one a killed writer left.
class temporary_file {
 public:
  temporary_file() = default;
  ~temporary_file() { discard(); }
  temporary_file(const temporary_file&) = delete;
  temporary_file& operator=(const temporary_file&) = delete;

  // A file.write diagnostic when no temporary file can be made in `folder`.
  std::optional<diagnostic> create(const std::filesystem::path& folder,
                                   const std::filesystem::path& target) {
#ifdef O_TMPFILE
    // Readable too, so that what was written can be read back (a target
    // that became a device while it was written gets it in place).
    fd_.reset(::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, new_file_mode()));
    if (fd_.get() >= 0) {
      self_ = "/proc/self/fd/" + std::to_string(fd_.get());
      if (::access(self_.c_str(), F_OK) == 0) return std::nullopt;
      fd_.reset(-1);
    }
#endif
    for (int attempt = 0; attempt < 100 && fd_.get() < 0; ++attempt) {
      std::string temp = (folder / (temp_prefix(target) + "XXXXXX")).string();
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
        fd_.reset(created);
        name_ = temp;
      } else {
        ::close(created);
      }
    }
    if (fd_.get() < 0) return write_error(target, "cannot create a temporary file");
    return std::nullopt;
  }

  bool write(std::string_view piece) {
    return write_all(fd_.get(), piece);
  }

  // Everything written so far.
  bool read_back(std::string& content) const {
    std::string buffer(std::size_t{1} << 16, '\0');
    return read_blocks(fd_.get(), buffer,
                       [&content](std::string_view block) { content.append(block); });
  }

  // Flushes the file to disk and gives it the target's name (with force,
  // replacing what has it; without, refusing file.exists). Either way the
  // temporary file is gone afterwards.
  std::optional<diagnostic> publish(const std::filesystem::path& target, bool force) {
    if (::fsync(fd_.get()) != 0) {
      const int saved_errno = errno;
      discard();
      return write_error(target, std::string("cannot write: ") + std::strerror(saved_errno));
    }
    if (!name_.empty()) {
      // mkstemp creates 0600; give the file the usual permissions. The lock
      // is held until the file has its final name.
      ::fchmod(fd_.get(), new_file_mode());
      auto problem = move_into_place(name_, target, force);
      name_.clear();
      fd_.reset(-1);
      return problem;
    }
    std::optional<diagnostic> problem;
    if (!force) {
      if (::linkat(AT_FDCWD, self_.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) != 0) {
        problem = errno == EEXIST
                      ? exists_error(target)
                      : write_error(target, std::string("cannot write: ") + std::strerror(errno));
      }
      fd_.reset(-1);
      return problem;
    }
    // Replacing needs a name to rename from; it exists only for the moment
    // between the link and the rename.
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string temp = (folder_of(target) / (temp_prefix(target) + "XXXXXX")).string();
      descriptor reserve(::mkstemp(temp.data()));
      if (reserve.get() < 0) break;
      ::unlink(temp.c_str());
      if (::linkat(AT_FDCWD, self_.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) != 0) {
        if (errno == EEXIST) continue;
        break;
      }
      problem = move_into_place(temp, target, true);
      fd_.reset(-1);
      return problem;
    }
    problem = write_error(target, std::string("cannot write: ") + std::strerror(errno));
    fd_.reset(-1);
    return problem;
  }

  // Removes the file (an unnamed one vanishes when closed).
  void discard() {
    if (!name_.empty()) ::unlink(name_.c_str());
    name_.clear();
    fd_.reset(-1);
  }

 private:
  descriptor fd_{-1};
  std::string name_;  // empty when unnamed
  std::string self_;  // an unnamed file's /proc/self/fd path
};

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
  const std::filesystem::path folder = folder_of(target);
  remove_stale_temporaries(folder, target);
  temporary_file temp;
  if (auto problem = temp.create(folder, target)) return problem;
  if (!temp.write(content)) {
    const int saved_errno = errno;
    temp.discard();
    return write_error(target, std::string("cannot write: ") + std::strerror(saved_errno));
  }
  return temp.publish(target, options.force);
}

struct atomic_file_writer::state {
  std::filesystem::path target;
  write_options options;
  // A target that is not a regular file (written in place), or a folder
  // where no temporary file can be made: the text is held and
  // write_file_atomically decides at commit, as if given it whole.
  bool held_in_memory = false;
  std::string held;
  temporary_file temp;
  int write_errno = 0;  // of the first failed write
};

atomic_file_writer::atomic_file_writer(const std::filesystem::path& target,
                                       const write_options& options)
    : state_(std::make_unique<state>()) {
  state& s = *state_;
  s.target = target;
  s.options = options;
  struct stat followed {};
  s.held_in_memory =
      target.empty() || (::stat(target.c_str(), &followed) == 0 && !S_ISREG(followed.st_mode));
  if (s.held_in_memory) return;
  const std::filesystem::path folder = folder_of(target);
  remove_stale_temporaries(folder, target);
  s.held_in_memory = s.temp.create(folder, target).has_value();
}

atomic_file_writer::~atomic_file_writer() = default;

void atomic_file_writer::write(std::string_view piece) {
  state& s = *state_;
  if (s.held_in_memory) {
    s.held.append(piece);
  } else if (s.write_errno == 0 && !s.temp.write(piece)) {
    s.write_errno = errno;
  }
}

std::optional<diagnostic> atomic_file_writer::commit() {
  state& s = *state_;
  if (s.held_in_memory) {
    std::string text = std::move(s.held);
    return write_file_atomically(s.target, text, s.options);
  }
  // The checks of write_file_atomically, in its order, now that the text is
  // complete: a target that became a device or a FIFO meanwhile gets the
  // text in place, unless a piece failed to reach the temporary file (its
  // text is cut short, and a cut text is never written).
  struct stat followed {};
  if (::stat(s.target.c_str(), &followed) == 0 && !S_ISREG(followed.st_mode)) {
    if (s.write_errno != 0) {
      s.temp.discard();
      return write_error(s.target, std::string("cannot write: ") + std::strerror(s.write_errno));
    }
    std::string text;
    const bool read = s.temp.read_back(text);
    const int saved_errno = errno;
    s.temp.discard();
    if (!read) {
      return write_error(s.target, std::string("cannot write: ") + std::strerror(saved_errno));
    }
    return write_file_atomically(s.target, text, s.options);
  }
  std::error_code ec;
  if (!s.options.force && std::filesystem::exists(std::filesystem::symlink_status(s.target, ec))) {
    s.temp.discard();
    return exists_error(s.target);
  }
  if (s.write_errno != 0) {
    s.temp.discard();
    return write_error(s.target, std::string("cannot write: ") + std::strerror(s.write_errno));
  }
  return s.temp.publish(s.target, s.options.force);
}

namespace {

// Where a spill goes: $TMPDIR, as POSIX says, else /tmp.
std::filesystem::path spill_folder() {
  const char* folder = std::getenv("TMPDIR");
  return folder != nullptr && *folder != '\0' ? std::filesystem::path(folder)
                                              : std::filesystem::path("/tmp");
}

// `verb`: what failed ("create", "write", "read back").
diagnostic spill_error(const std::filesystem::path& folder, const char* verb, int cause) {
  return write_error(
      folder, std::string("cannot ") + verb + " the temporary file that holds the report in '" +
                  folder.string() + "' (TMPDIR, else /tmp): " + std::strerror(cause) +
                  "; set TMPDIR to a writable folder with room");
}

// An unnamed file in `folder`, readable and writable by us alone; -1
// (errno set) when none can be made.
int unnamed_file(const std::filesystem::path& folder) {
#ifdef O_TMPFILE
  // O_EXCL: the file can never be given a name.
  const int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
  // EISDIR/EOPNOTSUPP: a kernel or file system without O_TMPFILE.
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
#endif
  std::string name = (folder / "claimcheck-spill-XXXXXX").string();
  const int named = ::mkostemp(name.data(), O_CLOEXEC);
  if (named >= 0) ::unlink(name.c_str());
  return named;
}

}  // namespace

struct spilled_text::state {
  std::size_t block = default_block;
  std::string memory;  // the text not yet in the file (all of it, until a block is full)
  std::filesystem::path folder = spill_folder();  // where the file is made
  descriptor file{-1};
  std::size_t size = 0;
  std::optional<diagnostic> problem;

  // The memory's bytes to the end of the file, made on first use.
  void spill() {
    if (file.get() < 0) {
      file.reset(unnamed_file(folder));
      if (file.get() < 0) {
        problem = spill_error(folder, "create", errno);
        return;
      }
    }
    if (!write_all(file.get(), memory)) {
      problem = spill_error(folder, "write", errno);
      return;
    }
    memory.clear();
  }
};

spilled_text::spilled_text(std::size_t block) : state_(std::make_unique<state>()) {
  state_->block = block == 0 ? 1 : block;
}

spilled_text::~spilled_text() = default;

void spilled_text::append(std::string_view piece) {
  state& s = *state_;
  s.size += piece.size();
  if (s.problem) return;
  // A piece that fills the block is written with it in one go.
  s.memory.append(piece);
  if (s.memory.size() >= s.block) s.spill();
}

std::size_t spilled_text::size() const {
  return state_->size;
}

const std::optional<diagnostic>& spilled_text::problem() const {
  return state_->problem;
}

std::optional<diagnostic> spilled_text::replay(const std::function<void(std::string_view)>& sink) {
  state& s = *state_;
  if (s.problem) return s.problem;
  if (s.file.get() >= 0) {
    std::string buffer(s.block, '\0');
    if (!read_blocks(s.file.get(), buffer, sink)) {
      return spill_error(s.folder, "read back", errno);
    }
    s.file.reset(-1);
  }
  if (!s.memory.empty()) sink(s.memory);
  std::string().swap(s.memory);
  s.size = 0;
  return std::nullopt;
}

}  // namespace claimcheck
