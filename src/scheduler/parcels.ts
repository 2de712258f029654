// The `parcel.poll` job: registers the core's parcel poller with the durable job runner.
// DM trouble is handled inside the poller (retry later / pause), so only storage or
// programming errors reach the runner's own retry.
import { createParcelPoller, POLL_JOB, type PollerDeps } from '../core/customs';
import type { JobRunner } from './jobs';

export function registerParcelPolling(jobs: Pick<JobRunner, 'on'>, deps: PollerDeps): void {
  jobs.on(POLL_JOB, createParcelPoller(deps));
}
