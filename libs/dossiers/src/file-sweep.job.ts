/** The file sweep's queue: one scheduled job, whatever the number of workers. */
export const FILE_SWEEP_QUEUE = 'files';
export const FILE_SWEEP_JOB = 'sweep-orphans';
export const FILE_SWEEP_SCHEDULER_ID = 'file-orphan-sweep';
