import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DEADLINE_QUEUE } from '@app/deadlines';
import { FileStorage } from '@app/files';

const TIMEOUT_MS = 2000;

/** Whether the database, the deadline queue and the file storage answer, each within a short time. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue,
    private readonly storage: FileStorage,
  ) {}

  async check() {
    const [database, queue, storage] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.queue.getJobCounts('waiting')),
      probe(() => this.storage.ping()),
    ]);
    return { status: database === 'up' && queue === 'up' && storage === 'up' ? 'ok' : 'error', checks: { database, queue, storage } };
  }
}

async function probe(call: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)));
  try {
    await Promise.race([call(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
