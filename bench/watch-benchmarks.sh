#!/bin/sh
# The two figures of docs/BENCHMARKS.md, measured by FolderWatchingIT on Payara Micro and the PostgreSQL of
# TAGGER_TEST_DB_URL (see README "Test") with the fake vision server at 0 ms latency.
cd "$(dirname "$0")/.." || exit 1
mkdir -p target
mvn -o verify -Dit.test=FolderWatchingIT -Dtest=CandidateNamesTest -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 \
    | tee target/watch-benchmarks.log | grep -E 'BENCHMARK|Tests run:|BUILD'
