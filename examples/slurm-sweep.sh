#!/bin/bash
# A sweep on a Slurm cluster: a job array whose tasks each run one slice (shard) of the
# sweep's jobs (point x replication) on the CPUs Slurm gives them, then one job that merges
# the slices into the folder a single machine would have written (the same bytes).
#
# Submit both from the repository (or a folder holding the scenario), with one command:
#   bash examples/slurm-sweep.sh [more ephemera sweep options, e.g. --set duration=7d]
# Settings, from the environment [defaults]:
#   SCENARIO [scenarios/aiderss.yaml]   VARY [dns.records.1.ttl=30s,60s,5m,1h,2h]
#   REPLICATIONS [30]   SHARDS [10]: array tasks, one slice each
#   CPUS [1]: CPUs per task, and its worker threads; Slurm packs tasks onto nodes, so 1 runs
#     anywhere and still uses every core; more gives each task more threads
#   TIME [01:00:00]: each task's time limit   LOGS [logs]: Slurm's output files
#   OUT [results/ttl-sweep]: shard K of N in OUT/shard-K-of-N, the merge in OUT/all
#   EPHEMERA [node bin/ephemera.js in a checkout, else ephemera]: the command to run
#
# Or submit the array alone with sbatch (the #SBATCH lines below: 10 tasks, 1 CPU each;
# options given to sbatch win), and merge when it has finished:
#   mkdir -p logs && sbatch --cpus-per-task=4 examples/slurm-sweep.sh
#   npx ephemera merge results/ttl-sweep/shard-*-of-10 --out results/ttl-sweep/all
#
# Task K of an array always runs shard K + 1 of SHARDS (the count is passed explicitly, not
# read from the array's size), so a failed task can be rerun alone and gives the same bytes:
#   sbatch --array=3 examples/slurm-sweep.sh          (same settings in the environment)
# A task stopped by its time limit (state TIMEOUT in sacct or squeue) continues where it
# stopped with --resume, which reads the journal the sweep keeps in its output folder:
#   sbatch --array=3 --time=02:00:00 examples/slurm-sweep.sh --resume
# A task that Slurm requeues (after a node failure) resumes by itself.
#
#SBATCH --job-name=ephemera-sweep
#SBATCH --array=0-9
#SBATCH --ntasks=1
#SBATCH --time=01:00:00
#SBATCH --output=logs/%x-%A_%a.out
set -euo pipefail
task=${SLURM_ARRAY_TASK_ID:-}
# In a task, work where it was submitted from (sbatch's default; said here for clarity).
if [ -n "$task" ]; then cd "${SLURM_SUBMIT_DIR:-.}"; fi

export SCENARIO=${SCENARIO:-scenarios/aiderss.yaml}
export VARY=${VARY:-dns.records.1.ttl=30s,60s,5m,1h,2h}
export REPLICATIONS=${REPLICATIONS:-30}
export SHARDS=${SHARDS:-10}
export CPUS=${CPUS:-1}
export TIME=${TIME:-01:00:00}
export LOGS=${LOGS:-logs}
export OUT=${OUT:-results/ttl-sweep}
if [ -z "${EPHEMERA:-}" ]; then
  if [ -f bin/ephemera.js ]; then EPHEMERA="node bin/ephemera.js"; else EPHEMERA=ephemera; fi
fi
export EPHEMERA

if [ -z "$task" ]; then
  # Not an array task: submit the array, then the merge, which runs once every task has succeeded.
  mkdir -p "$LOGS"
  array=$(sbatch --parsable --export=ALL --array="0-$((SHARDS - 1))" --cpus-per-task="$CPUS" --time="$TIME" \
    --output="$LOGS/%x-%A_%a.out" "$0" "$@")
  array=${array%%;*}
  merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" --job-name=ephemera-merge --time="$TIME" \
    --output="$LOGS/%x-%j.out" \
    --wrap="$EPHEMERA merge $(printf '%q' "$OUT")/shard-*-of-$SHARDS --out $(printf '%q' "$OUT/all")")
  merge=${merge%%;*}
  echo "array job $array: $SHARDS task(s), shard K of $SHARDS in $OUT/shard-K-of-$SHARDS"
  echo "merge job $merge: after every task succeeds, into $OUT/all"
  exit 0
fi

if [ "$task" -ge "$SHARDS" ]; then
  echo "array task $task is not one of the $SHARDS shards (tasks 0-$((SHARDS - 1))): submit with --array=0-$((SHARDS - 1)), or set SHARDS" >&2
  exit 2
fi
shard=$((task + 1))
extra=("$@")
if [ "${SLURM_RESTART_COUNT:-0}" -gt 0 ] && [[ " ${extra[*]} " != *" --resume "* ]]; then
  extra+=(--resume) # requeued: continue from the journal
fi

$EPHEMERA sweep "$SCENARIO" \
  --vary "$VARY" \
  --replications "$REPLICATIONS" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$shard/$SHARDS" \
  --quiet \
  --out "$OUT/shard-$shard-of-$SHARDS" \
  "${extra[@]}"
