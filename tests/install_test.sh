#!/usr/bin/env bash
# cmake --install of a build tree, then what an installed copy must do: the binary runs a
# shipped scenario named relative to nowhere in particular (found under
# share/cablesim/scenarios), the documentation is where and as Debian's policy asks (README,
# tutorial and changelog gzip -9n, a DEP-5 copyright file, the examples), init names the
# installed JSON Schemas, the sender is there, the manual page renders with `man -l` without a
# warning, the bash completion completes subcommands, options and the shipped scenarios'
# names, a program of someone else's (examples/embed) builds against the installed CMake
# package and runs a scenario, and the Python module (when built) imports and runs one; neither
# the installed CMake targets nor the module link MPI (only the program runs under mpirun).
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cmake --install "$build" --prefix "$root/usr" > /dev/null
fail() { echo "install_test: $*" >&2; exit 1; }

for f in bin/cablesim share/man/man1/cablesim.1.gz share/bash-completion/completions/cablesim \
         share/cablesim/scenarios/ntm-iraq-2008.yaml share/cablesim/scenarios/networks/dts-2008.yaml \
         share/cablesim/scenarios/data/cablegate-headers.txt \
         share/cablesim/scenarios/tutorial/01-one-message.yaml \
         share/cablesim/schema/scenario.schema.json share/cablesim/schema/network.schema.json \
         share/doc/cablesim/README.md.gz share/doc/cablesim/tutorial.md.gz \
         share/doc/cablesim/changelog.gz share/doc/cablesim/copyright \
         share/doc/cablesim/examples/results_pandas.py share/doc/cablesim/examples/embed/embed.cpp \
         share/doc/cablesim/docs/dts-capacity.svg \
         share/doc/cablesim-dev/copyright share/doc/cablesim-dev/changelog.gz; do
  [ -e "$root/usr/$f" ] || fail "not installed: $f"
done
# Documentation as Debian's policy asks (§12.3, §12.5, §12.7): the manual, tutorial and
# changelog compressed with gzip -9n (maximum compression, no file name, no time stamp), the
# copyright file a DEP-5 file as it is, nothing else of share/doc uncompressed but examples
# and the figure README shows (an image, as dh_compress leaves images).
for f in share/doc/cablesim/README.md.gz share/doc/cablesim/tutorial.md.gz \
         share/doc/cablesim/changelog.gz share/doc/cablesim-dev/changelog.gz; do
  header=$(od -An -tx1 -N10 "$root/usr/$f" | tr -d ' \n')
  # 1f8b 08 (deflate), flags 00 (no name), mtime 00000000, extra flags 02 (-9)
  [[ $header == 1f8b0800000000000203 ]] || fail "$f is not gzip -9n (header $header)"
done
cmp -s <(zcat "$root/usr/share/doc/cablesim/tutorial.md.gz") "$source/docs/tutorial.md" ||
  fail "the installed tutorial is not docs/tutorial.md"
head -1 "$root/usr/share/doc/cablesim/copyright" |
  grep -qx "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" ||
  fail "share/doc/cablesim/copyright is not a DEP-5 file"
version=$("$root/usr/bin/cablesim" --version | cut -d' ' -f2)
zcat "$root/usr/share/doc/cablesim/changelog.gz" | head -1 | grep -q "^cablesim ($version) " ||
  fail "the changelog's first entry is not version $version"
stray=$(cd "$root/usr/share/doc" && find . -type f ! -name '*.gz' ! -name copyright ! -path '*/examples/*' \
  ! -path ./cablesim/docs/dts-capacity.svg)
[ -z "$stray" ] || fail "uncompressed documentation: $stray"

cd "$root"  # no scenarios here: they must come from the installed copy
out=$("$root/usr/bin/cablesim" run flash-preemption.yaml)
grep -q "^conservation: 4 addressed = 4 delivered" <<< "$out" || fail "run flash-preemption.yaml: $out"
"$root/usr/bin/cablesim" run scenarios/relay-outage.yaml > /dev/null || fail "run scenarios/relay-outage.yaml"
"$root/usr/bin/cablesim" route networks/dts-2008.yaml RUEHC RUEHFR | grep -q "^RUEHC RUEH RUDKC RUEHFR$" ||
  fail "route networks/dts-2008.yaml"
# Every subcommand that reads a scenario finds the installed ones (sweep did not: issue 32.16).
for cmd in "compare flash-preemption.yaml --replications 2 --jobs 1" \
           "sweep flash-preemption.yaml --load 1 --replications 2 --jobs 1"; do
  # shellcheck disable=SC2086
  "$root/usr/bin/cablesim" $cmd > /dev/null 2> err.txt || fail "$cmd: $(cat err.txt)"
done
"$root/usr/bin/cablesim" run scenarios/tutorial/01-one-message.yaml |
  grep -q "^conservation: 1 addressed = 1 delivered" || fail "run scenarios/tutorial/01-one-message.yaml"
# init names the installed schemas; the sender is installed (a subcommand).
"$root/usr/bin/cablesim" init starter > /dev/null || fail "init starter"
head -1 starter/scenario.yaml |
  grep -qx "# yaml-language-server: \$schema=$root/usr/share/cablesim/schema/scenario.schema.json" ||
  fail "init's scenario names $(head -1 starter/scenario.yaml)"
"$root/usr/bin/cablesim" run starter/scenario.yaml | grep -q "^conservation: 148 addressed = 148 delivered" ||
  fail "init's starter scenario does not run"
"$root/usr/bin/cablesim" send --help | grep -q "^usage: cablesim send FILE" || fail "no cablesim send"
if "$root/usr/bin/cablesim" run no-such-scenario.yaml 2> err.txt; then fail "a missing scenario ran"; fi
grep -q "no-such-scenario.yaml: no such file" err.txt || fail "missing scenario: $(cat err.txt)"

page=$(MANWIDTH=100 man --warnings -l "$root/usr/share/man/man1/cablesim.1.gz" 2> man-warnings.txt)
[ ! -s man-warnings.txt ] || fail "man -l warns: $(cat man-warnings.txt)"
for section in NAME SYNOPSIS SUBCOMMANDS "EXIT STATUS" FILES; do
  grep -q "^$section" <<< "$page" || fail "the manual page has no $section"
done
for sub in init parse run compare sweep serve send route dot schema bench; do
  grep -q "^   $sub$" <<< "$page" || fail "the manual page has no subcommand $sub"
done
grep -q -- "--sample STEP" <<< "$page" || fail "the manual page lacks run's --sample"

completions=$(PATH="$root/usr/bin:$PATH" bash -c '
  shopt -s extglob
  source "$0"
  COMP_WORDS=(cablesim co); COMP_CWORD=1; _cablesim; echo "sub: ${COMPREPLY[*]}"
  COMP_WORDS=(cablesim compare x.yaml --prec); COMP_CWORD=3; _cablesim; echo "opt: ${COMPREPLY[*]}"
  COMP_WORDS=(cablesim run x.yaml --discipline preempt-r); COMP_CWORD=4; _cablesim
  echo "discipline: ${COMPREPLY[*]}"
  COMP_WORDS=(cablesim run flash-pre); COMP_CWORD=2; _cablesim; echo "shipped: ${COMPREPLY[*]}"
  COMP_WORDS=(cablesim compare tutorial/01); COMP_CWORD=2; _cablesim; echo "tutorial: ${COMPREPLY[*]}"
  COMP_WORDS=(cablesim route networks/dts-2); COMP_CWORD=2; _cablesim; echo "network: ${COMPREPLY[*]}"
  ' "$root/usr/share/bash-completion/completions/cablesim")
grep -q "^sub: compare$" <<< "$completions" || fail "completion: $completions"
grep -q "^opt: --precision$" <<< "$completions" || fail "completion: $completions"
grep -q "^discipline: preempt-restart preempt-resume$" <<< "$completions" || fail "completion: $completions"
grep -q "^shipped: flash-preemption.yaml$" <<< "$completions" || fail "completion: $completions"
grep -q "^tutorial: tutorial/01-one-message.yaml$" <<< "$completions" || fail "completion: $completions"
grep -q "^network: networks/dts-2008.yaml$" <<< "$completions" || fail "completion: $completions"
# Embedding: find_package(cablesim) gives namespaced targets, the gateway its own.
targets=$root/usr/lib/cmake/cablesim/cablesimTargets.cmake
for t in base topology sim experiment report live; do
  grep -q "add_library(cablesim::$t STATIC IMPORTED)" "$targets" || fail "no target cablesim::$t"
done
# Only the program links MPI (it alone runs under mpirun): the installed libraries' targets
# bring none to an embedding program.
# (MPI's CMake and Boost targets, its libraries by name: not "mpi" alone, which COMPILE holds.)
mpi='MPI::|Boost::mpi|boost_mpi|libmpi'
! grep -qE "$mpi" "$targets" || fail "the installed CMake targets link MPI: $(grep -E "$mpi" "$targets")"
# The public headers: each includes installed headers only, and all of them compile together
# against the installed copy alone; the internals are not installed.
include=$root/usr/include/cablesim
for h in $(cd "$include" && find . -name '*.h' | sed 's|^\./||' | sort); do
  for dep in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$include/$h"); do
    [ -e "$include/$dep" ] || fail "installed $h includes $dep, which is not installed"
  done
  echo "#include \"$h\""
done > all_headers.cpp
for internal in sim/report/csv_field.h sim/experiment/result_codec.h topology/yaml_support.h; do
  [ ! -e "$include/$internal" ] || fail "an internal header is installed: $internal"
done
cxx=$(sed -n "s/^CMAKE_CXX_COMPILER:[A-Z]*=//p" "$build/CMakeCache.txt")
"${cxx:-c++}" -std=c++20 -fsyntax-only -I"$include" all_headers.cpp 2> headers.log ||
  fail "the installed headers do not compile alone: $(head -20 headers.log)"
# The consumer is compiled as the libraries were (the asan preset's sanitizers, say).
cxx_flags=$(sed -n 's/^CMAKE_CXX_FLAGS:[A-Z]*=//p' "$build/CMakeCache.txt")
cmake -S "$source/examples/embed" -B "$root/embed" -DCMAKE_PREFIX_PATH="$root/usr" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" > embed.log 2>&1 ||
  fail "configuring examples/embed: $(tail -20 embed.log)"
cmake --build "$root/embed" > embed.log 2>&1 || fail "building examples/embed: $(tail -20 embed.log)"
embedded=$("$root/embed/embed" "$root/usr/share/cablesim/scenarios/flash-preemption.yaml")
grep -q "^conservation: 4 addressed = 4 delivered + 0 in flight + 0 other$" <<< "$embedded" ||
  fail "examples/embed: $embedded"
# The Python module, when this build made it: the installed one imports from
# lib/python3/dist-packages alone and runs an installed scenario.
if compgen -G "$build/python/cablesim.*.so" > /dev/null; then
  compgen -G "$root/usr/lib/python3/dist-packages/cablesim.*.so" > /dev/null ||
    fail "not installed: the Python module in lib/python3/dist-packages"
  [ -f "$root/usr/share/doc/python3-cablesim/copyright" ] || fail "python3-cablesim has no copyright"
  out=$(PYTHONPATH="$root/usr/lib/python3/dist-packages" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c '
import sys, cablesim
assert cablesim.__file__.startswith(sys.argv[1]), cablesim.__file__
run = cablesim.Scenario.load(sys.argv[2]).run()
print(run.conservation["addressed"], len(run.addressees))' "$root/usr/lib/python3/dist-packages" \
    "$root/usr/share/cablesim/scenarios/flash-preemption.yaml" 2>&1) ||
    fail "the installed Python module: $out"
  [ "$out" = "4 4" ] || fail "the installed Python module ran: $out"
  # import cablesim loads no MPI library (the module links the runner without MPI's ranks).
  needed=$(objdump -p "$root"/usr/lib/python3/dist-packages/cablesim.*.so | grep NEEDED)
  ! grep -qi mpi <<< "$needed" || fail "the Python module links MPI: $needed"
fi
echo "install_test: ok"
