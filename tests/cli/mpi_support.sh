# Sourced by the MPI tests (tests/cli/mpi_*.sh): mpi_run N COMMAND... runs COMMAND on N
# processes with Open MPI's mpirun. --allow-run-as-root: CI runs as root;
# --oversubscribe: more processes than cores (CI has 2); single-copy transfers off, since
# containers often forbid the ptrace they need (ranks would print CMA errors).
command -v mpirun >/dev/null || {
  echo "MPI test: mpirun is missing: scripts/setup.sh installs openmpi-bin" >&2
  exit 1
}
# Under the sanitizer build (scripts/sanitize.sh) leak checking is off for the processes
# mpirun starts: Open MPI does not free what its plugins (dlopen'ed, so their frames cannot
# be named in a suppression) allocate in MPI_Init and MPI_Finalize. pcsim's own code on
# these paths is leak-checked by the same runs without mpirun in the other tests.
mpi_run() {
  local processes=$1
  shift
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  mpirun --allow-run-as-root --oversubscribe --mca btl_vader_single_copy_mechanism none \
    -np "$processes" "$@"
}
