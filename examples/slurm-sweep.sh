#!/bin/bash
# A TTL sweep spread over a Slurm job array: each array task runs one slice (shard) of the
# jobs (point x replication) on every core of its node, then one merge joins the slices.
#
#   mkdir -p logs && sbatch examples/slurm-sweep.sh     # 10 tasks: --array=0-9
#   # when all have finished (or chain it: sbatch --dependency=afterok:<jobid> ...):
#   npx ephemera merge results/ttl-sweep/shard-* --out results/ttl-sweep/all
#   npx ephemera report results/ttl-sweep/all
#
# ephemera reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_STEP and
# SLURM_ARRAY_TASK_COUNT, so no --shard is needed: task i runs shard (i - MIN) / STEP + 1
# of COUNT. The slices are fixed by the job list, so a failed task can be rerun alone
# (sbatch --array=3 examples/slurm-sweep.sh) and the merge gives the same bytes.
#SBATCH --job-name=ephemera-ttl-sweep
#SBATCH --array=0-9
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=8
#SBATCH --time=01:00:00
#SBATCH --output=logs/ttl-sweep-%A_%a.out
set -euo pipefail

SCENARIO=${SCENARIO:-scenarios/aiderss.yaml}
VARY=${VARY:-dns.records.1.ttl=30s,60s,5m,1h,2h}
REPLICATIONS=${REPLICATIONS:-30}
OUT=${OUT:-results/ttl-sweep}
EPHEMERA=${EPHEMERA:-npx ephemera}

# Submit from the repository (sbatch starts each task in the submission folder).
cd "${SLURM_SUBMIT_DIR:-.}"
$EPHEMERA sweep "$SCENARIO" \
  --vary "$VARY" \
  --replications "$REPLICATIONS" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --quiet \
  --out "$OUT/shard-${SLURM_ARRAY_TASK_ID}"
