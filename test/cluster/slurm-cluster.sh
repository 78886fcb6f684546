#!/bin/bash
# A one-node Slurm cluster on localhost, for test/cluster/slurm.test.ts: munged, slurmctld and
# slurmd from Debian's munge and slurm-wlm, each with its key, socket, configuration, state,
# logs and pid file in DIR, on the ports given, so nothing of the machine's own is used or
# changed and two clusters can run side by side.
#
#   slurm-cluster.sh start DIR CTLD_PORT SLURMD_PORT   # prints: export SLURM_CONF=DIR/slurm.conf
#   slurm-cluster.sh wait DIR JOBID SECONDS            # until the job (every task) has left the queue
#   slurm-cluster.sh stop DIR                          # cancels its jobs, stops what start started
#
# Jobs run as the user who starts it (root on CI); CPUs are the machine's (nproc); processes
# are tracked without cgroups (proctrack/linuxproc), as in a container.
set -euo pipefail

usage='usage: slurm-cluster.sh start DIR CTLD_PORT SLURMD_PORT | wait DIR JOBID SECONDS | stop DIR'
cmd=${1:?$usage}
dir=${2:?name the cluster folder}

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_for() {
  local tenths=$1
  shift
  for ((i = 0; i < tenths; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}

# The pid in file $1 if that process is alive.
alive() {
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

stop() {
  export SLURM_CONF="$dir/slurm.conf"
  if alive "$dir/run/slurmctld.pid"; then
    scancel --quiet --full --user="$(id -un)" 2>/dev/null || true
    # Jobs get a moment to go (their steps are slurmd's children).
    wait_for 100 bash -c '[ -z "$(squeue -h -o %A 2>/dev/null)" ]' || true
  fi
  for daemon in slurmd slurmctld munged; do
    local pidfile="$dir/run/$daemon.pid"
    if alive "$pidfile"; then
      local pid
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      wait_for 100 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
    fi
  done
}

case "$cmd" in
  start)
    ctld_port=${3:?give the slurmctld port}
    slurmd_port=${4:?give the slurmd port}
    host=$(hostname -s)
    cpus=$(nproc)
    mkdir -p "$dir"/{munge,run,state,spool,log}
    # munged insists that its socket's folders be reachable by everyone, its key's not.
    chmod 755 "$dir" "$dir/run"
    chmod 700 "$dir/munge"
    mungekey --create --keyfile="$dir/munge/munge.key"
    munged --socket="$dir/run/munge.socket" --key-file="$dir/munge/munge.key" \
      --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
    cat >"$dir/slurm.conf" <<EOF
ClusterName=ephemera-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/run/munge.socket
SlurmUser=$(id -un)
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/builtin
# A job whose dependency can no longer be met (the merge after a failed task) is cancelled.
SchedulerParameters=kill_invalid_depend
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    export SLURM_CONF="$dir/slurm.conf"
    if ! slurmctld -f "$SLURM_CONF" || ! wait_for 300 scontrol ping; then
      echo "slurmctld did not start; its log:" >&2
      tail -n 30 "$dir/log/slurmctld.log" >&2 || true
      stop
      exit 1
    fi
    if ! slurmd -f "$SLURM_CONF" || ! wait_for 300 bash -c "sinfo -h -n $host -o %T | grep -qx idle"; then
      echo "slurmd did not register its node as idle; its log:" >&2
      tail -n 30 "$dir/log/slurmd.log" >&2 || true
      stop
      exit 1
    fi
    echo "export SLURM_CONF=$SLURM_CONF"
    ;;
  wait)
    # sbatch --wait polls ever more slowly (half a minute late here): ask squeue every 0.1 s.
    job=${3:?give the job id}
    seconds=${4:?give the time limit in seconds}
    export SLURM_CONF="$dir/slurm.conf"
    if ! wait_for $((seconds * 10)) bash -c "[ -z \"\$(squeue -h -j $job -o %A)\" ]"; then
      echo "job $job still queued after $seconds s:" >&2
      squeue -j "$job" >&2 || true
      exit 1
    fi
    ;;
  stop)
    stop
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
