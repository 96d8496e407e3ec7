import { CoreSchema1763800000000 } from './1763800000000-core-schema';
import { DeadlineTimers1763810000000 } from './1763810000000-deadline-timers';
import { Users1763820000000 } from './1763820000000-users';
import { ReportRollups1763830000000 } from './1763830000000-report-rollups';
import { LiveCounts1763840000000 } from './1763840000000-live-counts';
import { EventLogNoDelete1764650000000 } from './1764650000000-event-log-no-delete';
import { IdempotencyKeyPerAgency1764650100000 } from './1764650100000-idempotency-key-per-agency';
import { DeadlineRecompute1764700000000 } from './1764700000000-deadline-recompute';
import { SessionRevocation1764700100000 } from './1764700100000-session-revocation';
import { TwoFactor1764700200000 } from './1764700200000-two-factor';
import { AuditLog1764700300000 } from './1764700300000-audit-log';
import { EventIdempotencyKey1764700400000 } from './1764700400000-event-idempotency-key';
import { NationalCalendar20271764700500000 } from './1764700500000-national-calendar-2027';
import { LienThong1764800000000 } from './1764800000000-lien-thong';
import { StepLateness1764800100000 } from './1764800100000-step-lateness';
import { DossierFiles1764800300000 } from './1764800300000-dossier-files';
import { DigitizationMetrics1764800400000 } from './1764800400000-digitization-metrics';
import { LookupKey1764800500000 } from './1764800500000-lookup-key';
import { WithdrawnIndex1764800600000 } from './1764800600000-withdrawn-index';
import { IssuedForms1764800700000 } from './1764800700000-issued-forms';

/** Every migration, in order; listed explicitly so the compiled build needs no file globbing. */
export const MIGRATIONS = [CoreSchema1763800000000, DeadlineTimers1763810000000, Users1763820000000, ReportRollups1763830000000, LiveCounts1763840000000, EventLogNoDelete1764650000000, IdempotencyKeyPerAgency1764650100000, DeadlineRecompute1764700000000, SessionRevocation1764700100000, TwoFactor1764700200000, AuditLog1764700300000, EventIdempotencyKey1764700400000, NationalCalendar20271764700500000, LienThong1764800000000, StepLateness1764800100000, DossierFiles1764800300000, DigitizationMetrics1764800400000, LookupKey1764800500000, WithdrawnIndex1764800600000, IssuedForms1764800700000];
