// The ranks of the job this process belongs to, for the program's compare and sweep. Defined
// by the library cablesim_job_ranks in one of two variants, chosen by the CMake option
// CABLESIM_MPI: job_ranks_mpi.cpp (Open MPI through Boost.MPI) or job_ranks_local.cpp (this
// process alone). Only what runs under mpirun links it (the program); the Python module and
// the installed libraries do not, so they load no MPI library.
#pragma once

#include <memory>

#include "sim/experiment/ranks.h"

namespace cablesim {

/// The ranks of this process's job. MPI is initialised (and finalised when the object ends)
/// only when a launcher started the process (OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK is
/// set): a plain `cablesim sweep` never touches MPI. At most one per process.
std::unique_ptr<Ranks> RanksFromEnvironment();

/// Whether this build has MPI (CMake option CABLESIM_MPI); without it every process is alone
/// and compare and sweep run on threads only.
bool RanksHaveMpi();

}  // namespace cablesim
