// The Open MPI communicator (runner/communicator.hpp). The only file that includes <mpi.h>.
// The C API only: Open MPI's deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <exception>
#include <vector>

#include <fmt/format.h>

#include "runner/communicator.hpp"

namespace pcsim::runner {

namespace {

// Point-to-point messages of gather() carry this tag; collectives need none.
constexpr int kGatherTag = 16;
// The most doubles one message carries: MPI counts are ints (2^31 - 1), and smaller
// pieces keep each message well inside what every transport handles.
constexpr std::size_t kMaxMessageDoubles = std::size_t{1} << 27;  // 1 GiB

std::string error_text(int code) {
  std::array<char, MPI_MAX_ERROR_STRING> text{};
  int length = 0;
  if (MPI_Error_string(code, text.data(), &length) != MPI_SUCCESS)
    return fmt::format("code {}", code);
  return std::string(text.data(), static_cast<std::size_t>(length));
}

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) {
    throw CommunicationError(
        fmt::format("the MPI call {} failed: {} (a process of the run may "
                    "have died)",
                    what, error_text(code)));
  }
}

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator() {
    check(MPI_Comm_dup(MPI_COMM_WORLD, &comm_), "MPI_Comm_dup");
    // Errors come back as codes (turned into CommunicationError) rather than ending the
    // process in the middle of a write: the results file's temporary is removed first.
    check(MPI_Comm_set_errhandler(comm_, MPI_ERRORS_RETURN), "MPI_Comm_set_errhandler");
    check(MPI_Comm_rank(comm_, &rank_), "MPI_Comm_rank");
    check(MPI_Comm_size(comm_, &size_), "MPI_Comm_size");
    MPI_Comm local = MPI_COMM_NULL;
    check(MPI_Comm_split_type(comm_, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local),
          "MPI_Comm_split_type");
    int local_rank = 0;
    check(MPI_Comm_size(local, &local_size_), "MPI_Comm_size");
    check(MPI_Comm_rank(local, &local_rank), "MPI_Comm_rank");
    MPI_Comm_free(&local);
    const int first_here = local_rank == 0 ? 1 : 0;
    check(MPI_Allreduce(&first_here, &hosts_, 1, MPI_INT, MPI_SUM, comm_), "MPI_Allreduce");
    std::array<char, MPI_MAX_LIBRARY_VERSION_STRING> version{};
    int length = 0;
    if (MPI_Get_library_version(version.data(), &length) == MPI_SUCCESS) {
      library_.assign(version.data(), static_cast<std::size_t>(length));
      library_ = library_.substr(0, library_.find_first_of(",\n"));  // "Open MPI v4.1.4"
    }
  }
  ~MpiCommunicator() override {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!finalised) MPI_Comm_free(&comm_);
  }
  MpiCommunicator(const MpiCommunicator&) = delete;
  MpiCommunicator& operator=(const MpiCommunicator&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_size() const override { return local_size_; }
  std::string name() const override {
    return fmt::format("{}, {} process{} on {} host{}", library_.empty() ? "MPI" : library_, size_,
                       size_ == 1 ? "" : "es", hosts_, hosts_ == 1 ? "" : "s");
  }

  ProcessFailure agree(const ProcessFailure& mine) const override {
    // The lowest failing rank, then its code and message from it.
    const int candidate = mine.code != 0 ? rank_ : size_;
    int first = size_;
    check(MPI_Allreduce(&candidate, &first, 1, MPI_INT, MPI_MIN, comm_), "MPI_Allreduce");
    if (first == size_) return {};
    std::array<std::int64_t, 2> header{mine.code, static_cast<std::int64_t>(mine.text.size())};
    check(MPI_Bcast(header.data(), 2, MPI_INT64_T, first, comm_), "MPI_Bcast");
    ProcessFailure agreed;
    agreed.code = static_cast<int>(header[0]);
    agreed.rank = first;
    agreed.text =
        rank_ == first ? mine.text : std::string(static_cast<std::size_t>(header[1]), ' ');
    if (header[1] > 0) {
      check(MPI_Bcast(agreed.text.data(),
                      static_cast<int>(std::min<std::int64_t>(header[1], INT_MAX)), MPI_CHAR, first,
                      comm_),
            "MPI_Bcast");
    }
    return agreed;
  }

  void broadcast(std::int64_t& value) const override {
    check(MPI_Bcast(&value, 1, MPI_INT64_T, 0, comm_), "MPI_Bcast");
  }

  void gather(std::span<const double> block, const BlockReceiver& receive) const override {
    if (rank_ != 0) {
      std::int64_t count = static_cast<std::int64_t>(block.size());
      check(MPI_Send(&count, 1, MPI_INT64_T, 0, kGatherTag, comm_), "MPI_Send");
      for (std::size_t at = 0; at < block.size(); at += kMaxMessageDoubles) {
        const std::size_t n = std::min(kMaxMessageDoubles, block.size() - at);
        check(MPI_Send(block.data() + at, static_cast<int>(n), MPI_DOUBLE, 0, kGatherTag, comm_),
              "MPI_Send");
      }
      return;
    }
    std::exception_ptr failure;
    const auto deliver = [&](int rank, std::span<const double> values) {
      if (failure) return;  // keep receiving, so that no sender waits for ever
      try {
        receive(rank, values);
      } catch (...) {
        failure = std::current_exception();
      }
    };
    deliver(0, block);
    std::vector<double> buffer;
    for (int source = 1; source < size_; ++source) {
      std::int64_t count = 0;
      check(MPI_Recv(&count, 1, MPI_INT64_T, source, kGatherTag, comm_, MPI_STATUS_IGNORE),
            "MPI_Recv");
      buffer.resize(static_cast<std::size_t>(count));
      for (std::size_t at = 0; at < buffer.size(); at += kMaxMessageDoubles) {
        const std::size_t n = std::min(kMaxMessageDoubles, buffer.size() - at);
        check(MPI_Recv(buffer.data() + at, static_cast<int>(n), MPI_DOUBLE, source, kGatherTag,
                       comm_, MPI_STATUS_IGNORE),
              "MPI_Recv");
      }
      deliver(source, buffer);
    }
    if (failure) std::rethrow_exception(failure);
  }

  void barrier() const override { check(MPI_Barrier(comm_), "MPI_Barrier"); }

  [[noreturn]] void abort(int code) const override {
    MPI_Abort(comm_, code);
    std::_Exit(code);  // MPI_Abort does not return; in case it does
  }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
  int local_size_ = 1;
  int hosts_ = 1;
  std::string library_;
};

}  // namespace

std::unique_ptr<Communicator> make_mpi_communicator() {
  return std::make_unique<MpiCommunicator>();
}

void initialise_mpi(int& argc, char**& argv) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (initialised) return;
  int provided = MPI_THREAD_SINGLE;
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw std::runtime_error("MPI could not be initialised");
  }
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw std::runtime_error("the MPI library does not allow threads (MPI_THREAD_FUNNELED)");
  }
}

void finalise_mpi() noexcept {
  int initialised = 0, finalised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  if (initialised && !finalised) MPI_Finalize();
}

}  // namespace pcsim::runner
