import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { DEADLINE_QUEUE } from '@app/deadlines';
import { OPEN_STATUSES } from '@app/common';
import { overdueSql } from '@app/dossiers';

/** Prometheus metrics of this API process: HTTP traffic, process figures, and at scrape time open/overdue dossiers and the timer queue. */
@Injectable()
export class MetricsService {
  // A registry per application (not prom-client's global one), so several apps in one test process do not collide.
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'motcua_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectQueue(DEADLINE_QUEUE) queue: Queue,
    clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'motcua_' });
    new Gauge({
      name: 'motcua_dossiers_open',
      help: 'Open dossiers (processing, awaiting supplement, suspended) by status',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const rows: { status: string; n: string }[] = await dataSource.query('SELECT status, count(*) AS n FROM dossier WHERE status = ANY($1) GROUP BY status', [OPEN_STATUSES]);
        this.reset();
        for (const r of rows) this.set({ status: r.status }, Number(r.n));
      },
    });
    new Gauge({
      name: 'motcua_dossiers_overdue',
      help: 'Open dossiers past their due time (paused ones if paused after it), as the dossier list and the dashboard count them',
      registers: [this.registry],
      async collect() {
        const [row] = await dataSource.query(`SELECT count(*) AS n FROM dossier d WHERE ${overdueSql('$1')}`, [clock.now()]);
        this.set(Number(row.n));
      },
    });
    new Gauge({
      name: 'motcua_deadline_jobs',
      help: 'Deadline timer jobs by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
  }

  /** Express middleware: counts each answer under its route pattern (never the raw path: ids would explode the label set). */
  readonly track = (req: Request, res: Response, next: () => void): void => {
    const end = this.latency.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route });
      this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
